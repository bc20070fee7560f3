package io.chum.sync;

import io.chum.transport.Connection;
import io.chum.transport.InProcessTransport;
import io.chum.transport.ServerLimits;
import io.chum.transport.TcpServer;
import io.chum.transport.TcpTransport;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The two transports every chum test runs over: the in-process pair, and TCP with TLS 1.3 on loopback (Bob serves,
 * Alice connects; Bob's chum runs in the server's connection handler, as {@code chum serve} does).
 */
enum Transport {
    IN_PROCESS {
        @Override
        Link connect(final Peer a, final Peer b, final Function<Connection, ChumApi> startB) {
            final Connection[] pair = InProcessTransport.pair(a.identity.keys().peerKey(),
                b.identity.keys().peerKey());
            return new Link(pair[0], CompletableFuture.completedFuture(startB.apply(pair[1])), () -> { });
        }
    },
    TLS {
        @Override
        Link connect(final Peer a, final Peer b, final Function<Connection, ChumApi> startB) {
            final CompletableFuture<ChumApi> chumB = new CompletableFuture<>();
            final TcpServer server = TcpServer.start("127.0.0.1", 0, b.tls(), connection -> {
                final ChumApi chum = startB.apply(connection);
                chumB.complete(chum);
                // The server closes the connection when the handler returns: serve until the chum has ended.
                chum.result().handle((r, t) -> null).join();
            }, ServerLimits.defaults(), b.backgroundErrors::add);
            final Connection connection = TcpTransport.connect("127.0.0.1", server.port(), a.tls(),
                Duration.ofSeconds(10));
            return new Link(connection, chumB, server::close);
        }
    };

    /** A connection of {@code a} to {@code b}, where {@code startB} starts b's chum on b's end. */
    abstract Link connect(Peer a, Peer b, Function<Connection, ChumApi> startB);

    /** Starts a chum between {@code a} (first) and {@code b} with their {@link Peer#options} adjusted. */
    Chums start(final Peer a, final Peer b, final UnaryOperator<ChumSyncOptions.Builder> aOptions,
                final UnaryOperator<ChumSyncOptions.Builder> bOptions) throws Exception {
        final Link link = connect(a, b, c -> ChumSync.createChum(bOptions.apply(b.options(a).connection(c)).build()));
        final ChumApi chumA = ChumSync.createChum(aOptions.apply(a.options(b).connection(link.connectionOfA()))
            .build());
        return new Chums(chumA, link.b().get(30, TimeUnit.SECONDS), link.connectionOfA(), link.resources());
    }

    /** Starts a chum with the default options on both sides, keeping it running or not. */
    Chums start(final Peer a, final Peer b, final boolean keepRunning) throws Exception {
        return start(a, b, o -> o.keepRunning(keepRunning), o -> o.keepRunning(keepRunning));
    }

    /** A test-only raw peer with {@code a}'s key against a real chum of {@code b}. */
    RawChum raw(final Peer a, final Peer b, final UnaryOperator<ChumSyncOptions.Builder> bOptions)
        throws Exception {
        final Link link = connect(a, b, c -> ChumSync.createChum(bOptions.apply(b.options(a).connection(c)).build()));
        return new RawChum(new RawPeer(link.connectionOfA()), link.b().get(30, TimeUnit.SECONDS), link.resources());
    }

    /** A's end of a connection and B's chum on the other end. */
    record Link(Connection connectionOfA, CompletableFuture<ChumApi> b, AutoCloseable resources) {
    }

    /** Both sides of a running chum; closing it releases the transport. */
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

    /** A raw peer and the real chum it talks to. */
    record RawChum(RawPeer raw, ChumApi chum, AutoCloseable resources) implements AutoCloseable {
        ChumResult result() throws Exception {
            return chum.result().get(60, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws Exception {
            raw.close();
            resources.close();
        }
    }
}
