package org.nqpf.cyclic.a;

import org.nqpf.cyclic.b.Beta;

/** With {@link Beta}: a cycle between the packages a and b. */
public class Alpha {

    Beta beta;
}
