package io.chum.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy between a {@code chum sync} and a {@code chum serve} that the test can cut: {@link #cut} closes every
 * connection it carries (both sockets, with a TCP reset), as a network that drops a connection would; later
 * connections are carried again. The bytes (TLS records) pass through untouched.
 *
 * <p>Thread-safe: one accept thread and two pump threads per connection; the open sockets are guarded by the
 * object's monitor.
 */
final class CuttableProxy implements AutoCloseable {
    private final ServerSocket server;
    private volatile int targetPort;
    private final List<Socket> open = new ArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile boolean closed;

    /** Listens on a free loopback port and forwards to {@code targetPort} on loopback. */
    CuttableProxy(final int targetPort) {
        this.targetPort = targetPort;
        try {
            server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot listen for the proxy", e);
        }
        final Thread acceptor = new Thread(this::accept, "proxy-accept-" + port());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The port sync connects to. */
    int port() {
        return server.getLocalPort();
    }

    /** Forwards later connections to {@code port} (a restarted serve); carried ones stay as they are. */
    void retarget(final int port) {
        targetPort = port;
    }

    /** Connections accepted so far. */
    int accepted() {
        return accepted.get();
    }

    /**
     * Closes every connection carried now, with a reset (SO_LINGER 0); returns how many it cut (connections that
     * ended by themselves are not counted).
     */
    synchronized int cut() {
        final int n = open.size() / 2;
        for (final Socket s : open) {
            reset(s);
        }
        open.clear();
        return n;
    }

    private void accept() {
        while (!closed) {
            final Socket client;
            try {
                client = server.accept();
            } catch (final IOException e) {
                if (!closed) {
                    System.out.println("proxy: accept failed: " + e);
                }
                return;
            }
            accepted.incrementAndGet();
            final Socket upstream = new Socket();
            try {
                upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 10_000);
            } catch (final IOException e) {
                System.out.println("proxy: cannot reach port " + targetPort + ": " + e);
                reset(client);
                continue;
            }
            synchronized (this) {
                open.add(client);
                open.add(upstream);
            }
            pump(client, upstream, "up");
            pump(upstream, client, "down");
        }
    }

    private void pump(final Socket from, final Socket to, final String direction) {
        final Thread t = new Thread(() -> {
            final byte[] buffer = new byte[64 << 10];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    out.write(buffer, 0, n);
                }
            } catch (final IOException e) {
                // a cut or the other side's close: the other pump ends the same way
            } finally {
                reset(from);
                reset(to);
                synchronized (this) {
                    open.remove(from);
                    open.remove(to);
                }
            }
        }, "proxy-" + direction + "-" + from.getPort());
        t.setDaemon(true);
        t.start();
    }

    private static void reset(final Socket s) {
        try {
            if (!s.isClosed()) {
                s.setSoLinger(true, 0);
            }
        } catch (final IOException e) {
            // already closed by the other pump: nothing left to reset
        }
        try {
            s.close();
        } catch (final IOException e) {
            // closing a reset socket can fail; it is closed either way
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        cut();
    }
}
