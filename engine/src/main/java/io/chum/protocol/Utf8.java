package io.chum.protocol;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 for the protocol's strings: encoding without intermediate arrays, decoding that rejects
 * malformed input (overlong forms, surrogates, truncated sequences) instead of replacing it. Stateless.
 */
final class Utf8 {
    /** The UTF-8 length of {@code s}, or -1 if it holds an unpaired surrogate. */
    static int encodedLength(final String s) {
        int length = 0;
        final int n = s.length();
        for (int i = 0; i < n; i++) {
            final char c = s.charAt(i);
            if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 >= n || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return -1;
                }
                length += 4;
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return -1;
            } else {
                length += 3;
            }
        }
        return length;
    }

    /** Writes the UTF-8 of a well-formed {@code s} at {@code offset}; returns the offset after it. */
    static int encode(final String s, final byte[] dst, final int offset) {
        int o = offset;
        final int n = s.length();
        for (int i = 0; i < n; i++) {
            final char c = s.charAt(i);
            if (c < 0x80) {
                dst[o++] = (byte) c;
            } else if (c < 0x800) {
                dst[o++] = (byte) (0xC0 | (c >> 6));
                dst[o++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c)) {
                final int cp = Character.toCodePoint(c, s.charAt(++i));
                dst[o++] = (byte) (0xF0 | (cp >> 18));
                dst[o++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                dst[o++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                dst[o++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                dst[o++] = (byte) (0xE0 | (c >> 12));
                dst[o++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                dst[o++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return o;
    }

    /** Decodes strictly; null if the bytes are not well-formed UTF-8. */
    static String decodeOrNull(final byte[] src, final int offset, final int length) {
        boolean ascii = true;
        for (int i = offset; i < offset + length; i++) {
            if (src[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(src, offset, length, StandardCharsets.US_ASCII);
        }
        final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            final CharBuffer chars = decoder.decode(ByteBuffer.wrap(src, offset, length));
            return chars.toString();
        } catch (final CharacterCodingException e) {
            return null;
        }
    }

    private Utf8() {
    }
}
