package org.nqpf.testsupport;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * Polls until a condition holds: what a test does while events travel through the broker and services recompute in
 * the background. Fails with an {@link AssertionError} that shows the last value read, so a timeout says how far it
 * got.
 */
public final class Poll {

    private Poll() {
    }

    /** Reads {@code probe} every {@code interval} until {@code done} accepts the value; returns that value. */
    public static <T> T until(Duration timeout, Duration interval, Callable<T> probe, Predicate<? super T> done) {
        return until("condition", timeout, interval, probe, done);
    }

    /**
     * As {@link #until(Duration, Duration, Callable, Predicate)} but without failing: returns the value that satisfied
     * {@code done}, else the last one read (null when every read failed), for a caller that words its own failure.
     */
    public static <T> T untilOrLast(Duration timeout, Duration interval, Callable<T> probe, Predicate<? super T> done) {
        try {
            return until("condition", timeout, interval, probe, done);
        }
        catch (Timeout timedOut) {
            @SuppressWarnings("unchecked")
            T last = (T) timedOut.last;
            return last;
        }
    }

    /** As {@link #until(Duration, Duration, Callable, Predicate)}, naming what is awaited in the failure. */
    public static <T> T until(String what, Duration timeout, Duration interval, Callable<T> probe,
            Predicate<? super T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        Exception lastError = null;
        while (true) {
            try {
                last = probe.call();
                lastError = null;
                if (done.test(last)) {
                    return last;
                }
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
            catch (Exception e) {
                lastError = e; // not there yet (a schema not yet created, a service restarting): read again
            }
            if (System.nanoTime() >= deadline) {
                throw new Timeout(what + " not reached within " + timeout + "; last read: "
                        + (lastError != null ? lastError : last), last, lastError);
            }
            sleep(interval);
        }
    }

    /** The failure of a wait that timed out; keeps the last value read. */
    public static final class Timeout extends AssertionError {

        private final transient Object last;

        Timeout(String message, Object last, Throwable lastError) {
            super(message, lastError);
            this.last = last;
        }
    }

    private static void sleep(Duration interval) {
        try {
            Thread.sleep(interval.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
