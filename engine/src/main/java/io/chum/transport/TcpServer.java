package io.chum.transport;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.identity.PeerKey;
import io.chum.identity.TlsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLSocket;

/**
 * Accepts TCP connections, authenticates them with TLS 1.3 (client certificate required) and serves
 * each on a thread of its own with a {@link ConnectionHandler}.
 *
 * <p>Robustness: at most {@link ServerLimits#maxConnections()} connections are held at once, handshakes
 * included; an excess connection is closed at once and counted ({@link #rejectedConnections()}). Each
 * handshake has a hard deadline, so garbage, half-open and silent connections are dropped and give
 * their slot back. A handler that throws is reported to the error handler; nothing stops the server but
 * {@link #close()}.
 *
 * <p>Threads: one accept thread, and one thread per held connection (plus its connection's reader and
 * writer). All public methods are thread-safe.
 */
public final class TcpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TcpServer.class);
    /** Pause after a failed accept (e.g. out of file descriptors), so the loop does not spin. */
    private static final long ACCEPT_BACKOFF_MILLIS = 50;
    /** How long {@link #close()} waits for handlers to end after their connections were closed. */
    private static final long HANDLER_GRACE_MILLIS = 2000;

    private final ServerSocket serverSocket;
    private final TlsConfig tls;
    private final ConnectionHandler handler;
    private final ServerLimits limits;
    private final TransportErrorHandler errorHandler;
    private final Semaphore slots;
    private final Thread acceptThread;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Set<TlsConnection> connections = ConcurrentHashMap.newKeySet();
    private final Set<Thread> connectionThreads = ConcurrentHashMap.newKeySet();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong failedHandshakes = new AtomicLong();
    private final AtomicLong handlerFailures = new AtomicLong();
    private final AtomicLong connectionIds = new AtomicLong();
    private volatile boolean closed;

    private TcpServer(final ServerSocket serverSocket, final TlsConfig tls, final ConnectionHandler handler,
                      final ServerLimits limits, final TransportErrorHandler errorHandler) {
        this.serverSocket = serverSocket;
        this.tls = tls;
        this.handler = handler;
        this.limits = limits;
        this.errorHandler = errorHandler;
        this.slots = new Semaphore(limits.maxConnections());
        this.acceptThread = new Thread(this::acceptLoop, "chum-server-accept :" + serverSocket.getLocalPort());
        acceptThread.setDaemon(true);
    }

    /**
     * {@link #start(String, int, TlsConfig, ConnectionHandler, ServerLimits, TransportErrorHandler)} with
     * {@link TransportErrorHandler#logging()}.
     */
    public static TcpServer start(final String host, final int port, final TlsConfig tls,
                                  final ConnectionHandler handler, final ServerLimits limits) {
        return start(host, port, tls, handler, limits, TransportErrorHandler.logging());
    }

    /**
     * Binds {@code host:port} (port 0: an ephemeral port, see {@link #port()}) and starts accepting.
     *
     * @throws ChumException IO if the address cannot be bound
     */
    public static TcpServer start(final String host, final int port, final TlsConfig tls,
                                  final ConnectionHandler handler, final ServerLimits limits,
                                  final TransportErrorHandler errorHandler) {
        final ServerSocket serverSocket;
        try {
            serverSocket = new ServerSocket();
            serverSocket.setReuseAddress(true);
            serverSocket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (final IOException e) {
            throw new ChumException(ErrorCode.IO, "cannot listen on " + host + ":" + port + ": " + e, e);
        }
        final TcpServer server = new TcpServer(serverSocket, tls, handler, limits, errorHandler);
        server.acceptThread.start();
        LOG.info("listening on {}:{} (TLS 1.3, key {})", host, server.port(), tls.localKey().shortHex());
        return server;
    }

    /** The bound port (the actual one when started with port 0). */
    public int port() {
        return serverSocket.getLocalPort();
    }

    /** Connections held now, handshakes included. */
    public int activeConnections() {
        return limits.maxConnections() - slots.availablePermits();
    }

    /** Connections that completed the TLS handshake and were handed to the handler. */
    public long acceptedConnections() {
        return accepted.get();
    }

    /** Connections closed at once because {@link ServerLimits#maxConnections()} were held. */
    public long rejectedConnections() {
        return rejected.get();
    }

    /** Connections whose TLS handshake failed or timed out. */
    public long failedHandshakes() {
        return failedHandshakes.get();
    }

    /** Handler calls that ended with an exception. */
    public long handlerFailures() {
        return handlerFailures.get();
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Stops accepting, closes every connection (handshakes are cut, established connections closed
     * gracefully) and waits briefly for the handlers to end. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            serverSocket.close();
        } catch (final IOException e) {
            report(new ChumException(ErrorCode.IO, "closing server socket on port " + port() + ": " + e, e));
        }
        join(acceptThread, HANDLER_GRACE_MILLIS);
        // Begin every close first, so that the lingers run in parallel, not one after another.
        final List<TlsConnection> closing = new ArrayList<>();
        for (final TlsConnection connection : new ArrayList<>(connections)) {
            if (connection.beginClose("server closing")) {
                closing.add(connection);
            }
        }
        for (final TlsConnection connection : closing) {
            connection.awaitClosed();
        }
        for (final Socket socket : new ArrayList<>(sockets)) {
            NetworkErrors.closeQuietly(socket);
        }
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(HANDLER_GRACE_MILLIS);
        final List<Thread> threads = new ArrayList<>(connectionThreads);
        for (final Thread thread : threads) {
            join(thread, Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            if (thread.isAlive()) {
                LOG.warn("handler thread {} still running after the server closed; interrupting it", thread.getName());
                thread.interrupt();
            }
        }
        LOG.info("server on port {} closed", port());
    }

    private void acceptLoop() {
        while (!closed) {
            final Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (final IOException e) {
                if (closed) {
                    return;
                }
                report(new ChumException(ErrorCode.IO, "accept on port " + port() + " failed: " + e, e));
                sleepAfterAcceptFailure();
                continue;
            }
            if (!slots.tryAcquire()) {
                rejected.incrementAndGet();
                LOG.debug("refusing {}: {} connections held", socket.getRemoteSocketAddress(), limits.maxConnections());
                NetworkErrors.closeQuietly(socket);
                continue;
            }
            final Thread thread = new Thread(() -> serve(socket),
                    "chum-server-conn-" + connectionIds.incrementAndGet() + " " + describe(socket));
            thread.setDaemon(true);
            connectionThreads.add(thread);
            try {
                thread.start();
            } catch (final OutOfMemoryError e) {
                // "unable to create native thread": refuse this connection, keep accepting.
                connectionThreads.remove(thread);
                slots.release();
                NetworkErrors.closeQuietly(socket);
                report(new ChumException(ErrorCode.INTERNAL, "cannot start a thread for "
                        + describe(socket) + ": " + e, e));
            }
        }
    }

    private void serve(final Socket socket) {
        sockets.add(socket);
        final String remote = describe(socket);
        try {
            if (closed) {
                return;
            }
            final PeerKey peerKey;
            final SSLSocket ssl;
            try {
                socket.setTcpNoDelay(true);
                ssl = tls.serverSocket(socket);
                peerKey = TlsHandshake.perform(socket, ssl, limits.handshakeTimeout(), remote);
            } catch (final IOException | ChumException e) {
                failedHandshakes.incrementAndGet();
                report(e instanceof ChumException ? e : NetworkErrors.map((IOException) e, "accepting " + remote));
                return;
            }
            final TlsConnection connection = TlsConnection.start(socket, ssl, peerKey, remote,
                    limits.connectionOptions());
            connections.add(connection);
            accepted.incrementAndGet();
            try {
                if (closed) {
                    connection.close("server closing");
                    return;
                }
                handler.handle(connection);
                connection.close("server handler finished");
            } catch (final Throwable t) {
                // Isolation: whatever a handler throws ends its connection, never the server.
                handlerFailures.incrementAndGet();
                final ErrorCode code = t instanceof ChumException
                        ? ((ChumException) t).errorCode() : ErrorCode.INTERNAL;
                report(new ChumException(code, "handler for " + remote + " (key " + peerKey.shortHex()
                        + ") failed: " + t, t));
                connection.close("server handler failed: " + t);
            } finally {
                connections.remove(connection);
            }
        } catch (final RuntimeException e) {
            report(ChumException.wrap(e, ErrorCode.INTERNAL));
        } finally {
            NetworkErrors.closeQuietly(socket);
            sockets.remove(socket);
            slots.release();
            connectionThreads.remove(Thread.currentThread());
        }
    }

    private void report(final Throwable error) {
        try {
            errorHandler.onError(error);
        } catch (final RuntimeException e) {
            e.addSuppressed(error);
            LOG.error("error handler failed", e);
        }
    }

    private static void sleepAfterAcceptFailure() {
        // parkNanos, not sleep: only close() ends the accept loop, an interrupt must not.
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(ACCEPT_BACKOFF_MILLIS));
    }

    private static void join(final Thread thread, final long millis) {
        try {
            thread.join(millis);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String describe(final Socket socket) {
        final InetSocketAddress address = (InetSocketAddress) socket.getRemoteSocketAddress();
        return address == null ? "unconnected" : address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    @Override
    public String toString() {
        return "TcpServer[port " + port() + ", " + activeConnections() + "/" + limits.maxConnections() + " held]";
    }
}
