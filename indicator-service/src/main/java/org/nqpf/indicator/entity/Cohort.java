package org.nqpf.indicator.entity;

import java.util.List;

/** A named peer set: the entities an assessment compares with each other. */
public record Cohort(String code, String nameEn, String nameZh, String description, List<String> members) {

    public Cohort {
        members = members == null ? List.of() : List.copyOf(members);
    }
}
