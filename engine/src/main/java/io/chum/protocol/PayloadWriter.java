package io.chum.protocol;

import io.chum.model.Sha256Value;

/**
 * A big-endian cursor writing one payload into an array the caller sized with
 * {@link MessageCodec#encodedLength(Message)}. One per encode; not thread-safe.
 */
final class PayloadWriter {
    private final byte[] buf;
    private int pos;

    PayloadWriter(final byte[] buf, final int offset) {
        this.buf = buf;
        this.pos = offset;
    }

    int position() {
        return pos;
    }

    PayloadWriter u8(final int v) {
        buf[pos++] = (byte) v;
        return this;
    }

    PayloadWriter u16(final int v) {
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
        return this;
    }

    PayloadWriter u32(final int v) {
        buf[pos++] = (byte) (v >>> 24);
        buf[pos++] = (byte) (v >>> 16);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
        return this;
    }

    PayloadWriter i64(final long v) {
        u32((int) (v >>> 32));
        return u32((int) v);
    }

    PayloadWriter bool(final boolean v) {
        return u8(v ? 1 : 0);
    }

    PayloadWriter hash(final Sha256Value h) {
        h.writeTo(buf, pos);
        pos += Sha256Value.BYTES;
        return this;
    }

    /** A u16 length prefix and the UTF-8 bytes; {@code utf8Length} is the string's precomputed length. */
    PayloadWriter string(final String s, final int utf8Length) {
        u16(utf8Length);
        pos = Utf8.encode(s, buf, pos);
        return this;
    }

    PayloadWriter bytes(final byte[] src, final int offset, final int length) {
        System.arraycopy(src, offset, buf, pos, length);
        pos += length;
        return this;
    }

    PayloadWriter want(final Want w) {
        pos = w.writeBitmap(buf, pos);
        return this;
    }
}
