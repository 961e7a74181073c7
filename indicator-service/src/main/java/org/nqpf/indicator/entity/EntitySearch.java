package org.nqpf.indicator.entity;

/**
 * Which entities to list; every criterion optional.
 *
 * @param kind   REGION, INDUSTRY or ENTERPRISE
 * @param cohort members of this cohort
 * @param q      id, code or a name containing this text (case-insensitive)
 * @param parent direct children of this entity
 */
public record EntitySearch(String kind, String cohort, String q, String parent) {
}
