package io.chum.sync;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A running chum (the seed's {@code ChumApi}). All methods are thread-safe.
 */
public interface ChumApi {
    /**
     * Completes once the chum has ended and its Chum object is stored. It completes normally whenever a Chum object
     * was written, also for a chum that ended with errors ({@link ChumResult#errors()}, {@link ChumResult#ok()}); it
     * completes exceptionally with a {@link io.chum.ChumException} only when the chum failed before anything was
     * logged (the handshake: {@code CS-MISMATCH}, {@code CS-IMPERSONATION}, {@code CS-INIT1}, a refused or dropped
     * connection) or the Chum object could not be stored.
     */
    CompletableFuture<ChumResult> result();

    /**
     * Calls {@code listener} once, when both directions have achieved full synchronization; at once (on the calling
     * thread) if that has happened already. Listeners run on one of the chum's threads and must not block; an
     * exception goes to the options' error handler.
     */
    void onFullSync(Consumer<FullSync> listener);

    /** True once both directions have achieved full synchronization. */
    boolean isFullSync();

    /**
     * Ends a keepRunning chum: everything relevant written to the store before this call is still offered, then
     * both sides end and write their Chum objects. A chum that does not keep running ends by itself after both full
     * syncs, and this does nothing to it. Idempotent; returns at once (wait on {@link #result()}).
     */
    void stop();

    /**
     * Ends the chum now, keepRunning or not: what both sides committed stays, the rest is not transferred, and the
     * Chum object records a {@code CS-INTERRUPTED} error (the peer sees the connection end: {@code CS-CONN-CLOSED}).
     * For a process asked to stop in the middle of a chum that would otherwise run to its end (SIGTERM, SIGINT). A
     * chum that has ended already is left as it is. Idempotent; returns at once (wait on {@link #result()}).
     */
    void abort();

    /** The live counters. */
    ChumProgress progress();
}
