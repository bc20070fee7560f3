package io.chum.microdata;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Lowercase hex of SHA-256 values, eight digits per 8-byte store (SWAR): every object reference is written
 * this way, so a per-digit table loop was the largest cost of rendering reference-heavy objects. Stateless.
 */
final class Hex {
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private Hex() {
    }

    /** The 64 lowercase hex digits of the hash with these four words at {@code dst[offset]}. */
    static void write(final long w0, final long w1, final long w2, final long w3, final byte[] dst,
                      final int offset) {
        word(w0, dst, offset);
        word(w1, dst, offset + 16);
        word(w2, dst, offset + 32);
        word(w3, dst, offset + 48);
    }

    private static void word(final long w, final byte[] dst, final int offset) {
        LONG_BE.set(dst, offset, digits(w >>> 32));
        LONG_BE.set(dst, offset + 8, digits(w & 0xFFFFFFFFL));
    }

    /** The 8 hex digits of a 32-bit value as 8 ASCII bytes, most significant digit in the highest byte. */
    static long digits(final long value) {
        // Spread the 8 nibbles into the 8 bytes: 0x12345678 -> 0x0102030405060708.
        long x = (value & 0xFFFF0000L) << 16 | value & 0xFFFFL;
        x = (x & 0x0000FF000000FF00L) << 8 | x & 0x000000FF000000FFL;
        x = (x & 0x00F000F000F000F0L) << 4 | x & 0x000F000F000F000FL;
        // 1 in every byte whose nibble is 10..15 (adding 6 carries into bit 4; no byte overflows).
        final long letters = (x + 0x0606060606060606L) >>> 4 & 0x0101010101010101L;
        return x + 0x3030303030303030L + letters * ('a' - '0' - 10);
    }
}
