package org.nqpf.contracts;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How long each topic keeps what it holds, chosen for what the topic is (docs/TOPICS.md has the table and the
 * reasons). Part of the contract: a consumer that rebuilds its state from the beginning of a topic relies on the
 * topic still holding its beginning. Whoever creates topics (the services' auto-configuration, the launcher, docker
 * compose's kafka-setup) applies these settings, with the replication factor and {@code min.insync.replicas} of its
 * cluster.
 */
public final class TopicSettings {

    /** Kept for ever: a service's state is derived from it, and {@code ./nqpf rebuild} reads it from offset 0. */
    public static final String FOREVER = "-1";
    /** Raw feed topics: indicator-service keeps every revision with the {@code ce_id} that brought it. */
    public static final String RAW_FEED_RETENTION_MS = String.valueOf(7L * 24 * 3600 * 1000);
    /** Dead letters: a month for an operator to find the cause and replay them. */
    public static final String DEAD_LETTER_RETENTION_MS = String.valueOf(30L * 24 * 3600 * 1000);
    /** Roadmaps: nothing inside the platform is derived from them; portals that miss a month read the API. */
    public static final String ROADMAPS_RETENTION_MS = String.valueOf(30L * 24 * 3600 * 1000);

    private TopicSettings() {
    }

    /** The topic-level configs of a platform topic, a feed's raw topic or a dead-letter twin. */
    public static Map<String, String> configs(String topic, int minInsyncReplicas) {
        if (minInsyncReplicas < 1) {
            throw new IllegalArgumentException("min.insync.replicas must be at least 1: " + minInsyncReplicas);
        }
        Map<String, String> configs = new LinkedHashMap<>();
        if (topic.endsWith(Topics.DLT_SUFFIX)) {
            configs.put("cleanup.policy", "delete");
            configs.put("retention.ms", DEAD_LETTER_RETENTION_MS);
        }
        else if (Topics.feedOf(topic).isPresent()) {
            configs.put("cleanup.policy", "delete");
            configs.put("retention.ms", RAW_FEED_RETENTION_MS);
        }
        else if (topic.equals(Topics.ENTITIES)) {
            // The latest record per entity is the entity: compaction keeps the topic the registry's size, for ever.
            configs.put("cleanup.policy", "compact");
            configs.put("retention.ms", FOREVER);
        }
        else if (topic.equals(Topics.OBSERVATIONS) || topic.equals(Topics.ASSESSMENTS)) {
            // Keyed by entity, many records per key (indicators, periods, cohorts): compaction would lose them.
            configs.put("cleanup.policy", "delete");
            configs.put("retention.ms", FOREVER);
            configs.put("retention.bytes", FOREVER);
        }
        else if (topic.equals(Topics.ROADMAPS)) {
            configs.put("cleanup.policy", "delete");
            configs.put("retention.ms", ROADMAPS_RETENTION_MS);
        }
        else {
            throw new IllegalArgumentException("not a platform topic: " + topic);
        }
        configs.put("min.insync.replicas", String.valueOf(minInsyncReplicas));
        return configs;
    }
}
