package io.chum.transport;

import io.chum.ChumException;
import io.chum.ErrorCode;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One frame: a type (0..255) and a payload.
 *
 * <p>Immutable: {@link #of} copies the payload, {@link #wrap} takes ownership of the array (the caller
 * must not modify it afterwards), and the payload is handed out only as a read-only view or a copy.
 * Safe to share between threads.
 */
public final class Frame {
    /** Reserved for transport keep-alives; never delivered to {@link Connection#receive}. */
    public static final int TYPE_KEEPALIVE = 0;
    /** The largest frame type. */
    public static final int MAX_TYPE = 255;
    /** Bytes before the payload on the wire: the u32 length and the type byte. */
    public static final int HEADER_LENGTH = 5;

    private static final byte[] EMPTY = new byte[0];

    private final int type;
    private final byte[] payload;

    private Frame(final int type, final byte[] payload) {
        if (type < 0 || type > MAX_TYPE) {
            throw new ChumException(ErrorCode.PROTOCOL, "frame type " + type + " is not in 0..255");
        }
        this.type = type;
        this.payload = payload;
    }

    /** A frame with a copy of {@code payload}. */
    public static Frame of(final int type, final byte[] payload) {
        return new Frame(type, payload.length == 0 ? EMPTY : payload.clone());
    }

    /** A frame with an empty payload. */
    public static Frame empty(final int type) {
        return new Frame(type, EMPTY);
    }

    /**
     * A frame that takes ownership of {@code payload} without copying. The caller must never modify the
     * array afterwards.
     */
    public static Frame wrap(final int type, final byte[] payload) {
        return new Frame(type, payload);
    }

    /** The frame type, 0..255. */
    public int type() {
        return type;
    }

    /** The payload length in bytes. */
    public int payloadLength() {
        return payload.length;
    }

    /** Bytes of the frame on the wire: header plus payload. */
    public int encodedLength() {
        return HEADER_LENGTH + payload.length;
    }

    /** A read-only big-endian view of the payload, positioned at 0. */
    public ByteBuffer payload() {
        return ByteBuffer.wrap(payload).asReadOnlyBuffer();
    }

    /** A fresh copy of the payload. */
    public byte[] payloadBytes() {
        return payload.clone();
    }

    /**
     * The payload array itself, not a copy: for decoders that read it in place (the chum session decodes every
     * frame without copying its payload). Callers must never modify it.
     */
    public byte[] payloadArray() {
        return payload;
    }

    @Override
    public boolean equals(final Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Frame)) {
            return false;
        }
        final Frame other = (Frame) o;
        return type == other.type && Arrays.equals(payload, other.payload);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "Frame[type=" + type + ", " + payload.length + " bytes]";
    }
}
