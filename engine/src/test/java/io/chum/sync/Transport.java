package io.chum.sync;

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
 * The two transports every chum test runs over: the in-process pair, and TCP with TLS 1.3 on loopback (Bob serves,
 * Alice connects; Bob's chum runs in the server's connection handler, as {@code chum serve} does).
 */
enum Transport {
    IN_PROCESS {
        @Override
        Chums start(final Peer a, final Peer b, final UnaryOperator<ChumSyncOptions.Builder> aOptions,
                    final UnaryOperator<ChumSyncOptions.Builder> bOptions) {
            final Connection[] pair = InProcessTransport.pair(a.identity.keys().peerKey(),
                b.identity.keys().peerKey());
            final ChumApi chumA = ChumSync.createChum(aOptions.apply(a.options(b).connection(pair[0])).build());
            final ChumApi chumB = ChumSync.createChum(bOptions.apply(b.options(a).connection(pair[1])).build());
            return new Chums(chumA, chumB, pair[0], () -> { });
        }
    },
    TLS {
        @Override
        Chums start(final Peer a, final Peer b, final UnaryOperator<ChumSyncOptions.Builder> aOptions,
                    final UnaryOperator<ChumSyncOptions.Builder> bOptions) {
            final CompletableFuture<ChumApi> chumB = new CompletableFuture<>();
            final TcpServer server = TcpServer.start("127.0.0.1", 0, b.tls(), connection -> {
                final ChumApi chum = ChumSync.createChum(bOptions.apply(b.options(a).connection(connection)).build());
                chumB.complete(chum);
                // The server closes the connection when the handler returns: serve until the chum has ended.
                chum.result().handle((r, t) -> null).join();
            }, ServerLimits.defaults(), b.backgroundErrors::add);
            final Connection connection = TcpTransport.connect("127.0.0.1", server.port(), a.tls(),
                Duration.ofSeconds(10));
            final ChumApi chumA = ChumSync.createChum(aOptions.apply(a.options(b).connection(connection)).build());
            try {
                return new Chums(chumA, chumB.get(10, TimeUnit.SECONDS), connection, server::close);
            } catch (final Exception e) {
                server.close();
                throw new IllegalStateException("the server did not start Bob's chum", e);
            }
        }
    };

    /** Starts a chum between {@code a} (first) and {@code b} with their {@link Peer#options} adjusted. */
    abstract Chums start(Peer a, Peer b, UnaryOperator<ChumSyncOptions.Builder> aOptions,
                         UnaryOperator<ChumSyncOptions.Builder> bOptions);

    /** Starts a chum with the default options on both sides, or keepRunning on both. */
    Chums start(final Peer a, final Peer b, final boolean keepRunning) {
        return start(a, b, o -> o.keepRunning(keepRunning), o -> o.keepRunning(keepRunning));
    }

    /** Both sides of a running chum; closing it releases the transport (after both results completed). */
    record Chums(ChumApi a, ChumApi b, Connection connectionOfA, AutoCloseable resources) implements AutoCloseable {
        /** Waits for both results (failing the test after 60 s). */
        ChumResult[] results() throws Exception {
            return new ChumResult[] {a.result().get(60, TimeUnit.SECONDS), b.result().get(60, TimeUnit.SECONDS)};
        }

        @Override
        public void close() throws Exception {
            resources.close();
        }
    }
}
