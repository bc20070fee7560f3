package io.chum.transport;

import io.chum.ChumException;
import io.chum.ErrorCode;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of one TCP connection.
 *
 * @param maxFrameLength  largest length field (type + payload) sent or accepted; larger incoming frames
 *                        end the connection with PROTOCOL, larger outgoing ones are refused by send
 * @param idleTimeout     a peer silent for this long fails the connection with TIMEOUT; zero disables it
 * @param keepAliveInterval a keep-alive frame is sent after this long without sending anything, so that an
 *                        idle but healthy connection never reaches the peer's idle timeout; zero disables it
 *                        (then the protocol must send often enough itself)
 * @param closeLinger     how long {@link Connection#close(String)} waits for queued frames to be written and
 *                        for the peer to close its side before the socket is closed hard
 * @param maxInboundBytes received but not yet consumed frames are buffered up to this many encoded bytes;
 *                        beyond it the connection stops reading from the socket (one frame is always accepted)
 */
public record ConnectionOptions(int maxFrameLength, Duration idleTimeout, Duration keepAliveInterval,
                                Duration closeLinger, long maxInboundBytes) {

    /** Default idle timeout: a minute of silence (four missed keep-alives) ends a connection. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    /** Default keep-alive interval. */
    public static final Duration DEFAULT_KEEPALIVE_INTERVAL = Duration.ofSeconds(15);
    /** Default close linger. */
    public static final Duration DEFAULT_CLOSE_LINGER = Duration.ofSeconds(5);
    /** Default inbound buffer limit. */
    public static final long DEFAULT_MAX_INBOUND_BYTES = 32L * 1024 * 1024;

    public ConnectionOptions {
        if (maxFrameLength < 1) {
            throw new ChumException(ErrorCode.BAD_OPTIONS, "maxFrameLength must be at least 1, got " + maxFrameLength);
        }
        requireNonNegative("idleTimeout", idleTimeout);
        requireNonNegative("keepAliveInterval", keepAliveInterval);
        requireNonNegative("closeLinger", closeLinger);
        if (idleTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new ChumException(ErrorCode.BAD_OPTIONS, "idleTimeout too long: " + idleTimeout);
        }
        if (maxInboundBytes < 1) {
            throw new ChumException(ErrorCode.BAD_OPTIONS, "maxInboundBytes must be positive, got " + maxInboundBytes);
        }
    }

    /** The defaults: {@link FrameDecoder#DEFAULT_MAX_FRAME_LENGTH}, 60 s idle, 15 s keep-alive, 5 s linger, 32 MiB. */
    public static ConnectionOptions defaults() {
        return new ConnectionOptions(FrameDecoder.DEFAULT_MAX_FRAME_LENGTH, DEFAULT_IDLE_TIMEOUT,
                DEFAULT_KEEPALIVE_INTERVAL, DEFAULT_CLOSE_LINGER, DEFAULT_MAX_INBOUND_BYTES);
    }

    /** A copy with another maximum frame length. */
    public ConnectionOptions withMaxFrameLength(final int value) {
        return new ConnectionOptions(value, idleTimeout, keepAliveInterval, closeLinger, maxInboundBytes);
    }

    /** A copy with another idle timeout (zero disables it). */
    public ConnectionOptions withIdleTimeout(final Duration value) {
        return new ConnectionOptions(maxFrameLength, value, keepAliveInterval, closeLinger, maxInboundBytes);
    }

    /** A copy with another keep-alive interval (zero disables keep-alives). */
    public ConnectionOptions withKeepAliveInterval(final Duration value) {
        return new ConnectionOptions(maxFrameLength, idleTimeout, value, closeLinger, maxInboundBytes);
    }

    /** A copy with another close linger. */
    public ConnectionOptions withCloseLinger(final Duration value) {
        return new ConnectionOptions(maxFrameLength, idleTimeout, keepAliveInterval, value, maxInboundBytes);
    }

    /** A copy with another inbound buffer limit. */
    public ConnectionOptions withMaxInboundBytes(final long value) {
        return new ConnectionOptions(maxFrameLength, idleTimeout, keepAliveInterval, closeLinger, value);
    }

    private static void requireNonNegative(final String name, final Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new ChumException(ErrorCode.BAD_OPTIONS, name + " must not be negative, got " + d);
        }
    }
}
