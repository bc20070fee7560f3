package io.chum.microdata;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/** Byte-array search helpers for the microdata scanners. Stateless. */
final class Bytes {
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class,
        ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private Bytes() {
    }

    static boolean startsWith(final byte[] b, final int at, final byte[] prefix) {
        return at >= 0 && at + prefix.length <= b.length
            && Arrays.equals(b, at, at + prefix.length, prefix, 0, prefix.length);
    }

    static boolean startsWith(final byte[] b, final int at, final Tag prefix) {
        return startsWith(b, at, prefix.bytes);
    }

    /**
     * The first index ≥ {@code from} holding {@code x}, or -1. Tests 8 bytes per step: every object that is
     * imported is scanned for its references this way.
     */
    static int indexOf(final byte[] b, final byte x, final int from) {
        final long pattern = ONES * (x & 0xFF);
        int i = Math.max(from, 0);
        for (; i + 8 <= b.length; i += 8) {
            final long v = (long) LONG_LE.get(b, i) ^ pattern;
            // The lowest flagged byte is the first zero byte of v (later flags may be borrow artefacts).
            final long zeros = (v - ONES) & ~v & HIGHS;
            if (zeros != 0) {
                return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
            }
        }
        for (; i < b.length; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }
}
