package io.chum.microdata;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A constant piece of markup ({@code <span itemprop="name">}, {@code </li>}, …) with its bytes also packed
 * into little-endian 8-byte words. Rendering writes tags word by word: objects consist mostly of short tags,
 * and a word store per 8 bytes is markedly cheaper than a {@code System.arraycopy} call per tag. Immutable.
 */
final class Tag {
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class,
        ByteOrder.LITTLE_ENDIAN);

    final byte[] bytes;
    private final long[] words;

    private Tag(final byte[] bytes) {
        this.bytes = bytes;
        this.words = new long[(bytes.length + 7) / 8];
        for (int i = 0; i < bytes.length; i++) {
            words[i / 8] |= (bytes[i] & 0xFFL) << 8 * (i % 8);
        }
    }

    static Tag of(final String markup) {
        return new Tag(markup.getBytes(StandardCharsets.UTF_8));
    }

    static Tag concat(final Tag a, final Tag b) {
        final byte[] out = new byte[a.bytes.length + b.bytes.length];
        System.arraycopy(a.bytes, 0, out, 0, a.bytes.length);
        System.arraycopy(b.bytes, 0, out, a.bytes.length, b.bytes.length);
        return new Tag(out);
    }

    int length() {
        return bytes.length;
    }

    /**
     * Writes the tag at {@code offset}. Up to 7 bytes after the tag are overwritten with padding, so
     * {@code dst} needs {@link #length()} + 7 bytes of room from {@code offset}; callers treat those bytes as
     * free space.
     */
    void writeTo(final byte[] dst, final int offset) {
        int p = offset;
        for (final long w : words) {
            LONG_LE.set(dst, p, w);
            p += 8;
        }
    }

    @Override
    public String toString() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
