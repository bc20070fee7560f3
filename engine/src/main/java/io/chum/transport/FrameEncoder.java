package io.chum.transport;

import io.chum.ChumException;
import io.chum.ErrorCode;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Encodes frames as {@code [u32 length of (type + payload)][u8 type][payload]}, big-endian, refusing
 * frames whose length field would exceed the maximum the peer's decoder accepts.
 *
 * <p>Immutable; thread-safe (the header scratch space is per call).
 */
public final class FrameEncoder {
    private final int maxFrameLength;

    /** An encoder with {@link FrameDecoder#DEFAULT_MAX_FRAME_LENGTH}. */
    public FrameEncoder() {
        this(FrameDecoder.DEFAULT_MAX_FRAME_LENGTH);
    }

    /** An encoder refusing frames with a length field above {@code maxFrameLength}. */
    public FrameEncoder(final int maxFrameLength) {
        if (maxFrameLength < 1) {
            throw new IllegalArgumentException("maxFrameLength must be at least 1, got " + maxFrameLength);
        }
        this.maxFrameLength = maxFrameLength;
    }

    /** The largest length field this encoder writes. */
    public int maxFrameLength() {
        return maxFrameLength;
    }

    /**
     * Checks that {@code frame} fits.
     *
     * @throws ChumException PROTOCOL if its length field would exceed the maximum
     */
    public void check(final Frame frame) {
        final long lengthField = 1L + frame.payloadLength();
        if (lengthField > maxFrameLength) {
            throw new ChumException(ErrorCode.PROTOCOL, "type " + frame.type() + " frame of " + frame.payloadLength()
                    + " payload bytes exceeds the maximum frame length " + maxFrameLength);
        }
    }

    /** The frame's wire bytes. */
    public byte[] encode(final Frame frame) {
        check(frame);
        final byte[] out = new byte[frame.encodedLength()];
        writeHeader(frame, out, 0);
        System.arraycopy(frame.payloadArray(), 0, out, Frame.HEADER_LENGTH, frame.payloadLength());
        return out;
    }

    /** Writes the frame's wire bytes to {@code out} (two writes: header, payload; no flush). */
    public void writeTo(final OutputStream out, final Frame frame) throws IOException {
        check(frame);
        final byte[] header = new byte[Frame.HEADER_LENGTH];
        writeHeader(frame, header, 0);
        out.write(header);
        out.write(frame.payloadArray());
    }

    private static void writeHeader(final Frame frame, final byte[] dst, final int offset) {
        final int lengthField = 1 + frame.payloadLength();
        dst[offset] = (byte) (lengthField >>> 24);
        dst[offset + 1] = (byte) (lengthField >>> 16);
        dst[offset + 2] = (byte) (lengthField >>> 8);
        dst[offset + 3] = (byte) lengthField;
        dst[offset + 4] = (byte) frame.type();
    }
}
