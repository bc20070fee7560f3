package io.chum.model;

import io.chum.ChumException;
import io.chum.ErrorCode;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A SHA-256 value: 32 bytes held as four big-endian longs, printed as 64 lowercase hex characters.
 *
 * <p>Two concrete types keep object hashes and ID hashes apart at compile time: {@link Hash} and
 * {@link IdHash}. Values of different concrete types are never equal. Immutable and thread-safe.
 */
public abstract class Sha256Value implements Comparable<Sha256Value> {
    /** Length in bytes. */
    public static final int BYTES = 32;
    /** Length in hex characters. */
    public static final int HEX_LENGTH = 64;

    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class,
        ByteOrder.BIG_ENDIAN);
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

    private final long w0;
    private final long w1;
    private final long w2;
    private final long w3;

    Sha256Value(final long w0, final long w1, final long w2, final long w3) {
        this.w0 = w0;
        this.w1 = w1;
        this.w2 = w2;
        this.w3 = w3;
    }

    /** Word {@code i} (0..3) of the value, big-endian: word 0 holds bytes 0..7. */
    public final long word(final int i) {
        switch (i) {
            case 0: return w0;
            case 1: return w1;
            case 2: return w2;
            case 3: return w3;
            default: throw new IndexOutOfBoundsException("word " + i);
        }
    }

    /** A fresh copy of the 32 bytes. */
    public final byte[] toBytes() {
        final byte[] out = new byte[BYTES];
        writeTo(out, 0);
        return out;
    }

    /** Writes the 32 bytes into {@code dst} at {@code offset}. */
    public final void writeTo(final byte[] dst, final int offset) {
        putLong(dst, offset, w0);
        putLong(dst, offset + 8, w1);
        putLong(dst, offset + 16, w2);
        putLong(dst, offset + 24, w3);
    }

    /**
     * Writes the 64 lowercase hex characters as ASCII bytes into {@code dst} at {@code offset}. Eight
     * characters per step: every reference in every microdata rendering goes through here.
     */
    public final void writeHexTo(final byte[] dst, final int offset) {
        Objects.checkFromIndexSize(offset, HEX_LENGTH, dst.length);
        putHex(dst, offset, w0);
        putHex(dst, offset + 16, w1);
        putHex(dst, offset + 32, w2);
        putHex(dst, offset + 48, w3);
    }

    /** The 64 lowercase hex characters. */
    public final String toHex() {
        final byte[] out = new byte[HEX_LENGTH];
        writeHexTo(out, 0);
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    /** A short prefix of the hex form, for log lines. */
    public final String shortHex() {
        return toHex().substring(0, 12);
    }

    @Override
    public final String toString() {
        return toHex();
    }

    @Override
    public final boolean equals(final Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || o.getClass() != getClass()) {
            return false;
        }
        final Sha256Value v = (Sha256Value) o;
        return w0 == v.w0 && w1 == v.w1 && w2 == v.w2 && w3 == v.w3;
    }

    @Override
    public final int hashCode() {
        // SHA-256 output is uniformly distributed, so any word is a good hash.
        return (int) (w0 ^ (w0 >>> 32));
    }

    /** Orders by the unsigned byte sequence, which equals the order of the hex strings. */
    @Override
    public final int compareTo(final Sha256Value o) {
        int c = Long.compareUnsigned(w0, o.w0);
        if (c == 0) {
            c = Long.compareUnsigned(w1, o.w1);
        }
        if (c == 0) {
            c = Long.compareUnsigned(w2, o.w2);
        }
        if (c == 0) {
            c = Long.compareUnsigned(w3, o.w3);
        }
        return c;
    }

    /** True if {@code s} is exactly 64 lowercase hex characters. */
    public static boolean isHex(final CharSequence s) {
        if (s == null || s.length() != HEX_LENGTH) {
            return false;
        }
        for (int i = 0; i < HEX_LENGTH; i++) {
            if (hexDigit(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** True if the 64 bytes at {@code offset} are lowercase hex ASCII. Eight bytes per step (SWAR). */
    public static boolean isHex(final byte[] src, final int offset) {
        if (offset < 0 || offset + HEX_LENGTH > src.length) {
            return false;
        }
        for (int i = 0; i < HEX_LENGTH; i += 8) {
            if (!isHex8((long) LONG_BE.get(src, offset + i))) {
                return false;
            }
        }
        return true;
    }

    /** True if all 8 bytes of {@code v} are {@code 0-9} or {@code a-f}. */
    private static boolean isHex8(final long v) {
        if ((v & HIGH_BITS) != 0) {
            return false;
        }
        // With every byte below 0x80, adding 0x80 - c sets a byte's high bit exactly if it is >= c; no carries.
        final long atLeast0 = v + 0x5050_5050_5050_5050L;
        final long above9 = v + 0x4646_4646_4646_4646L;
        final long atLeastA = v + 0x1F1F_1F1F_1F1F_1F1FL;
        final long aboveF = v + 0x1919_1919_1919_1919L;
        return ((atLeast0 & ~above9 | atLeastA & ~aboveF) & HIGH_BITS) == HIGH_BITS;
    }

    /** The 32-bit value of 8 validated hex digits (big-endian: the first digit in the highest byte). */
    private static long hex8Value(final long v) {
        // digit value = low nibble, plus 9 for letters (bit 6 set)
        long x = (v & 0x0F0F_0F0F_0F0F_0F0FL) + (v >>> 6 & 0x0101_0101_0101_0101L) * 9;
        x = (x | x >>> 4) & 0x00FF_00FF_00FF_00FFL;
        x = (x | x >>> 8) & 0x0000_FFFF_0000_FFFFL;
        return (x | x >>> 16) & 0xFFFF_FFFFL;
    }

    static long[] parseHex(final CharSequence s) {
        if (!isHex(s)) {
            throw new ChumException(ErrorCode.BAD_HASH, "not 64 lowercase hex characters: " + abbreviate(s));
        }
        final long[] words = new long[4];
        for (int i = 0; i < HEX_LENGTH; i++) {
            words[i >> 4] = (words[i >> 4] << 4) | hexDigit(s.charAt(i));
        }
        return words;
    }

    /** Makes a concrete value from its four words: a concrete type's constructor. */
    @FunctionalInterface
    interface FromWords<T extends Sha256Value> {
        T make(long w0, long w1, long w2, long w3);
    }

    /**
     * The value of the 64 hex digits at {@code offset}, made by {@code make}: checks and converts each 16 digits in
     * one pass over the bytes (callers need not check with {@link #isHex}), with no array of words made for every
     * reference read out of microdata.
     */
    static <T extends Sha256Value> T parseHex(final byte[] src, final int offset, final FromWords<T> make) {
        if (offset < 0 || offset + HEX_LENGTH > src.length) {
            throw notHex(offset);
        }
        return make.make(hexWord(src, offset, 0), hexWord(src, offset, 16), hexWord(src, offset, 32),
            hexWord(src, offset, 48));
    }

    /** The word of the 16 hex digits at {@code offset + at}, which the caller has checked are within {@code src}. */
    private static long hexWord(final byte[] src, final int offset, final int at) {
        final long high = (long) LONG_BE.get(src, offset + at);
        final long low = (long) LONG_BE.get(src, offset + at + 8);
        if (!isHex8(high) || !isHex8(low)) {
            throw notHex(offset);
        }
        return hex8Value(high) << 32 | hex8Value(low);
    }

    private static ChumException notHex(final int offset) {
        return new ChumException(ErrorCode.BAD_HASH, "not 64 lowercase hex characters at offset " + offset);
    }

    static long getLong(final byte[] src, final int offset) {
        return (long) LONG_BE.get(src, offset);
    }

    private static void putLong(final byte[] dst, final int offset, final long v) {
        LONG_BE.set(dst, offset, v);
    }

    /** The 16 hex characters of {@code w} at {@code offset}. */
    private static void putHex(final byte[] dst, final int offset, final long w) {
        LONG_BE.set(dst, offset, hex8((int) (w >>> 32)));
        LONG_BE.set(dst, offset + 8, hex8((int) w));
    }

    /**
     * The eight hex digits of {@code x} as ASCII bytes, the first digit in the most significant byte. The
     * nibbles are spread one per byte, then each byte gets {@code '0'} added and, if the nibble is 10..15
     * (bit 4 set after adding 6), the further distance to {@code 'a'}. No byte ever carries into the next.
     */
    static long hex8(final int x) {
        long v = x & 0xFFFF_FFFFL;
        v = (v | v << 16) & 0x0000_FFFF_0000_FFFFL;
        v = (v | v << 8) & 0x00FF_00FF_00FF_00FFL;
        v = (v | v << 4) & 0x0F0F_0F0F_0F0F_0F0FL;
        final long letters = (v + 0x0606_0606_0606_0606L) >>> 4 & 0x0101_0101_0101_0101L;
        return v + 0x3030_3030_3030_3030L + letters * ('a' - '0' - 10);
    }

    private static int hexDigit(final char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    private static String abbreviate(final CharSequence s) {
        if (s == null) {
            return "null";
        }
        final String str = s.toString();
        return str.length() > 80 ? str.substring(0, 80) + "…" : '"' + str + '"';
    }
}
