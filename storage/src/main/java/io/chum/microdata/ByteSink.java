package io.chum.microdata;

import io.chum.model.Sha256Value;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The growable output buffer of {@link MicrodataWriter} with the byte-level encoders of microdata: tags,
 * escaped UTF-8 text, JavaScript numbers and hex. Not thread-safe; owned by one writer.
 *
 * <p>This is the innermost hot path of hashing: ASCII strings are copied with bulk (intrinsic) operations
 * and without allocations, tags with one {@code System.arraycopy} each (measured no slower than word-wise
 * stores, and it keeps the compiled writer smaller, which helped the UTF-8 loop), hex with SWAR.
 */
final class ByteSink {
    /** Up to this length a char loop beats the fixed cost of the bulk ASCII copy (measured crossover ~32-40). */
    private static final int SHORT_STRING = 32;

    /** Bit c set for the chars c < 64 that text escapes: {@code & < >}. */
    private static final long ESCAPED = 1L << '&' | 1L << '<' | 1L << '>';
    private static final byte[] AMP = {'&', 'a', 'm', 'p', ';'};
    private static final byte[] LT = {'&', 'l', 't', ';'};
    private static final byte[] GT = {'&', 'g', 't', ';'};

    private byte[] buf;
    private int len;
    private byte[] scratch = new byte[0];
    private char[] chars = new char[0];
    /** Views for {@link #asciiPrefix}, reused so the encoder costs no allocation; rewrapped when arrays grow. */
    private CharBuffer charView = CharBuffer.wrap(chars);
    private ByteBuffer byteView = ByteBuffer.wrap(new byte[0]);
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

    /** The largest of the buffers' sizes in bytes, to decide whether a pooled sink is worth keeping. */
    int capacity() {
        return Math.max(buf.length, Math.max(scratch.length, 2 * chars.length));
    }

    void reset() {
        len = 0;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    void append(final Tag t) {
        final byte[] b = t.bytes;
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
    }

    /**
     * Writes ESC(s) as UTF-8. Returns -1, or the index of an unpaired surrogate, which has no UTF-8 form (the
     * output is then incomplete).
     *
     * <p>Short strings go through a char loop. Longer ones are checked for {@code & < >} with
     * {@link String#indexOf(int)} and copied into a reused char array (both intrinsics); without escapes, the
     * JDK's US-ASCII encoder (an intrinsic too) writes the ASCII prefix, usually the whole string, and the UTF-8
     * loop continues from the first non-ASCII char instead of starting over.
     */
    int text(final String s) {
        final int n = s.length();
        if (n <= SHORT_STRING) {
            return shortText(s, n);
        }
        final boolean escapes = s.indexOf('&') >= 0 || s.indexOf('<') >= 0 || s.indexOf('>') >= 0;
        final char[] cs = charsOf(s, n);
        if (escapes) {
            return encode(cs, 0, n, true);
        }
        ensure(n);
        final int ascii = asciiPrefix(n);
        len += ascii;
        return ascii == n ? -1 : encode(cs, ascii, n, false);
    }

    private int shortText(final String s, final int n) {
        ensure(n);
        final byte[] b = buf;
        final int base = len;
        for (int i = 0; i < n; i++) {
            final char c = s.charAt(i);
            if (c >= 0x80 || isEscaped(c)) {
                len = base + i;
                return encode(charsOf(s, n), i, n, true);
            }
            b[base + i] = (byte) c;
        }
        len = base + n;
        return -1;
    }

    private static boolean isEscaped(final char c) {
        return c < 64 && (ESCAPED >>> c & 1) != 0;
    }

    /** {@code s} in the reused char array (only {@code [0, n)} is valid). */
    private char[] charsOf(final String s, final int n) {
        if (chars.length < n) {
            chars = new char[Math.max(n, 2 * chars.length)];
            charView = CharBuffer.wrap(chars);
        }
        s.getChars(0, n, chars, 0);
        return chars;
    }

    /**
     * Encodes the longest ASCII prefix of {@code chars[0, n)} at {@link #len} (room for n bytes ensured) and
     * returns its length; the encoder stops at the first char ≥ 0x80, surrogates included.
     */
    private int asciiPrefix(final int n) {
        if (byteView.array() != buf) {
            byteView = ByteBuffer.wrap(buf);
        }
        charView.limit(n).position(0);
        byteView.limit(len + n).position(len);
        asciiEncoder.reset();
        asciiEncoder.encode(charView, byteView, true);
        return charView.position();
    }

    /**
     * Encodes {@code cs[from, n)} as UTF-8 at {@link #len}, escaping {@code & < >} if {@code escape}. Returns -1
     * or the index of an unpaired surrogate.
     */
    private int encode(final char[] cs, final int from, final int n, final boolean escape) {
        ensure((escape ? 5 : 3) * (n - from));
        final byte[] b = buf;
        int p = len;
        int i = from;
        while (i < n) {
            final char c = cs[i++];
            if (c < 0x80) {
                if (escape && isEscaped(c)) {
                    p = entity(b, p, c);
                } else {
                    b[p++] = (byte) c;
                }
            } else if (c < 0x800) {
                b[p] = (byte) (0xC0 | c >> 6);
                b[p + 1] = (byte) (0x80 | c & 0x3F);
                p += 2;
            } else if (!Character.isSurrogate(c)) {
                b[p] = (byte) (0xE0 | c >> 12);
                b[p + 1] = (byte) (0x80 | c >> 6 & 0x3F);
                b[p + 2] = (byte) (0x80 | c & 0x3F);
                p += 3;
            } else if (Character.isHighSurrogate(c) && i < n && Character.isLowSurrogate(cs[i])) {
                final int cp = Character.toCodePoint(c, cs[i++]);
                b[p] = (byte) (0xF0 | cp >> 18);
                b[p + 1] = (byte) (0x80 | cp >> 12 & 0x3F);
                b[p + 2] = (byte) (0x80 | cp >> 6 & 0x3F);
                b[p + 3] = (byte) (0x80 | cp & 0x3F);
                p += 4;
            } else {
                len = p;
                return i - 1;
            }
        }
        len = p;
        return -1;
    }

    private static int entity(final byte[] b, final int p, final char c) {
        final byte[] e = c == '&' ? AMP : c == '<' ? LT : GT;
        System.arraycopy(e, 0, b, p, e.length);
        return p + e.length;
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
        hex(h.word(0), h.word(1), h.word(2), h.word(3));
    }

    /** The hex of the hash with these four words. */
    void hex(final long w0, final long w1, final long w2, final long w3) {
        ensure(Sha256Value.HEX_LENGTH);
        Hex.write(w0, w1, w2, w3, buf, len);
        len += Sha256Value.HEX_LENGTH;
    }

    /**
     * Writes the bytes so far to {@code sink} and empties the buffer: for streamed rendering, only where no sort
     * range or recorded ID range points into the buffer.
     */
    void drainTo(final OutputStream sink) throws IOException {
        sink.write(buf, 0, len);
        len = 0;
    }

    /**
     * Reorders the adjacent ranges {@code [bounds[base + i], bounds[base + i + 1])}, i &lt; n, which end at the
     * current length, into the order {@code order[0, n)} (a permutation of 0..n-1).
     */
    void permute(final int[] bounds, final int base, final int n, final int[] order) {
        final int start = bounds[base];
        final int total = len - start;
        if (scratch.length < total) {
            scratch = new byte[Math.max(total, scratch.length * 2)];
        }
        int p = 0;
        for (int k = 0; k < n; k++) {
            final int from = bounds[base + order[k]];
            final int size = bounds[base + order[k] + 1] - from;
            System.arraycopy(buf, from, scratch, p, size);
            p += size;
        }
        System.arraycopy(scratch, 0, buf, start, total);
    }

    private void ensure(final int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(len + extra, buf.length * 2));
        }
    }
}
