package org.nqpf.indicator.catalog;

import java.time.Instant;
import java.util.List;

/** A framework version: immutable once published; a change makes a new version. */
public record Framework(String code, int version, String nameEn, String nameZh, String description,
        boolean isDefault, Instant createdAt, List<Indicator> indicators) {
}
