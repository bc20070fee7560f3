package io.chum.microdata;

import java.nio.charset.StandardCharsets;

/**
 * A constant piece of markup ({@code <span itemprop="name">}, {@code </li>}, …) as UTF-8 bytes. Plans join
 * neighbouring pieces ({@link #concat}) so that rendering writes one tag, with one copy, between two values.
 * Immutable.
 */
final class Tag {
    final byte[] bytes;

    private Tag(final byte[] bytes) {
        this.bytes = bytes;
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

    @Override
    public String toString() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
