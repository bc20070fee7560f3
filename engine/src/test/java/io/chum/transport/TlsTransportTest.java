package io.chum.transport;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.identity.InstanceKeys;
import io.chum.identity.PeerKey;
import io.chum.identity.TlsConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsTransportTest {
    private static final String HOST = "127.0.0.1";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private static InstanceKeys serverKeys;
    private static InstanceKeys clientKeys;
    private static TlsConfig serverTls;
    private static TlsConfig clientTls;

    private final List<Throwable> serverErrors = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeAll
    static void createIdentities() {
        serverKeys = InstanceKeys.generate();
        clientKeys = InstanceKeys.generate();
        serverTls = TlsConfig.create(serverKeys);
        clientTls = TlsConfig.create(clientKeys);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private TcpServer server(final ConnectionHandler handler, final ServerLimits limits) {
        final TcpServer server = TcpServer.start(HOST, 0, serverTls, handler, limits, serverErrors::add);
        toClose.add(server);
        return server;
    }

    private Connection connect(final TcpServer server) {
        return connect(server, ConnectionOptions.defaults());
    }

    private Connection connect(final TcpServer server, final ConnectionOptions options) {
        final Connection connection = TcpTransport.connect(HOST, server.port(), clientTls, CONNECT_TIMEOUT, options);
        toClose.add(connection);
        return connection;
    }

    /** Echoes every frame back with its type plus one, until the connection ends. */
    private static void echo(final Connection connection) {
        while (true) {
            final Frame frame = connection.receive(1, TimeUnit.MINUTES);
            if (frame != null) {
                connection.send(Frame.of(frame.type() + 1, frame.payloadBytes()));
            }
        }
    }

    private static Frame receive(final Connection connection) {
        final Frame frame = connection.receive(20, TimeUnit.SECONDS);
        assertNotNull(frame, "no frame from " + connection.remoteAddress() + " within 20 s");
        return frame;
    }

    private static void await(final BooleanSupplier condition, final String what) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }

    private void assertRoundTrip(final Connection connection) {
        final byte[] payload = "ping".getBytes(StandardCharsets.UTF_8);
        connection.send(Frame.of(7, payload));
        final Frame answer = receive(connection);
        assertEquals(8, answer.type());
        assertArrayEquals(payload, answer.payloadBytes());
    }

    @Test
    void shouldExchangeFramesBothWaysOverTls13WithEachSideSeeingTheOthersKey() throws Exception {
        final CompletableFuture<PeerKey> keySeenByServer = new CompletableFuture<>();
        final CompletableFuture<String> protocolSeenByServer = new CompletableFuture<>();
        final TcpServer server = server(connection -> {
            keySeenByServer.complete(connection.peerKey());
            protocolSeenByServer.complete(((TlsConnection) connection).session().getProtocol());
            echo(connection);
        }, ServerLimits.defaults());

        final Connection client = connect(server);
        for (int i = 0; i < 100; i++) {
            final byte[] payload = new byte[i * 37];
            new Random(i).nextBytes(payload);
            client.send(Frame.of(i % 200 + 1, payload));
        }
        for (int i = 0; i < 100; i++) {
            final Frame frame = receive(client);
            final byte[] expected = new byte[i * 37];
            new Random(i).nextBytes(expected);
            assertEquals(i % 200 + 2, frame.type(), "type of echo " + i);
            assertArrayEquals(expected, frame.payloadBytes(), "payload of echo " + i);
        }

        final SSLSession session = ((TlsConnection) client).session();
        assertEquals("TLSv1.3", session.getProtocol());
        assertEquals("TLSv1.3", client.protocol());
        final X509Certificate serverCert = (X509Certificate) session.getPeerCertificates()[0];
        final String keyAlgorithm = serverCert.getPublicKey().getAlgorithm();
        assertTrue(keyAlgorithm.matches("EdDSA|Ed25519"), keyAlgorithm);
        assertEquals(serverKeys.peerKey(), client.peerKey());
        assertEquals(clientKeys.peerKey(), keySeenByServer.get(10, TimeUnit.SECONDS));
        assertEquals("TLSv1.3", protocolSeenByServer.get(10, TimeUnit.SECONDS));
        assertEquals(100, client.framesSent());
        assertEquals(100, client.framesReceived());
        assertTrue(client.bytesSent() >= 100 * Frame.HEADER_LENGTH);
        assertEquals(1, server.acceptedConnections());
        assertTrue(serverErrors.isEmpty(), serverErrors::toString);
    }

    @Test
    void shouldAuthenticateBothSidesOnEveryConnectionFromTheSameConfiguration() {
        // Later connections may resume the TLS session; the keys must still be there on both sides.
        final List<PeerKey> keysSeenByServer = new CopyOnWriteArrayList<>();
        final TcpServer server = server(connection -> {
            keysSeenByServer.add(connection.peerKey());
            echo(connection);
        }, ServerLimits.defaults());
        for (int i = 0; i < 3; i++) {
            final Connection client = connect(server);
            assertEquals(serverKeys.peerKey(), client.peerKey(), "connection " + i);
            assertRoundTrip(client);
            client.close("done " + i);
        }
        assertEquals(List.of(clientKeys.peerKey(), clientKeys.peerKey(), clientKeys.peerKey()), keysSeenByServer);
        assertEquals(3, server.acceptedConnections());
    }

    @Test
    void shouldRefuseAClientWithoutCertificate() throws Exception {
        final AtomicInteger handled = new AtomicInteger();
        final TcpServer server = server(connection -> {
            handled.incrementAndGet();
            echo(connection);
        }, ServerLimits.defaults());

        final SSLContext noIdentity = SSLContext.getInstance("TLSv1.3");
        noIdentity.init(null, new TrustManager[] {new TrustEverything()}, null);
        try (SSLSocket socket = (SSLSocket) noIdentity.getSocketFactory().createSocket(HOST, server.port())) {
            socket.setEnabledProtocols(new String[] {"TLSv1.3"});
            socket.setSoTimeout(10_000);
            // In TLS 1.3 the client may finish its side before the server checks its (missing) certificate:
            // the refusal then arrives as an alert on the first read.
            final IOException refusal = assertThrows(IOException.class, () -> {
                socket.startHandshake();
                final OutputStream out = socket.getOutputStream();
                out.write(new FrameEncoder().encode(Frame.of(1, new byte[] {1})));
                out.flush();
                if (socket.getInputStream().read() < 0) {
                    throw new IOException("end of stream");
                }
            });
            assertNotNull(refusal.getMessage());
        }
        await(() -> server.failedHandshakes() == 1, "the server counts the failed handshake");
        assertEquals(0, handled.get(), "the handler must never see an unauthenticated connection");
        assertEquals(ErrorCode.TLS, ((ChumException) serverErrors.get(0)).errorCode(), serverErrors::toString);
        assertRoundTrip(connect(server));
    }

    @Test
    void shouldSurviveGarbageOnThePort() throws Exception {
        // Garbage that looks like the start of a long TLS record waits for the handshake timeout.
        final TcpServer server = server(TlsTransportTest::echo,
                ServerLimits.defaults().withHandshakeTimeout(Duration.ofSeconds(2)));
        final Random random = new Random(42);
        for (int i = 0; i < 5; i++) {
            try (Socket plain = new Socket(HOST, server.port())) {
                plain.setSoTimeout(10_000);
                final byte[] garbage = i == 0 ? "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII)
                        : new byte[1 + random.nextInt(4096)];
                if (i > 0) {
                    random.nextBytes(garbage);
                }
                plain.getOutputStream().write(garbage);
                plain.getOutputStream().flush();
                drainUntilClosed(plain.getInputStream());
            }
        }
        await(() -> server.failedHandshakes() == 5, "five failed handshakes are counted");
        await(() -> server.activeConnections() == 0, "no slot is held");
        final Connection client = connect(server);
        assertRoundTrip(client);
        assertEquals(1, server.acceptedConnections());
    }

    /** Reads until the server closes; a reset counts as closed too. */
    private static void drainUntilClosed(final InputStream in) {
        final byte[] buffer = new byte[4096];
        try {
            while (in.read(buffer) >= 0) {
                // discard whatever the server answers (a TLS alert)
            }
        } catch (final IOException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().contains("timed out"), "server did not close: " + e);
        }
    }

    @Test
    void shouldCloseSilentAndHalfOpenConnectionsAtTheHandshakeTimeoutAndFreeTheirSlot() throws Exception {
        final TcpServer server = server(TlsTransportTest::echo, ServerLimits.defaults()
                .withMaxConnections(1).withHandshakeTimeout(Duration.ofSeconds(3)));
        // 3 s, not less: the real handshake at the end must finish within it on a loaded 2-core machine.

        try (Socket silent = new Socket()) {
            silent.connect(new InetSocketAddress(HOST, server.port()));
            silent.setSoTimeout(10_000);
            drainUntilClosed(silent.getInputStream());
        }
        await(() -> server.activeConnections() == 0, "the silent connection's slot is free");
        try (Socket halfOpen = new Socket()) {
            halfOpen.connect(new InetSocketAddress(HOST, server.port()));
            halfOpen.setSoTimeout(10_000);
            // The first bytes of a TLS handshake record, then nothing more.
            halfOpen.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01});
            halfOpen.getOutputStream().flush();
            drainUntilClosed(halfOpen.getInputStream());
        }
        await(() -> server.failedHandshakes() == 2, "both handshakes are counted as failed");
        await(() -> server.activeConnections() == 0, "the half-open connection's slot is free");
        for (final Throwable error : serverErrors) {
            assertEquals(ErrorCode.TIMEOUT, ((ChumException) error).errorCode(), error.toString());
        }
        assertRoundTrip(connect(server));
        assertEquals(0, server.rejectedConnections());
    }

    @Test
    void shouldRefuseConnectionsBeyondTheCapAndAcceptAgainWhenOneCloses() throws Exception {
        final TcpServer server = server(TlsTransportTest::echo, ServerLimits.defaults().withMaxConnections(2));
        final Connection first = connect(server);
        final Connection second = connect(server);
        assertRoundTrip(first);
        assertRoundTrip(second);
        assertEquals(2, server.activeConnections());

        final ChumException refused = assertThrows(ChumException.class, () -> {
            final Connection third = connect(server);
            // Should the client finish its handshake side first, the refusal shows on the first receive.
            third.receive(10, TimeUnit.SECONDS);
        });
        assertEquals(ErrorCode.CONNECTION_CLOSED, refused.errorCode(), refused.toString());
        assertEquals(1, server.rejectedConnections());
        assertRoundTrip(first);

        first.close("making room");
        await(() -> server.activeConnections() == 1, "the closed connection's slot is free");
        final Connection third = connect(server);
        assertRoundTrip(third);
        assertRoundTrip(second);
        assertEquals(1, server.rejectedConnections());
        assertEquals(3, server.acceptedConnections());
    }

    @Test
    void shouldFailReceiveWithTimeoutWhenTheServerIsSilent() {
        // The server neither sends keep-alives nor times out; only the client's idle timeout can fire.
        final ConnectionOptions silentServer = ConnectionOptions.defaults().withKeepAliveInterval(Duration.ZERO)
                .withIdleTimeout(Duration.ZERO);
        final TcpServer server = server(connection -> connection.receive(1, TimeUnit.MINUTES),
                ServerLimits.defaults().withConnectionOptions(silentServer));

        final Connection client = connect(server, ConnectionOptions.defaults().withIdleTimeout(Duration.ofMillis(300)));
        final ChumException timeout = assertThrows(ChumException.class, () -> client.receive(1, TimeUnit.MINUTES));
        assertEquals(ErrorCode.TIMEOUT, timeout.errorCode(), timeout.toString());
        assertFalse(client.isOpen());
        assertEquals(ErrorCode.TIMEOUT, client.closeCause().orElseThrow().errorCode());
        final ChumException sendAfter = assertThrows(ChumException.class, () -> client.send(Frame.empty(1)));
        assertEquals(ErrorCode.CONNECTION_CLOSED, sendAfter.errorCode());
    }

    @Test
    void shouldFailTheServersReceiveWithTimeoutWhenTheClientIsSilent() throws Exception {
        final CompletableFuture<ChumException> serverSide = new CompletableFuture<>();
        final TcpServer server = server(connection -> {
            try {
                connection.receive(1, TimeUnit.MINUTES);
                serverSide.completeExceptionally(new AssertionError("server received a frame"));
            } catch (final ChumException e) {
                serverSide.complete(e);
            }
        }, ServerLimits.defaults().withConnectionOptions(
                ConnectionOptions.defaults().withIdleTimeout(Duration.ofMillis(300))));

        final Connection client = connect(server, ConnectionOptions.defaults().withKeepAliveInterval(Duration.ZERO)
                .withIdleTimeout(Duration.ZERO));
        assertEquals(ErrorCode.TIMEOUT, serverSide.get(20, TimeUnit.SECONDS).errorCode());
        final ChumException clientSide = assertThrows(ChumException.class, () -> client.receive(20, TimeUnit.SECONDS));
        assertEquals(ErrorCode.CONNECTION_CLOSED, clientSide.errorCode());
    }

    @Test
    void shouldKeepAnIdleConnectionAliveWithKeepAlives() {
        final ConnectionOptions lively = ConnectionOptions.defaults().withKeepAliveInterval(Duration.ofMillis(50))
                .withIdleTimeout(Duration.ofMillis(700));
        final TcpServer server = server(TlsTransportTest::echo, ServerLimits.defaults().withConnectionOptions(lively));
        final Connection client = connect(server, lively);
        // Three idle timeouts long without a single frame from either application.
        assertNull(client.receive(2100, TimeUnit.MILLISECONDS), "keep-alives are never delivered");
        assertTrue(client.isOpen(), () -> "closed: " + client.closeCause());
        assertRoundTrip(client);
        assertEquals(1, client.framesSent());
        assertEquals(1, client.framesReceived());
    }

    @Test
    void shouldKeepServingAfterAHandlerThrows() throws Exception {
        final AtomicInteger calls = new AtomicInteger();
        final TcpServer server = server(connection -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("handler bug");
            }
            echo(connection);
        }, ServerLimits.defaults());

        final Connection failed = connect(server);
        final ChumException closed = assertThrows(ChumException.class, () -> failed.receive(20, TimeUnit.SECONDS));
        assertEquals(ErrorCode.CONNECTION_CLOSED, closed.errorCode());
        await(() -> server.handlerFailures() == 1, "the failure is counted");
        assertTrue(serverErrors.stream().anyMatch(e -> String.valueOf(e.getMessage()).contains("handler bug")),
                serverErrors::toString);

        assertRoundTrip(connect(server));
        assertEquals(2, calls.get());
    }

    @Test
    void shouldDeliverEverythingSentBeforeACloseOnEitherSide() throws Exception {
        final CompletableFuture<Integer> receivedByServer = new CompletableFuture<>();
        final TcpServer server = server(connection -> {
            for (int i = 0; i < 200; i++) {
                connection.send(Frame.of(3, new byte[1000 + i]));
            }
            int count = 0;
            try {
                while (true) {
                    if (connection.receive(20, TimeUnit.SECONDS) != null) {
                        count++;
                    }
                }
            } catch (final ChumException e) {
                assertEquals(ErrorCode.CONNECTION_CLOSED, e.errorCode());
                receivedByServer.complete(count);
            }
        }, ServerLimits.defaults());

        final Connection client = connect(server);
        for (int i = 0; i < 200; i++) {
            assertEquals(1000 + i, receive(client).payloadLength(), "frame " + i);
        }
        for (int i = 0; i < 300; i++) {
            client.send(Frame.of(4, new byte[500]));
        }
        client.close("client done");
        assertFalse(client.isOpen());
        assertEquals(300, receivedByServer.get(20, TimeUnit.SECONDS));
        assertEquals(300, client.framesSent());
        assertEquals(0, client.queuedBytes());
        final ChumException afterClose = assertThrows(ChumException.class, () -> client.receive(1, TimeUnit.SECONDS));
        assertEquals(ErrorCode.CONNECTION_CLOSED, afterClose.errorCode());
    }

    @Test
    void shouldEndTheConnectionWithProtocolErrorOnAnOversizedFrame() throws Exception {
        final CompletableFuture<ChumException> serverSide = new CompletableFuture<>();
        final TcpServer server = server(connection -> {
            try {
                while (true) {
                    connection.receive(1, TimeUnit.MINUTES);
                }
            } catch (final ChumException e) {
                serverSide.complete(e);
            }
        }, ServerLimits.defaults().withConnectionOptions(ConnectionOptions.defaults().withMaxFrameLength(1024)));

        final Connection client = connect(server);
        client.send(Frame.of(1, new byte[100]));
        client.send(Frame.of(1, new byte[2000]));
        final ChumException error = serverSide.get(20, TimeUnit.SECONDS);
        assertEquals(ErrorCode.PROTOCOL, error.errorCode(), error.toString());
        final ChumException clientSide = assertThrows(ChumException.class, () -> client.receive(20, TimeUnit.SECONDS));
        assertEquals(ErrorCode.CONNECTION_CLOSED, clientSide.errorCode());
    }

    @Test
    void shouldReportAnUnreachableServerAsConnectionClosed() throws Exception {
        final int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        final ChumException error = assertThrows(ChumException.class,
                () -> TcpTransport.connect(HOST, port, clientTls, CONNECT_TIMEOUT));
        assertEquals(ErrorCode.CONNECTION_CLOSED, error.errorCode());
    }

    /** A client-side trust manager for the certificate-less client: it accepts the server's certificate. */
    private static final class TrustEverything implements X509TrustManager {
        @Override
        public void checkClientTrusted(final X509Certificate[] chain, final String authType) {
            // the test client never acts as a server
        }

        @Override
        public void checkServerTrusted(final X509Certificate[] chain, final String authType) {
            // the point of the test is the server refusing us, not us refusing the server
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
