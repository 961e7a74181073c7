package org.nqpf.roadmap.planning;

import org.nqpf.roadmap.library.EntityKind;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param entityKind the kind of entity roadmaps are planned for: actions that do not apply to it are left out.
 *                   AssessmentComputed does not carry the kind, so it is configured (default REGION).
 */
@ConfigurationProperties("nqpf.roadmap")
public record RoadmapProperties(@DefaultValue("REGION") EntityKind entityKind) {
}
