package org.nqpf.messaging;

import java.time.Duration;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Spring's {@link DefaultErrorHandler} with one distinction: a record that failed because the database or the broker
 * is unavailable ({@link Outages}) waits, with exponential back-off and without limit, until it is processed; it is
 * never dead-lettered for that. Only a record that is itself bad (rejected, unreadable, refused by the database for
 * its content) goes to the recoverer at once; anything else gets the few retries of {@code backOff} first.
 *
 * <p>A batch listener that fails without naming the failed record (a {@link BatchListenerFailedException}) would be
 * retried as a whole and then dead-lettered as a whole; on an outage the batch is instead treated as failed at its
 * first record, so it waits like any record and is delivered again, whole, once the outage is over.
 */
public class OutageAwareErrorHandler extends DefaultErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(OutageAwareErrorHandler.class);

    private final Duration initial;
    private final Duration max;

    public OutageAwareErrorHandler(ConsumerRecordRecoverer recoverer, BackOff backOff, Duration initial, Duration max) {
        super(recoverer, backOff);
        this.initial = initial;
        this.max = max;
        ExponentialBackOff outage = new ExponentialBackOff(initial.toMillis(), 2.0);
        outage.setMaxInterval(max.toMillis());
        outage.setMaxElapsedTime(Long.MAX_VALUE);
        outage.setMaxAttempts(Long.MAX_VALUE);
        setBackOffFunction((record, ex) -> Outages.isOutage(ex) ? outage : null);
        addNotRetryableExceptions(RejectedEventException.class, DeserializationException.class,
                DataIntegrityViolationException.class);
        setRetryListeners(new RetryListener() {
            @Override
            public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int attempt) {
                if (Outages.isOutage(ex)) {
                    log.warn("consumer paused on {}-{}@{}: infrastructure unavailable ({}), attempt {}, next try in {} ms",
                            record.topic(), record.partition(), record.offset(), MessagingAutoConfiguration.reason(ex),
                            attempt, pause(attempt));
                }
            }
        });
    }

    /** The wait after the {@code attempt}-th failure: the initial interval doubled each time, up to the maximum. */
    long pause(int attempt) {
        double millis = initial.toMillis() * Math.pow(2, Math.max(0, attempt - 1));
        return (long) Math.min(millis, max.toMillis());
    }

    @Override
    public void handleBatch(Exception thrown, ConsumerRecords<?, ?> data, Consumer<?, ?> consumer,
            MessageListenerContainer container, Runnable invokeListener) {
        super.handleBatch(atFirstRecordOnOutage(thrown, data), data, consumer, container, invokeListener);
    }

    @Override
    public <K, V> ConsumerRecords<K, V> handleBatchAndReturnRemaining(Exception thrown, ConsumerRecords<?, ?> data,
            Consumer<?, ?> consumer, MessageListenerContainer container, Runnable invokeListener) {
        return super.handleBatchAndReturnRemaining(atFirstRecordOnOutage(thrown, data), data, consumer, container,
                invokeListener);
    }

    private static Exception atFirstRecordOnOutage(Exception thrown, ConsumerRecords<?, ?> data) {
        if (data.isEmpty() || failedRecordNamed(thrown)) {
            return thrown;
        }
        if (!Outages.isOutage(thrown)) {
            // retried whole, then dead-lettered whole: say why, by the classes an outage would be known by
            StringBuilder chain = new StringBuilder();
            for (Throwable t = thrown; t != null && chain.length() < 1_000; t = t.getCause()) {
                chain.append(chain.isEmpty() ? "" : " <- ").append(t.getClass().getName());
            }
            log.warn("batch of {} records failed for a reason that is no outage: {}", data.count(), chain);
            return thrown;
        }
        ConsumerRecord<?, ?> first = data.iterator().next();
        return new BatchListenerFailedException("batch waits for the infrastructure: "
                + MessagingAutoConfiguration.reason(thrown), thrown, first);
    }

    private static boolean failedRecordNamed(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof BatchListenerFailedException) {
                return true;
            }
        }
        return false;
    }
}
