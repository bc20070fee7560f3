package io.chum.microdata;

import io.chum.model.Sha256Value;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The growable output buffer of {@link MicrodataWriter} with the byte-level encoders of microdata: tags,
 * escaped UTF-8 text, JavaScript numbers and hex. Not thread-safe; owned by one writer.
 *
 * <p>This is the innermost hot path of hashing: ASCII strings are copied with bulk (intrinsic) operations
 * and without allocations proportional to their length, tags are written word by word, hex with SWAR.
 */
final class ByteSink {
    /** Up to this length a char loop beats the fixed cost of the bulk ASCII copy (measured crossover ~32-40). */
    private static final int SHORT_STRING = 32;

    private byte[] buf;
    private int len;
    private byte[] scratch = new byte[0];
    private char[] chars = new char[0];
    private final CharsetEncoder asciiEncoder = StandardCharsets.US_ASCII.newEncoder();

    ByteSink(final int capacity) {
        this.buf = new byte[capacity];
    }

    byte[] array() {
        return buf;
    }

    int length() {
        return len;
    }

    /** The larger of the buffers' sizes, to decide whether a pooled sink is worth keeping. */
    int capacity() {
        return Math.max(buf.length, scratch.length);
    }

    void reset() {
        len = 0;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    void append(final Tag t) {
        ensure(t.length() + 8);
        t.writeTo(buf, len);
        len += t.length();
    }

    /**
     * Writes ESC(s) as UTF-8. Returns -1, or the index of an unpaired surrogate, which has no UTF-8 form (the
     * output is then incomplete).
     */
    int text(final String s) {
        final int n = s.length();
        ensure(n);
        if (n <= SHORT_STRING) {
            final byte[] b = buf;
            final int base = len;
            for (int i = 0; i < n; i++) {
                final char c = s.charAt(i);
                if (c >= 0x80 || c == '&' || c == '<' || c == '>') {
                    len = base + i;
                    return textSlow(s, i);
                }
                b[base + i] = (byte) c;
            }
            len = base + n;
            return -1;
        }
        if (s.indexOf('&') >= 0 || s.indexOf('<') >= 0 || s.indexOf('>') >= 0 || !copyIfAscii(s, n)) {
            return textSlow(s, 0);
        }
        return -1;
    }

    /**
     * Copies {@code s} if it is pure ASCII: {@code getChars} into a reused char array, then the JDK's US-ASCII
     * encoder, which stops at the first char ≥ 0x80 (including every surrogate).
     */
    private boolean copyIfAscii(final String s, final int n) {
        if (chars.length < n) {
            chars = new char[Math.max(n, 2 * chars.length)];
        }
        s.getChars(0, n, chars, 0);
        asciiEncoder.reset();
        final CoderResult result = asciiEncoder.encode(CharBuffer.wrap(chars, 0, n), ByteBuffer.wrap(buf, len, n),
            true);
        if (!result.isUnderflow()) {
            return false;
        }
        len += n;
        return true;
    }

    private int textSlow(final String s, final int from) {
        final int n = s.length();
        ensure(5 * (n - from));
        final byte[] b = buf;
        int p = len;
        for (int i = from; i < n; i++) {
            final char c = s.charAt(i);
            if (c < 0x80) {
                p = switch (c) {
                    case '&' -> put(b, p, "&amp;");
                    case '<' -> put(b, p, "&lt;");
                    case '>' -> put(b, p, "&gt;");
                    default -> {
                        b[p] = (byte) c;
                        yield p + 1;
                    }
                };
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | c >> 6);
                b[p++] = (byte) (0x80 | c & 0x3F);
            } else if (!Character.isSurrogate(c)) {
                b[p++] = (byte) (0xE0 | c >> 12);
                b[p++] = (byte) (0x80 | c >> 6 & 0x3F);
                b[p++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                final int cp = Character.toCodePoint(c, s.charAt(++i));
                b[p++] = (byte) (0xF0 | cp >> 18);
                b[p++] = (byte) (0x80 | cp >> 12 & 0x3F);
                b[p++] = (byte) (0x80 | cp >> 6 & 0x3F);
                b[p++] = (byte) (0x80 | cp & 0x3F);
            } else {
                len = p;
                return i;
            }
        }
        len = p;
        return -1;
    }

    private static int put(final byte[] b, final int p, final String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            b[p + i] = (byte) ascii.charAt(i);
        }
        return p + ascii.length();
    }

    /** A long in decimal (a safe integer is exactly what JavaScript prints). */
    void decimal(final long v) {
        ensure(20);
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                ascii(Long.toString(v));
                return;
            }
            buf[len++] = '-';
        }
        long rest = Math.abs(v);
        final int digits = decimalDigits(rest);
        for (int i = len + digits - 1; i >= len; i--) {
            buf[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        len += digits;
    }

    /** Digits of a non-negative long, without dividing. */
    private static int decimalDigits(final long v) {
        long bound = 10;
        for (int d = 1; d < 19; d++) {
            if (v < bound) {
                return d;
            }
            bound *= 10;
        }
        return 19;
    }

    /** A double as JavaScript prints it. */
    void number(final double d) {
        if (d == Math.rint(d) && Math.abs(d) <= JsNumbers.MAX_SAFE_INTEGER) {
            decimal((long) d);
            return;
        }
        ascii(JsNumbers.format(d));
    }

    private void ascii(final String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            buf[len++] = (byte) s.charAt(i);
        }
    }

    void hex(final Sha256Value h) {
        ensure(Sha256Value.HEX_LENGTH);
        Hex.write(h, buf, len);
        len += Sha256Value.HEX_LENGTH;
    }

    /**
     * Reorders the adjacent ranges {@code [starts[i], starts[i+1])}, i &lt; n, which end at the current length,
     * into the order {@code order} (a permutation of 0..n-1).
     */
    void permute(final int[] starts, final int n, final int[] order) {
        final int total = len - starts[0];
        if (scratch.length < total) {
            scratch = new byte[Math.max(total, scratch.length * 2)];
        }
        int p = 0;
        for (int k = 0; k < n; k++) {
            final int from = starts[order[k]];
            final int size = starts[order[k] + 1] - from;
            System.arraycopy(buf, from, scratch, p, size);
            p += size;
        }
        System.arraycopy(scratch, 0, buf, starts[0], total);
    }

    private void ensure(final int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(len + extra, buf.length * 2));
        }
    }
}
