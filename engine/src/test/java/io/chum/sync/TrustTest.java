package io.chum.sync;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.identity.InstanceKeys;
import io.chum.identity.TlsConfig;
import io.chum.model.Hash;
import io.chum.transport.Connection;
import io.chum.transport.ServerLimits;
import io.chum.transport.TcpServer;
import io.chum.transport.TcpTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who may chum, over real TLS 1.3 on loopback: the remote person is the person the peer's key is trusted for,
 * a rotated-out key no longer works, and refused peers get a coded error and no object.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TrustTest {
    @Test
    void shouldNegotiateTls13AndAuthenticateBothKeys(@TempDir final Path tmp) throws Exception {
        try (Peer alice = Peer.alice(tmp); Peer bob = Peer.bob(tmp)) {
            alice.knows(bob);
            bob.knows(alice);
            final List<Connection> serverSide = new CopyOnWriteArrayList<>();
            try (TcpServer server = TcpServer.start("127.0.0.1", 0, alice.tls(), c -> {
                serverSide.add(c);
                c.receive(10, TimeUnit.SECONDS);
            }, ServerLimits.defaults())) {
                try (Connection client = TcpTransport.connect("127.0.0.1", server.port(), bob.tls(),
                    Duration.ofSeconds(10))) {
                    assertEquals("TLSv1.3", client.protocol());
                    assertEquals(alice.identity.keys().peerKey(), client.peerKey());
                    awaitSize(serverSide, 1);
                    assertEquals("TLSv1.3", serverSide.get(0).protocol());
                    assertEquals(bob.identity.keys().peerKey(), serverSide.get(0).peerKey());
                }
            }
        }
    }

    @Test
    void shouldRefuseARotatedOutKeyAndAcceptTheNewOne(@TempDir final Path tmp) throws Exception {
        try (Peer alice = Peer.alice(tmp); Peer bob = Peer.bob(tmp)) {
            alice.knows(bob);
            bob.knows(alice);
            final Hash shared = alice.put(ChumTests.marker(alice.store, "for bob"));
            alice.grant(shared, bob.person());
            final TlsConfig oldKey = bob.tls();
            final InstanceKeys rotated = InstanceKeys.generate();
            // Rotation as 'chum trust --replace' does it: the new key is trusted, the old one revoked.
            alice.store.trust(bob.email, bob.person(), rotated.peerKey().raw(), false);
            alice.store.trust(bob.email, bob.person(), bob.identity.keys().peerKey().raw(), true);
            final List<Throwable> refusals = new CopyOnWriteArrayList<>();
            final ChumServer handler = new ChumServer(alice.store, alice.identity, o -> o, r -> { }, refusals::add);
            try (TcpServer server = TcpServer.start("127.0.0.1", 0, alice.tls(), handler, ServerLimits.defaults())) {
                assertEquals(ErrorCode.UNTRUSTED_PEER, failedChum(bob, alice, oldKey, server.port()));
                assertFalse(bob.store.exists(shared), "a refused peer gets nothing");
                awaitSize(refusals, 1);

                final ChumResult ok = ChumSync.createChum(bob.options(alice)
                    .connection(TcpTransport.connect("127.0.0.1", server.port(), TlsConfig.create(rotated),
                        Duration.ofSeconds(10)))
                    .build()).result().get(60, TimeUnit.SECONDS);
                assertTrue(ok.ok(), ok::toString);
                assertTrue(bob.store.exists(shared));
            }
        }
    }

    @Test
    void shouldRefuseAPeerWhoseKeyIsTrustedForSomeoneElse(@TempDir final Path tmp) throws Exception {
        try (Peer alice = Peer.alice(tmp); Peer bob = Peer.bob(tmp);
             Peer mallory = Peer.create(tmp.resolve("mallory"), "mallory@mail.com", "Mallory")) {
            alice.knows(bob);
            alice.knows(mallory);
            mallory.knows(alice);
            final Hash forBob = alice.put(ChumTests.marker(alice.store, "for bob only"));
            alice.grant(forBob, bob.person());
            final ChumServer handler = new ChumServer(alice.store, alice.identity, o -> o, r -> { }, e -> { });
            try (TcpServer server = TcpServer.start("127.0.0.1", 0, alice.tls(), handler, ServerLimits.defaults())) {
                // Mallory's own key, but she claims to be Bob (right email, wrong key).
                final ErrorCode refused = refusal(ChumSync.createChum(mallory.options(alice)
                    .localPersonId(bob.person())
                    .connection(TcpTransport.connect("127.0.0.1", server.port(), mallory.tls(),
                        Duration.ofSeconds(10)))
                    .build()));
                assertEquals(ErrorCode.IMPERSONATION, refused);
                assertFalse(mallory.store.exists(forBob));
            }
        }
    }

    private static ErrorCode failedChum(final Peer client, final Peer server, final TlsConfig tls, final int port) {
        return refusal(ChumSync.createChum(client.options(server)
            .connection(TcpTransport.connect("127.0.0.1", port, tls, Duration.ofSeconds(10)))
            .build()));
    }

    /**
     * The code a refused chum ended with: the server refuses after reading the client's HELLO, so the client may
     * fail in its handshake or, if it already logged its START, end with the peer's error in its Chum object.
     */
    private static ErrorCode refusal(final ChumApi chum) {
        try {
            final ChumResult result = chum.result().get(60, TimeUnit.SECONDS);
            assertFalse(result.ok(), "a refused chum must record the refusal");
            assertEquals(0, result.received().total(), "a refused peer gets nothing");
            return ErrorCode.fromCode(result.errors().get(0).code());
        } catch (final ExecutionException e) {
            return ((ChumException) e.getCause()).errorCode();
        } catch (final InterruptedException | TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    private static void awaitSize(final List<?> list, final int size) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (list.size() < size && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(size, list.size());
    }
}
