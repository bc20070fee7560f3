package io.chum.microdata;

import java.util.Arrays;

/** Small byte-array search helpers for the microdata scanners. Stateless. */
final class Bytes {
    private Bytes() {
    }

    static boolean startsWith(final byte[] b, final int at, final byte[] prefix) {
        return at >= 0 && at + prefix.length <= b.length
            && Arrays.equals(b, at, at + prefix.length, prefix, 0, prefix.length);
    }

    /** The first index ≥ {@code from} holding {@code x}, or -1. */
    static int indexOf(final byte[] b, final byte x, final int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }
}
