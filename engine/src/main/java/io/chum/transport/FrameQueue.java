package io.chum.transport;

import io.chum.ChumException;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A FIFO of frames with a byte count and a terminal state, shared by one or more producers and one
 * consumer.
 *
 * <p>Once {@link #close closed} it accepts nothing more; the consumer still gets the frames queued before
 * (unless the close discarded them) and then the terminal exception. Thread-safe: every method takes the
 * one lock; waits use two conditions.
 */
final class FrameQueue {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final ArrayDeque<Frame> frames = new ArrayDeque<>();
    private long bytes;
    private ChumException terminal;

    /** Appends without any limit; false if the queue is closed. */
    boolean offer(final Frame frame) {
        lock.lock();
        try {
            if (terminal != null) {
                return false;
            }
            add(frame);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Appends, first waiting while the queue holds {@code limitBytes} or more; a frame is always accepted
     * into an empty queue. False if the queue is or becomes closed; only {@link #close} or consumption
     * ends the wait.
     */
    boolean put(final Frame frame, final long limitBytes) {
        lock.lock();
        try {
            while (terminal == null && !frames.isEmpty() && bytes >= limitBytes) {
                // Not interruptible: closing the queue is what ends this wait.
                notFull.awaitUninterruptibly();
            }
            if (terminal != null) {
                return false;
            }
            add(frame);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next frame, waiting up to {@code timeoutNanos}; null on timeout.
     *
     * @throws ChumException the terminal exception once closed and empty
     */
    Frame poll(final long timeoutNanos) throws InterruptedException {
        long remaining = timeoutNanos;
        lock.lockInterruptibly();
        try {
            while (frames.isEmpty()) {
                if (terminal != null) {
                    throw terminal;
                }
                if (remaining <= 0) {
                    return null;
                }
                remaining = notEmpty.awaitNanos(remaining);
            }
            final Frame frame = frames.poll();
            bytes -= frame.encodedLength();
            notFull.signalAll();
            return frame;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Moves every queued frame to {@code sink}, first waiting up to {@code timeoutNanos} for one.
     *
     * @return how many were moved (0 on timeout), or -1 once closed and empty
     */
    int drainTo(final List<Frame> sink, final long timeoutNanos) throws InterruptedException {
        long remaining = timeoutNanos;
        lock.lockInterruptibly();
        try {
            while (frames.isEmpty()) {
                if (terminal != null) {
                    return -1;
                }
                if (remaining <= 0) {
                    return 0;
                }
                remaining = notEmpty.awaitNanos(remaining);
            }
            final int n = frames.size();
            sink.addAll(frames);
            frames.clear();
            bytes = 0;
            notFull.signalAll();
            return n;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes the queue with {@code cause} unless it is closed already (the first cause stays); with
     * {@code discard}, also drops every queued frame. Wakes all waiters.
     *
     * @return whether this call closed it
     */
    boolean close(final ChumException cause, final boolean discard) {
        lock.lock();
        try {
            final boolean first = terminal == null;
            if (first) {
                terminal = cause;
            }
            if (discard) {
                frames.clear();
                bytes = 0;
            }
            notEmpty.signalAll();
            notFull.signalAll();
            return first;
        } finally {
            lock.unlock();
        }
    }

    /** The terminal exception, or null while open. */
    ChumException terminal() {
        lock.lock();
        try {
            return terminal;
        } finally {
            lock.unlock();
        }
    }

    /** Encoded bytes of the queued frames. */
    long bytes() {
        lock.lock();
        try {
            return bytes;
        } finally {
            lock.unlock();
        }
    }

    boolean isEmpty() {
        lock.lock();
        try {
            return frames.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    private void add(final Frame frame) {
        frames.add(frame);
        bytes += frame.encodedLength();
        notEmpty.signal();
    }
}
