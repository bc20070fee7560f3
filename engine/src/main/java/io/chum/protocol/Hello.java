package io.chum.protocol;

import io.chum.model.IdHash;

import java.util.Objects;

/**
 * HELLO of protocol version {@link ChumProtocol#PROTOCOL_VERSION}: the first message of each side, telling the
 * peer who we claim to be and what our importer asks of the peer's exporter. A HELLO of another version
 * decodes as {@link ForeignHello}. Immutable; thread-safe.
 *
 * @param personId              the Person ID hash this side claims (checked against the authenticated key)
 * @param instanceName          the name of this side's Instance
 * @param chumName              the name of the chum (both sides must use the same one)
 * @param keepRunning           whether this side asks to keep the chum running after the full sync
 * @param maxNotificationDelayMs how long the peer's exporter may hold new entries in keepRunning mode, ≥ 1
 * @param cursor                the {@code highestRemoteTimestamp} of the last chum with this peer whose full
 *                              sync was achieved (the peer's exporter replays its log from there); 0 = none
 * @param senderTimeMs          this side's clock when sending, ms since the epoch (for diagnostics)
 * @param softwareVersion       free text naming the implementation and its version
 */
public record Hello(IdHash personId, String instanceName, String chumName, boolean keepRunning,
                    int maxNotificationDelayMs, long cursor, long senderTimeMs, String softwareVersion)
    implements Message {

    /** Checks the fields can be sent. */
    public Hello {
        Objects.requireNonNull(personId, "personId");
        Require.string(instanceName, "instanceName");
        Require.string(chumName, "chumName");
        if (maxNotificationDelayMs < ChumProtocol.MIN_NOTIFICATION_DELAY_MS) {
            throw new IllegalArgumentException("maxNotificationDelayMs must be at least "
                + ChumProtocol.MIN_NOTIFICATION_DELAY_MS + ": " + maxNotificationDelayMs);
        }
        Require.nonNegative(cursor, "cursor");
        Require.nonNegative(senderTimeMs, "senderTimeMs");
        Require.string(softwareVersion, "softwareVersion");
    }

    /** Always {@link ChumProtocol#PROTOCOL_VERSION}: that is the version this record's layout belongs to. */
    public int protocolVersion() {
        return ChumProtocol.PROTOCOL_VERSION;
    }

    @Override
    public byte frameType() {
        return MessageType.HELLO;
    }
}
