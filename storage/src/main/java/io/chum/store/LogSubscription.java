package io.chum.store;

import io.chum.log.EventLog;
import io.chum.log.LogEvent;
import io.chum.log.LogTailer;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * A {@link Subscription}: its own thread ({@code chum-store-subscriber-N}) tails the log from a position and hands
 * each event to the listener, in log order, idling with a backoff (parking up to the store's
 * {@link StoreConfig#maxIdlePark()}) when caught up. An exception from the listener or the log goes to the error
 * handler and ends the subscription. The tailer lives and dies on the subscription thread.
 */
final class LogSubscription implements Subscription {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final int MAX_EVENTS_PER_ROUND = 1024;

    private final EventLog log;
    private final Consumer<LogEvent> listener;
    private final ErrorHandler errorHandler;
    private final long maxParkNanos;
    private final Thread thread;
    private final Consumer<LogSubscription> onEnd;
    private volatile boolean running = true;
    private volatile long position;

    LogSubscription(final EventLog log, final long fromIndex, final Consumer<LogEvent> listener,
                    final ErrorHandler errorHandler, final long maxParkNanos,
                    final Consumer<LogSubscription> onEnd) {
        this.log = log;
        this.position = fromIndex;
        this.listener = listener;
        this.errorHandler = errorHandler;
        this.maxParkNanos = maxParkNanos;
        this.onEnd = onEnd;
        this.thread = new Thread(this::run, "chum-store-subscriber-" + COUNTER.incrementAndGet());
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        final IdleStrategy idle = new BackoffIdleStrategy(10, 10, Math.min(1_000, maxParkNanos), maxParkNanos);
        try (LogTailer tailer = log.tailer(position)) {
            while (running) {
                int delivered = 0;
                LogEvent e;
                while (delivered < MAX_EVENTS_PER_ROUND && running && (e = tailer.next()) != null) {
                    listener.accept(e);
                    delivered++;
                    position = tailer.position();
                }
                if (delivered == 0) {
                    position = tailer.position();
                }
                idle.idle(delivered);
            }
        } catch (final Throwable t) {
            if (running) {
                errorHandler.onError(t);
            }
        } finally {
            running = false;
            onEnd.accept(this);
        }
    }

    @Override
    public void stop() {
        running = false;
        LockSupport.unpark(thread);
        if (Thread.currentThread() != thread) {
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (final InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public long position() {
        return position;
    }
}
