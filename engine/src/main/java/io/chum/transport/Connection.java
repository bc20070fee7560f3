package io.chum.transport;

import io.chum.ChumException;
import io.chum.identity.PeerKey;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A reliable, ordered, message-oriented connection to one peer, carrying {@link Frame}s both ways.
 *
 * <p><b>Threading.</b> {@link #send} may be called from any thread and never blocks: it hands the frame
 * to the connection's writer (so a thread that answers incoming frames can never deadlock on a full
 * socket). {@link #receive} is meant for one consuming thread at a time. All other methods are
 * thread-safe.
 *
 * <p><b>Backpressure.</b> The send queue is unbounded by design: the chum protocol bounds what is in flight
 * with its own windows. {@link #queuedBytes()} tells how much is still waiting to be written, so a
 * producer can wait while it is high. Incoming frames that nobody receives are buffered up to a limit
 * (TCP: {@link ConnectionOptions#maxInboundBytes()}); beyond it the connection stops reading, and TCP
 * flow control slows the peer.
 *
 * <p><b>Ending.</b> {@link #close(String)} lets frames already sent reach the peer, then closes; the peer
 * then receives what is left and afterwards {@link io.chum.ErrorCode#CONNECTION_CLOSED}. A connection
 * that fails (idle timeout, malformed input, I/O error) closes itself; {@link #receive} then throws that
 * failure's code once the frames that arrived before it are drained.
 */
public interface Connection extends AutoCloseable {

    /**
     * Queues {@code frame} for sending; returns at once.
     *
     * @throws ChumException CONNECTION_CLOSED if the connection is closed; PROTOCOL if the frame exceeds the
     *                       maximum frame length or uses the reserved type {@link Frame#TYPE_KEEPALIVE}
     */
    void send(Frame frame);

    /**
     * The next frame, waiting up to {@code timeout}; {@code null} if none arrived in time.
     *
     * @throws ChumException once the connection is closed and every frame that arrived before is received:
     *                       CONNECTION_CLOSED after a close by either side or a lost connection, TIMEOUT after
     *                       the idle timeout, PROTOCOL after malformed input, TLS after a TLS failure;
     *                       INTERRUPTED if the waiting thread is interrupted (its interrupt flag stays set)
     */
    Frame receive(long timeout, TimeUnit unit);

    /**
     * Closes the connection: no more sends; frames already sent are still written (waiting at most the
     * close linger), then the peer is told. Idempotent; later calls return at once.
     */
    void close(String reason);

    /** Closes with the reason "closed". */
    @Override
    default void close() {
        close("closed");
    }

    /** Whether frames can still be sent: false once either side closed or the connection failed. */
    boolean isOpen();

    /**
     * Why the connection ended ({@code receive} throws it after draining), or empty while it is open.
     */
    Optional<ChumException> closeCause();

    /** The peer's authenticated Ed25519 key (in-process: the key given at creation). */
    PeerKey peerKey();

    /** The negotiated protocol: {@code "TLSv1.3"} or {@code "in-process"}. */
    String protocol();

    /** Who the peer is, for log lines: an address, or a description for in-process pairs. */
    String remoteAddress();

    /** Frames written to the peer (keep-alives not counted). */
    long framesSent();

    /** Frames received from the peer (keep-alives not counted). */
    long framesReceived();

    /** Bytes of those frames as encoded on the wire, header included. */
    long bytesSent();

    /** Bytes of received frames as encoded on the wire, header included. */
    long bytesReceived();

    /** Encoded bytes handed to {@link #send} and not yet written to the peer. */
    long queuedBytes();
}
