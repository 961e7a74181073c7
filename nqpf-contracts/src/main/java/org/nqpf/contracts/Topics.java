package org.nqpf.contracts;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Kafka topic names. Each has a dead-letter twin written by the consumer that rejected a record. */
public final class Topics {

    /**
     * Each government data feed pushes observations to its own topic, {@code nqpf.observations.raw.v1.<feed>}
     * (key: entity id): only that feed's principal may write it, so the topic names the writer (see
     * docs/SECURITY.md).
     */
    public static final String RAW_FEED_PREFIX = "nqpf.observations.raw.v1.";
    /** Every feed's raw topic and none of their dead-letter twins: feed names have no dots. */
    public static final String RAW_FEED_PATTERN = "nqpf\\.observations\\.raw\\.v1\\.([a-z0-9][a-z0-9-]*)";
    /** Canonical, validated observations written by indicator-service (key: entity id). */
    public static final String OBSERVATIONS = "nqpf.observations.v1";
    /** Assessment results written by assessment-service (key: entity id). */
    public static final String ASSESSMENTS = "nqpf.assessments.v1";
    /** Roadmaps written by roadmap-service (key: entity id). */
    public static final String ROADMAPS = "nqpf.roadmaps.v1";

    /** Entities as indicator-service's registry holds them, after each change (key: entity id; compacted). */
    public static final String ENTITIES = "nqpf.entities.v1";

    public static final String DLT_SUFFIX = ".DLT";

    /** The platform's own topics; each feed's raw topic is made when the feed is provisioned. */
    public static final List<String> ALL = List.of(OBSERVATIONS, ENTITIES, ASSESSMENTS, ROADMAPS);

    private static final Pattern FEED_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern RAW_FEED = Pattern.compile(RAW_FEED_PATTERN);

    private Topics() {
    }

    public static String deadLetter(String topic) {
        return topic + DLT_SUFFIX;
    }

    /** The raw topic only {@code feed} writes; a feed name is lower-case letters, digits and dashes. */
    public static String rawFeed(String feed) {
        if (feed == null || !FEED_NAME.matcher(feed).matches()) {
            throw new IllegalArgumentException("a feed name is lower-case letters, digits and dashes: '" + feed + "'");
        }
        return RAW_FEED_PREFIX + feed;
    }

    /** The feed whose raw topic this is; empty for any other topic, a dead-letter twin included. */
    public static Optional<String> feedOf(String topic) {
        Matcher m = topic == null ? null : RAW_FEED.matcher(topic);
        return m != null && m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
