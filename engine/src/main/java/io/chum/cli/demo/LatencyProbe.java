package io.chum.cli.demo;

import io.chum.log.ObjectWritten;
import io.chum.model.Hash;
import io.chum.store.OneStore;
import io.chum.store.Subscription;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Tells when objects written on one side become visible in the peer's store: a subscription to the peer's log
 * completes the future of an expected hash with {@link System#nanoTime()} when an imported object event names it.
 * The subscription thread wakes within the store's idle park (1 ms by default), which the measured latency
 * includes. Thread-safe.
 */
final class LatencyProbe implements AutoCloseable {
    private final Map<Hash, CompletableFuture<Long>> expected = new ConcurrentHashMap<>();
    private final Subscription subscription;

    /** Watches {@code receiver}'s log from its current projected position on; listener errors go to {@code errors}. */
    LatencyProbe(final OneStore receiver, final Consumer<Throwable> errors) {
        this.subscription = receiver.subscribe(receiver.projectedPosition(), e -> {
            if (e instanceof ObjectWritten o && o.origin() != 0) {
                final CompletableFuture<Long> arrival = expected.remove(o.hash());
                if (arrival != null) {
                    arrival.complete(System.nanoTime());
                }
            }
        }, errors::accept);
    }

    /**
     * The arrival time of {@code hash}; call it before the write that produces the object, so the arrival cannot be
     * missed.
     */
    CompletableFuture<Long> expect(final Hash hash) {
        return expected.computeIfAbsent(hash, h -> new CompletableFuture<>());
    }

    @Override
    public void close() {
        subscription.stop();
    }
}
