package io.chum.transport;

import io.chum.ChumException;
import io.chum.ErrorCode;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of a {@link TcpServer}.
 *
 * @param maxConnections    connections held at once, handshakes included; further ones are closed at once
 * @param handshakeTimeout  a hard deadline for the TLS handshake of an accepted connection
 * @param connectionOptions settings of each accepted connection
 */
public record ServerLimits(int maxConnections, Duration handshakeTimeout, ConnectionOptions connectionOptions) {

    /** Default maximum number of connections. */
    public static final int DEFAULT_MAX_CONNECTIONS = 64;
    /** Default handshake timeout. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    public ServerLimits {
        if (maxConnections < 1) {
            throw new ChumException(ErrorCode.BAD_OPTIONS, "maxConnections must be at least 1, got " + maxConnections);
        }
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new ChumException(ErrorCode.BAD_OPTIONS, "handshakeTimeout must be positive, got "
                    + handshakeTimeout);
        }
        Objects.requireNonNull(connectionOptions, "connectionOptions");
    }

    /** 64 connections, 10 s handshake timeout, {@link ConnectionOptions#defaults()}. */
    public static ServerLimits defaults() {
        return new ServerLimits(DEFAULT_MAX_CONNECTIONS, DEFAULT_HANDSHAKE_TIMEOUT, ConnectionOptions.defaults());
    }

    /** A copy with another maximum number of connections. */
    public ServerLimits withMaxConnections(final int value) {
        return new ServerLimits(value, handshakeTimeout, connectionOptions);
    }

    /** A copy with another handshake timeout. */
    public ServerLimits withHandshakeTimeout(final Duration value) {
        return new ServerLimits(maxConnections, value, connectionOptions);
    }

    /** A copy with other connection options. */
    public ServerLimits withConnectionOptions(final ConnectionOptions value) {
        return new ServerLimits(maxConnections, handshakeTimeout, value);
    }
}
