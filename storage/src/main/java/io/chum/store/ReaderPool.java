package io.chum.store;

import io.chum.log.EventLog;
import io.chum.projection.ObjectIndex;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The readers behind {@link OneStore}'s read methods: a small pool of {@link StoreReader}s on movable log readers,
 * so any thread can read without owning a reader, and threads that come and go leave nothing behind. A read borrows
 * a reader for the duration of one call; at most {@value #MAX_IDLE} idle readers are kept. Thread-safe: the
 * concurrent queue hands each reader to one thread at a time and publishes it safely.
 */
final class ReaderPool implements AutoCloseable {
    static final int MAX_IDLE = 8;

    private final EventLog log;
    private final ObjectIndex index;
    private final ConcurrentLinkedQueue<StoreReader> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private volatile boolean closed;

    ReaderPool(final EventLog log, final ObjectIndex index) {
        this.log = log;
        this.index = index;
    }

    /** Runs {@code read} with a borrowed reader. */
    <T> T read(final Function<StoreReader, T> read) {
        StoreReader reader = idle.poll();
        if (reader != null) {
            idleCount.decrementAndGet();
        } else {
            reader = new StoreReader(log, index, log.movableReader());
        }
        try {
            return read.apply(reader);
        } finally {
            release(reader);
        }
    }

    private void release(final StoreReader reader) {
        if (closed || idleCount.incrementAndGet() > MAX_IDLE) {
            if (!closed) {
                idleCount.decrementAndGet();
            }
            reader.close();
            return;
        }
        idle.offer(reader);
    }

    /** Closes the idle readers; readers in use are closed when they come back (all close with the log anyway). */
    @Override
    public void close() {
        closed = true;
        closeIdle();
    }

    private void closeIdle() {
        for (StoreReader r = idle.poll(); r != null; r = idle.poll()) {
            r.close();
        }
    }
}
