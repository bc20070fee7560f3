package io.chum.bench;

import io.chum.sync.ChumApi;
import io.chum.sync.ChumResult;
import io.chum.sync.ChumSync;
import io.chum.sync.ChumSyncOptions;
import io.chum.transport.Connection;
import io.chum.transport.InProcessTransport;
import io.chum.transport.ServerLimits;
import io.chum.transport.TcpServer;
import io.chum.transport.TcpTransport;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A chum between two {@link SyncPeer}s over the in-process transport or TLS 1.3 on loopback ({@code b} serves,
 * {@code a} connects, and b's chum runs in the server's connection handler as {@code chum serve} runs it). Closing
 * it releases the transport. Thread-safe.
 */
final class BenchChum implements AutoCloseable {
    /** The transport between the two sides. */
    enum Transport { IN_PROCESS, TLS }

    private static final long TIMEOUT_SECONDS = 600;

    final ChumApi a;
    final ChumApi b;
    private final AutoCloseable resources;

    private BenchChum(final ChumApi a, final ChumApi b, final AutoCloseable resources) {
        this.a = a;
        this.b = b;
        this.resources = resources;
    }

    /** Starts the chum; {@code adjust} adds options (keepRunning, notification delay) to both sides. */
    static BenchChum start(final Transport transport, final SyncPeer a, final SyncPeer b,
                           final UnaryOperator<ChumSyncOptions.Builder> adjust) throws Exception {
        if (transport == Transport.IN_PROCESS) {
            final Connection[] pair = InProcessTransport.pair(a.identity.keys().peerKey(),
                b.identity.keys().peerKey());
            final ChumApi chumB = ChumSync.createChum(adjust.apply(b.options(a).connection(pair[1])).build());
            final ChumApi chumA = ChumSync.createChum(adjust.apply(a.options(b).connection(pair[0])).build());
            return new BenchChum(chumA, chumB, () -> { });
        }
        final CompletableFuture<ChumApi> chumB = new CompletableFuture<>();
        final TcpServer server = TcpServer.start("127.0.0.1", 0, b.tls(), connection -> {
            final ChumApi chum = ChumSync.createChum(adjust.apply(b.options(a).connection(connection)).build());
            chumB.complete(chum);
            // The server closes the connection when the handler returns: serve until the chum has ended.
            chum.result().handle((r, t) -> null).join();
        }, ServerLimits.defaults(), b.errors::add);
        final Connection connection = TcpTransport.connect("127.0.0.1", server.port(), a.tls(),
            Duration.ofSeconds(10));
        final ChumApi chumA = ChumSync.createChum(adjust.apply(a.options(b).connection(connection)).build());
        return new BenchChum(chumA, chumB.get(30, TimeUnit.SECONDS), server::close);
    }

    /**
     * Runs a chum that does not keep running to its end and returns b's result (what b received), failing if
     * either side recorded an error.
     */
    static ChumResult syncOnce(final Transport transport, final SyncPeer a, final SyncPeer b) throws Exception {
        try (BenchChum chum = start(transport, a, b, o -> o.keepRunning(false))) {
            final ChumResult ra = chum.a.result().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            final ChumResult rb = chum.b.result().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!ra.ok() || !rb.ok()) {
                throw new IllegalStateException("chum ended with errors: " + ra.errors() + " " + rb.errors());
            }
            return rb;
        }
    }

    /** Stops a keepRunning chum and waits for both ends. */
    void stopAndWait() throws Exception {
        a.stop();
        a.result().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        b.result().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        resources.close();
    }
}
