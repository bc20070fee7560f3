package io.chum.transport;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.identity.PeerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * A {@link Connection} over a TLS socket whose handshake is complete, with one reader and one writer
 * thread.
 *
 * <p>The writer takes everything queued, writes it through a buffer and flushes only when the queue is
 * empty, so bursts of small frames share TLS records and packets (TCP_NODELAY is set, so nothing waits
 * for Nagle). After a keep-alive interval without anything to send it writes a keep-alive frame.
 * The reader decodes frames into the inbound queue, drops keep-alives, and applies the read (idle)
 * timeout of the socket.
 *
 * <p>A graceful {@link #close(String)} lets the writer finish the queue, then half-closes (TLS
 * close_notify), then waits for the peer to close its side; a timer closes the socket hard when the
 * close linger has passed. Any failure closes the socket at once. Thread-safe.
 */
final class TlsConnection extends AbstractConnection {
    private static final Logger LOG = LoggerFactory.getLogger(TlsConnection.class);
    private static final int READ_BUFFER = 64 * 1024;
    /** Large enough that a 64 KiB frame is copied into it and goes out with its neighbours. */
    private static final int WRITE_BUFFER = 128 * 1024;
    private static final Frame KEEPALIVE = Frame.empty(Frame.TYPE_KEEPALIVE);

    private final Socket raw;
    private final SSLSocket ssl;
    private final ConnectionOptions options;
    private final FrameEncoder encoder;
    private final FrameDecoder decoder;
    private final FrameQueue outbound = new FrameQueue();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final Thread reader;
    private final Thread writer;
    /** Set when the connection failed: the writer must not try a graceful ending any more. */
    private volatile boolean failed;
    /** Closes the socket hard when a graceful close takes longer than the linger; null until close. */
    private volatile ScheduledFuture<?> lingerDeadline;

    private TlsConnection(final Socket raw, final SSLSocket ssl, final PeerKey peerKey, final String remote,
                          final ConnectionOptions options) {
        super(peerKey, ssl.getSession().getProtocol(), remote, options.maxFrameLength());
        this.raw = raw;
        this.ssl = ssl;
        this.options = options;
        this.encoder = new FrameEncoder(options.maxFrameLength());
        this.decoder = new FrameDecoder(options.maxFrameLength());
        this.reader = new Thread(this::readLoop, "chum-tls-reader " + remote);
        this.writer = new Thread(this::writeLoop, "chum-tls-writer " + remote);
        reader.setDaemon(true);
        writer.setDaemon(true);
    }

    /**
     * Starts the reader and writer of a connection whose handshake is done.
     *
     * @throws ChumException CONNECTION_CLOSED if the socket cannot be configured (it is closed then)
     */
    static TlsConnection start(final Socket raw, final SSLSocket ssl, final PeerKey peerKey, final String remote,
                               final ConnectionOptions options) {
        try {
            raw.setSoTimeout((int) options.idleTimeout().toMillis());
        } catch (final IOException e) {
            NetworkErrors.closeQuietly(raw);
            throw NetworkErrors.map(e, "configuring connection to " + remote);
        }
        final TlsConnection connection = new TlsConnection(raw, ssl, peerKey, remote, options);
        connection.reader.start();
        connection.writer.start();
        return connection;
    }

    @Override
    public void send(final Frame frame) {
        checkSendable(frame);
        queuedBytes.addAndGet(frame.encodedLength());
        if (!outbound.offer(frame)) {
            queuedBytes.addAndGet(-frame.encodedLength());
            throw closedForSending();
        }
    }

    /** The TLS session, for tests and diagnostics. */
    SSLSession session() {
        return ssl.getSession();
    }

    @Override
    public long queuedBytes() {
        return queuedBytes.get();
    }

    @Override
    public void close(final String reason) {
        if (beginClose(reason)) {
            awaitClosed();
        }
    }

    /**
     * Starts a graceful close without waiting: the writer finishes the queue, half-closes, waits for the
     * peer's end of stream and closes the socket; a timer closes it hard once the linger has passed.
     *
     * @return false if the connection was closed already
     */
    boolean beginClose(final String reason) {
        if (!open.compareAndSet(true, false)) {
            return false;
        }
        final ChumException closed = new ChumException(ErrorCode.CONNECTION_CLOSED, "connection to " + remoteAddress()
                + " closed: " + reason);
        inbound.close(closed, false);
        outbound.close(closed, false);
        lingerDeadline = TransportTimer.schedule(() -> NetworkErrors.closeQuietly(raw),
                options.closeLinger().toNanos());
        return true;
    }

    /** Waits until the reader and writer have ended; the linger timer bounds the wait. */
    void awaitClosed() {
        // The timer closes the socket at the linger deadline, which ends both threads; the margin only
        // guards against a thread that does not react to its socket closing.
        final long deadline = System.nanoTime() + options.closeLinger().toNanos() + TimeUnit.SECONDS.toNanos(1);
        if (awaitEnd(writer, deadline)) {
            awaitEnd(reader, deadline);
        }
        NetworkErrors.closeQuietly(raw);
    }

    /** Waits until {@code thread} ends or the deadline passes; false if it did not end. */
    private static boolean awaitEnd(final Thread thread, final long deadline) {
        if (thread == Thread.currentThread()) {
            return false;
        }
        try {
            final long remaining = deadline - System.nanoTime();
            if (remaining > 0) {
                TimeUnit.NANOSECONDS.timedJoin(thread, remaining);
            }
            return !thread.isAlive();
        } catch (final InterruptedException e) {
            // The caller wants to stop waiting: the socket is closed hard right after.
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Ends the connection at once with {@code cause} (the first cause of the connection's end stays). */
    private void fail(final ChumException cause) {
        failed = true;
        open.set(false);
        if (inbound.close(cause, false)) {
            LOG.debug("connection to {} failed: {}", remoteAddress(), cause.getMessage());
        }
        outbound.close(cause, true);
        NetworkErrors.closeQuietly(raw);
    }

    private void readLoop() {
        final byte[] buffer = new byte[READ_BUFFER];
        try {
            final InputStream in = ssl.getInputStream();
            while (true) {
                final int n = in.read(buffer);
                if (n < 0) {
                    decoder.finish();
                    fail(new ChumException(ErrorCode.CONNECTION_CLOSED, "peer " + remoteAddress()
                            + " closed the connection"));
                    return;
                }
                decoder.feed(buffer, 0, n, this::deliver);
            }
        } catch (final java.net.SocketTimeoutException e) {
            fail(new ChumException(ErrorCode.TIMEOUT, "no data from " + remoteAddress() + " for "
                    + options.idleTimeout().toMillis() + " ms (idle timeout)", e));
        } catch (final IOException e) {
            fail(NetworkErrors.map(e, "reading from " + remoteAddress()));
        } catch (final ChumException e) {
            fail(new ChumException(e.errorCode(), "from " + remoteAddress() + ": " + e.reason(), e));
        } catch (final RuntimeException | Error e) {
            fail(new ChumException(ErrorCode.INTERNAL, "reader of " + remoteAddress() + " failed: " + e, e));
            throw e;
        }
    }

    private void deliver(final Frame frame) {
        if (frame.type() == Frame.TYPE_KEEPALIVE) {
            return;
        }
        countReceived(frame);
        // After a local close the queue refuses frames: they are read only to let the peer finish.
        inbound.put(frame, options.maxInboundBytes());
    }

    private void writeLoop() {
        final long keepAliveNanos = options.keepAliveInterval().isZero()
                ? Long.MAX_VALUE : options.keepAliveInterval().toNanos();
        final List<Frame> batch = new ArrayList<>();
        try {
            final OutputStream out = new BufferedOutputStream(ssl.getOutputStream(), WRITE_BUFFER);
            while (true) {
                final int n = outbound.drainTo(batch, keepAliveNanos);
                if (n < 0) {
                    break;
                }
                if (n == 0) {
                    encoder.writeTo(out, KEEPALIVE);
                    out.flush();
                    continue;
                }
                for (final Frame frame : batch) {
                    encoder.writeTo(out, frame);
                    framesSent.incrementAndGet();
                    bytesSent.addAndGet(frame.encodedLength());
                    queuedBytes.addAndGet(-frame.encodedLength());
                }
                batch.clear();
                if (outbound.isEmpty()) {
                    out.flush();
                }
            }
            if (!failed) {
                out.flush();
                // TLS close_notify and TCP FIN: the peer reads to the end, then closes its side, which
                // ends our reader. Closing before that could reset the connection and lose the tail.
                ssl.shutdownOutput();
                reader.join();
            }
            NetworkErrors.closeQuietly(raw);
            final ScheduledFuture<?> deadline = lingerDeadline;
            if (deadline != null) {
                deadline.cancel(false);
            }
        } catch (final IOException e) {
            fail(NetworkErrors.map(e, "writing to " + remoteAddress()));
        } catch (final InterruptedException e) {
            fail(new ChumException(ErrorCode.INTERNAL, "writer of " + remoteAddress() + " interrupted", e));
        } catch (final RuntimeException | Error e) {
            fail(new ChumException(ErrorCode.INTERNAL, "writer of " + remoteAddress() + " failed: " + e, e));
            throw e;
        }
    }
}
