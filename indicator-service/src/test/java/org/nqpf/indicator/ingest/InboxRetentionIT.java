package org.nqpf.indicator.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nqpf.messaging.InboxRetention;
import org.nqpf.testsupport.ServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@ServiceTest
class InboxRetentionIT {

    @Autowired
    InboxRetention retention;

    @Autowired
    JdbcClient jdbc;

    @Test
    void should_ForgetOnlyEventsOlderThanTheRetention() {
        jdbc.sql("""
                INSERT INTO processed_event (consumer, event_id, processed_at) VALUES
                  ('retention-test', 'old-1', now() - interval '31 days'),
                  ('retention-test', 'old-2', now() - interval '400 days'),
                  ('retention-test', 'recent', now() - interval '29 days'),
                  ('retention-test', 'today', now())""").update();

        assertThat(retention.purge()).isGreaterThanOrEqualTo(2);

        List<String> kept = jdbc.sql("SELECT event_id FROM processed_event WHERE consumer = 'retention-test' "
                + "ORDER BY event_id").query(String.class).list();
        assertThat(kept).containsExactly("recent", "today");
    }
}
