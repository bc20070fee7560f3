package io.chum.store;

/**
 * A running delivery of log events to a listener, from {@link OneStore#subscribe}. Events arrive in log order on
 * the subscription's own thread. Thread-safe.
 */
public interface Subscription extends AutoCloseable {
    /** Stops delivery and waits for the subscription thread to end (unless called from it). Idempotent. */
    void stop();

    /** True until stopped, closed with the store, or ended by a listener error. */
    boolean isRunning();

    /** The log position of the next event to deliver. */
    long position();

    /** Same as {@link #stop()}. */
    @Override
    default void close() {
        stop();
    }
}
