package io.chum.sync;

import io.chum.ErrorCode;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.store.AccessMode;
import io.chum.store.AccessRequest;
import io.chum.transport.Connection;
import io.chum.transport.Frame;
import io.chum.transport.ServerLimits;
import io.chum.transport.TcpServer;
import io.chum.transport.TcpTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One server, many peers at once over TCP+TLS: each chum is isolated (its own data, its own Chum object; one peer
 * failing or being refused changes nothing for the others).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ChumServerTest {
    private static final int PEERS = 8;

    @Test
    void shouldServeEightPeersAtOnceEachInIsolation(@TempDir final Path tmp) throws Exception {
        final List<ChumResult> serverResults = new CopyOnWriteArrayList<>();
        final CountDownLatch serverDone = new CountDownLatch(PEERS + 1);
        final List<Throwable> serverFailures = new CopyOnWriteArrayList<>();
        final List<Peer> clients = new ArrayList<>();
        try (Peer server = Peer.create(tmp.resolve("server"), "server@mail.com", "Server");
             Peer mallory = Peer.create(tmp.resolve("mallory"), "mallory@mail.com", "Mallory")) {
            final List<IdHash> persons = new ArrayList<>();
            for (int i = 0; i < PEERS; i++) {
                final Peer c = Peer.create(tmp.resolve("client" + i), "client" + i + "@mail.com", "Client" + i);
                clients.add(c);
                server.knows(c);
                c.knows(server);
                persons.add(c.person());
            }
            mallory.knows(server);
            final Hash shared = server.put(ChumTests.marker(server.store, "for everyone"));
            server.store.createAccess(AccessRequest.forObject(shared, persons, List.of(), AccessMode.REPLACE));
            final List<Hash> own = new ArrayList<>();
            final List<Hash> fromClients = new ArrayList<>();
            for (int i = 0; i < PEERS; i++) {
                own.add(server.put(ChumTests.marker(server.store, "for client " + i)));
                server.grant(own.get(i), clients.get(i).person());
                final Peer c = clients.get(i);
                fromClients.add(c.put(ChumTests.marker(c.store, "from client " + i)));
                c.grant(fromClients.get(i), server.person());
            }
            final ChumServer handler = new ChumServer(server.store, server.identity, o -> o, r -> {
                serverResults.add(r);
                serverDone.countDown();
            }, serverFailures::add);
            try (TcpServer tcp = TcpServer.start("127.0.0.1", 0, server.tls(), handler, ServerLimits.defaults(),
                server.backgroundErrors::add)) {
                // A peer the server does not trust is refused before anything is exchanged.
                final Connection untrusted = TcpTransport.connect("127.0.0.1", tcp.port(), mallory.tls(),
                    Duration.ofSeconds(10));
                final RawPeer raw = new RawPeer(untrusted);
                raw.hello(mallory.person());
                assertEquals(ErrorCode.UNTRUSTED_PEER.code(), raw.awaitFatalErrorAndClose().code());

                // A trusted peer that sends garbage fails alone.
                final Connection garbage = TcpTransport.connect("127.0.0.1", tcp.port(), clients.get(0).tls(),
                    Duration.ofSeconds(10));
                final RawPeer bad = new RawPeer(garbage);
                bad.hello(clients.get(0).person());
                bad.sendRaw(Frame.wrap(0x7f, new byte[] {1, 2, 3}));
                assertEquals(ErrorCode.PROTOCOL.code(), bad.awaitFatalErrorAndClose().code());

                final List<CompletableFuture<ChumResult>> results = new ArrayList<>();
                for (final Peer c : clients) {
                    final Connection connection = TcpTransport.connect("127.0.0.1", tcp.port(), c.tls(),
                        Duration.ofSeconds(10));
                    results.add(ChumSync.createChum(c.options(server).connection(connection).build()).result());
                }
                final Set<IdHash> chumIds = new HashSet<>();
                for (int i = 0; i < PEERS; i++) {
                    final ChumResult r = results.get(i).get(120, TimeUnit.SECONDS);
                    final Peer c = clients.get(i);
                    assertTrue(r.ok(), c.email + ": " + r.errors());
                    assertTrue(c.store.containsObject(shared), c.email);
                    assertTrue(c.store.containsObject(own.get(i)), c.email);
                    for (int j = 0; j < PEERS; j++) {
                        if (j != i) {
                            assertFalse(c.store.containsObject(own.get(j)), c.email + " got client " + j + "'s");
                        }
                    }
                    assertTrue(server.store.containsObject(fromClients.get(i)));
                    assertTrue(chumIds.add(r.idHash()), "each pair has its own Chum ID");
                    ChumTests.assertNoBackgroundErrors(c);
                }
                // The server stores its side's Chum objects after the clients' results completed.
                assertTrue(serverDone.await(60, TimeUnit.SECONDS), "server results: " + serverResults.size());
            }
            assertEquals(PEERS + 1, serverResults.size(), "eight good chums and the failed one wrote Chum objects");
            final long failed = serverResults.stream().filter(r -> !r.ok()).count();
            assertEquals(1, failed);
            for (final ChumResult r : serverResults) {
                if (r.ok()) {
                    assertTrue(chumIdsOfClients(clients, r), "the server's Chum ID matches its peer's");
                }
            }
            assertEquals(1, serverFailures.size(), "only the untrusted peer failed before a Chum object: "
                + serverFailures);
            assertEquals(ErrorCode.UNTRUSTED_PEER.code(), ((io.chum.ChumException) serverFailures.get(0)).code());
            ChumTests.assertVerifies(server);
            ChumTests.assertNoBackgroundErrors(server);
        } finally {
            for (final Peer c : clients) {
                c.close();
            }
        }
    }

    private static boolean chumIdsOfClients(final List<Peer> clients, final ChumResult serverSide) {
        for (final Peer c : clients) {
            if (c.person().equals(serverSide.remotePerson())) {
                return c.store.exists(serverSide.idHash());
            }
        }
        return false;
    }

    @Test
    void shouldTellAnUntrustedPeerWhy(@TempDir final Path tmp) throws Exception {
        final List<Throwable> failures = new CopyOnWriteArrayList<>();
        try (Peer server = Peer.create(tmp.resolve("server"), "server@mail.com", "Server");
             Peer stranger = Peer.create(tmp.resolve("stranger"), "stranger@mail.com", "Stranger")) {
            stranger.knows(server);
            final ChumServer handler = new ChumServer(server.store, server.identity, o -> o, r -> { },
                failures::add);
            try (TcpServer tcp = TcpServer.start("127.0.0.1", 0, server.tls(), handler, ServerLimits.defaults(),
                server.backgroundErrors::add)) {
                final Connection connection = TcpTransport.connect("127.0.0.1", tcp.port(), stranger.tls(),
                    Duration.ofSeconds(10));
                final ChumApi chum = ChumSync.createChum(stranger.options(server).connection(connection).build());
                final java.util.concurrent.ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
                    java.util.concurrent.ExecutionException.class, () -> chum.result().get(30, TimeUnit.SECONDS));
                assertEquals(ErrorCode.UNTRUSTED_PEER, ((io.chum.ChumException) e.getCause()).errorCode());
                assertTrue(e.getCause().getMessage().contains("not trusted"), e.getCause().getMessage());
            }
            assertEquals(1, failures.size());
            assertTrue(failures.get(0) instanceof io.chum.ChumException
                && ((io.chum.ChumException) failures.get(0)).errorCode() == ErrorCode.UNTRUSTED_PEER);
        }
    }
}
