package org.nqpf.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicSettingsTest {

    @Test
    void should_KeepTheTopicsStateIsDerivedFromForEver() {
        for (String topic : new String[] {Topics.OBSERVATIONS, Topics.ASSESSMENTS}) {
            assertThat(TopicSettings.configs(topic, 2)).as(topic)
                    .containsEntry("retention.ms", "-1").containsEntry("retention.bytes", "-1")
                    .containsEntry("cleanup.policy", "delete").containsEntry("min.insync.replicas", "2");
        }
    }

    @Test
    void should_CompactTheEntities_AndGiveDeadLettersFeedsAndRoadmapsTheirOwnRetention() {
        assertThat(TopicSettings.configs(Topics.ENTITIES, 1)).containsEntry("cleanup.policy", "compact");
        assertThat(TopicSettings.configs(Topics.deadLetter(Topics.OBSERVATIONS), 1))
                .containsEntry("retention.ms", String.valueOf(30L * 86_400_000)).containsEntry("cleanup.policy", "delete");
        assertThat(TopicSettings.configs(Topics.deadLetter(Topics.rawFeed("demo-feed")), 1))
                .containsEntry("retention.ms", TopicSettings.DEAD_LETTER_RETENTION_MS);
        assertThat(TopicSettings.configs(Topics.rawFeed("demo-feed"), 1))
                .containsEntry("retention.ms", String.valueOf(7L * 86_400_000));
        assertThat(TopicSettings.configs(Topics.ROADMAPS, 1)).containsEntry("retention.ms",
                String.valueOf(30L * 86_400_000));
    }

    @Test
    void should_RefuseAnUnknownTopic_AndNoInSyncReplica() {
        assertThatThrownBy(() -> TopicSettings.configs("some.other.topic", 1)).hasMessageContaining("not a platform topic");
        assertThatThrownBy(() -> TopicSettings.configs(Topics.OBSERVATIONS, 0)).hasMessageContaining("at least 1");
    }
}
