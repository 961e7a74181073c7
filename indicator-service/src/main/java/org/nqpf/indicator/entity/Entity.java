package org.nqpf.indicator.entity;

import java.util.List;

/**
 * What is assessed: a region (GB/T 2260 code), an industry (GB/T 4754 code) or an enterprise (unified social credit
 * code or any identifier), in a hierarchy through {@code parentId}.
 *
 * @param id      the platform's stable identifier, e.g. CN-11; never changes
 * @param kind    REGION, INDUSTRY or ENTERPRISE; never changes
 * @param tenant  the tenant whose portal may see it (docs/SECURITY.md); null for none, which no portal sees
 * @param cohorts the peer sets it is compared within
 */
public record Entity(String id, String kind, String code, String nameEn, String nameZh, String parentId,
        String tenant, List<String> cohorts) {

    public static final List<String> KINDS = List.of("REGION", "INDUSTRY", "ENTERPRISE");

    public Entity {
        cohorts = cohorts == null ? List.of() : List.copyOf(cohorts);
    }

    /** An entity of no tenant. */
    public Entity(String id, String kind, String code, String nameEn, String nameZh, String parentId,
            List<String> cohorts) {
        this(id, kind, code, nameEn, nameZh, parentId, null, cohorts);
    }
}
