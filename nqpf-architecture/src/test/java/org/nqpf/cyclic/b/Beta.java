package org.nqpf.cyclic.b;

import org.nqpf.cyclic.a.Alpha;

public class Beta {

    Alpha alpha;
}
