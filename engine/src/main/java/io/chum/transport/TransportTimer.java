package io.chum.transport;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread for the hard deadlines of TLS handshakes. Shared by every connection of the JVM:
 * its tasks only close sockets, which is quick, so one thread serves all. Thread-safe.
 */
final class TransportTimer {
    private static final ScheduledThreadPoolExecutor TIMER = create();

    private TransportTimer() {
    }

    private static ScheduledThreadPoolExecutor create() {
        final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            final Thread t = new Thread(task, "chum-transport-timer");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /** Runs {@code action} after {@code delayNanos} unless the returned future is cancelled first. */
    static ScheduledFuture<?> schedule(final Runnable action, final long delayNanos) {
        return TIMER.schedule(action, delayNanos, TimeUnit.NANOSECONDS);
    }
}
