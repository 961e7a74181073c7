package org.nqpf.roadmap.roadmaps;

/** What roadmap versions are counted by: an entity in two cohorts or frameworks has two roadmaps. */
public record RoadmapKey(String entityId, String cohort, String frameworkCode) {
}
