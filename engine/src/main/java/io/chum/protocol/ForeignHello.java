package io.chum.protocol;

/**
 * A HELLO of a protocol version other than {@link ChumProtocol#PROTOCOL_VERSION}. Only the version is read
 * (it comes first in every version), so a peer of any version gets a clear {@code CS-MISMATCH} rather than a
 * parse error. Encoding one writes the version alone (tests use it to play a foreign peer).
 * Immutable; thread-safe.
 *
 * @param protocolVersion the peer's version, a u32 on the wire held in an int (see {@link #versionText()})
 */
public record ForeignHello(int protocolVersion) implements Message {
    /** Rejects our own version: a HELLO of our version always has all its fields. */
    public ForeignHello {
        if (protocolVersion == ChumProtocol.PROTOCOL_VERSION) {
            throw new IllegalArgumentException("version " + protocolVersion + " is not foreign; use Hello");
        }
    }

    /** The version as the unsigned number the peer sent. */
    public String versionText() {
        return Integer.toUnsignedString(protocolVersion);
    }

    @Override
    public byte frameType() {
        return MessageType.HELLO;
    }
}
