package io.chum.transport;

import io.chum.ChumException;
import io.chum.ErrorCode;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Decodes frames from a byte stream that arrives in pieces of any size.
 *
 * <p>The declared length (type byte + payload) is checked as soon as its four bytes are in: zero and
 * anything above {@link #maxFrameLength()} are rejected before any payload memory is allocated. The
 * payload buffer then grows with the bytes that actually arrive (starting at
 * {@value #INITIAL_PAYLOAD_CAPACITY} bytes), so a peer that declares a large frame and sends little
 * costs little. Whatever the input, the only exception {@link #feed} throws is a {@link ChumException}
 * with {@link ErrorCode#PROTOCOL}; after one, the decoder stays failed.
 *
 * <p>Not thread-safe: one decoder per stream, fed by one thread.
 */
public final class FrameDecoder {
    /** Default maximum of the length field: a 4 MiB chunk plus 4 KiB for the protocol's own header. */
    public static final int DEFAULT_MAX_FRAME_LENGTH = 4 * 1024 * 1024 + 4096;
    /** First payload buffer size for frames larger than this. */
    public static final int INITIAL_PAYLOAD_CAPACITY = 64 * 1024;

    private static final int LENGTH_FIELD = 4;

    private final int maxFrameLength;
    private final byte[] header = new byte[Frame.HEADER_LENGTH];
    private int headerFill;
    private int payloadLength;
    private byte[] payload;
    private int payloadFill;
    private long consumed;
    private long frameStart;
    private ChumException failure;

    /** A decoder with {@link #DEFAULT_MAX_FRAME_LENGTH}. */
    public FrameDecoder() {
        this(DEFAULT_MAX_FRAME_LENGTH);
    }

    /** A decoder accepting length fields from 1 to {@code maxFrameLength}. */
    public FrameDecoder(final int maxFrameLength) {
        if (maxFrameLength < 1) {
            throw new IllegalArgumentException("maxFrameLength must be at least 1, got " + maxFrameLength);
        }
        this.maxFrameLength = maxFrameLength;
    }

    /** The largest accepted value of the length field (type byte + payload). */
    public int maxFrameLength() {
        return maxFrameLength;
    }

    /** Bytes consumed so far. */
    public long bytesConsumed() {
        return consumed;
    }

    /** Whether a frame has begun but not ended. */
    public boolean hasPartialFrame() {
        return headerFill > 0;
    }

    /** Decodes all of {@code bytes} and returns the completed frames. */
    public List<Frame> feed(final byte[] bytes) {
        final List<Frame> frames = new ArrayList<>();
        feed(bytes, 0, bytes.length, frames::add);
        return frames;
    }

    /**
     * Decodes {@code length} bytes of {@code src} from {@code offset}, handing each completed frame to
     * {@code sink} in order. Exceptions thrown by {@code sink} propagate; the decoder is then positioned
     * after that frame.
     *
     * @throws ChumException PROTOCOL on a zero or oversized length field, or if the decoder failed before
     */
    public void feed(final byte[] src, final int offset, final int length, final Consumer<Frame> sink) {
        Objects.checkFromIndexSize(offset, length, src.length);
        if (failure != null) {
            throw new ChumException(ErrorCode.PROTOCOL, "frame stream already failed: " + failure.reason(), failure);
        }
        int pos = offset;
        final int end = offset + length;
        while (pos < end) {
            if (headerFill < Frame.HEADER_LENGTH) {
                final int n = Math.min(Frame.HEADER_LENGTH - headerFill, end - pos);
                System.arraycopy(src, pos, header, headerFill, n);
                if (headerFill == 0) {
                    frameStart = consumed;
                }
                headerFill += n;
                pos += n;
                consumed += n;
                if (headerFill >= LENGTH_FIELD && headerFill - n < LENGTH_FIELD) {
                    checkLength();
                }
                if (headerFill == Frame.HEADER_LENGTH) {
                    payloadLength = lengthField() - 1;
                    if (payloadLength == 0) {
                        emit(Frame.empty(header[LENGTH_FIELD] & 0xFF), sink);
                    } else {
                        payload = new byte[Math.min(payloadLength, INITIAL_PAYLOAD_CAPACITY)];
                        payloadFill = 0;
                    }
                }
            } else {
                final int n = Math.min(payloadLength - payloadFill, end - pos);
                ensureCapacity(payloadFill + n);
                System.arraycopy(src, pos, payload, payloadFill, n);
                payloadFill += n;
                pos += n;
                consumed += n;
                if (payloadFill == payloadLength) {
                    final byte[] complete = payload;
                    emit(Frame.wrap(header[LENGTH_FIELD] & 0xFF, complete), sink);
                }
            }
        }
    }

    /**
     * Declares the end of the stream.
     *
     * @throws ChumException PROTOCOL if it ends inside a frame
     */
    public void finish() {
        if (failure != null) {
            throw new ChumException(ErrorCode.PROTOCOL, "frame stream already failed: " + failure.reason(), failure);
        }
        if (headerFill > 0) {
            final String detail = headerFill < Frame.HEADER_LENGTH
                    ? headerFill + " of " + Frame.HEADER_LENGTH + " header bytes"
                    : payloadFill + " of " + payloadLength + " payload bytes of a type " + (header[LENGTH_FIELD] & 0xFF)
                        + " frame";
            throw fail("stream ended inside the frame at offset " + frameStart + " after " + detail);
        }
    }

    private int lengthField() {
        return ((header[0] & 0xFF) << 24) | ((header[1] & 0xFF) << 16) | ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
    }

    private void checkLength() {
        final long declared = Integer.toUnsignedLong(lengthField());
        if (declared == 0) {
            throw fail("frame at offset " + frameStart + " has length 0 (a frame has at least its type byte)");
        }
        if (declared > maxFrameLength) {
            throw fail("frame at offset " + frameStart + " declares " + declared + " bytes, more than the maximum "
                    + maxFrameLength);
        }
    }

    private void ensureCapacity(final int needed) {
        if (needed > payload.length) {
            final int doubled = (int) Math.min((long) payload.length * 2, payloadLength);
            final byte[] grown = new byte[Math.max(needed, doubled)];
            System.arraycopy(payload, 0, grown, 0, payloadFill);
            payload = grown;
        }
    }

    private void emit(final Frame frame, final Consumer<Frame> sink) {
        headerFill = 0;
        payload = null;
        payloadFill = 0;
        payloadLength = 0;
        sink.accept(frame);
    }

    private ChumException fail(final String message) {
        failure = new ChumException(ErrorCode.PROTOCOL, message);
        payload = null;
        return failure;
    }
}
