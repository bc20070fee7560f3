package io.chum.microdata;

import java.util.Arrays;

/**
 * Orders UTF-8 byte ranges as JavaScript orders the strings they encode: by UTF-16 code units
 * ({@link String#compareTo}). Stateless.
 *
 * <p>UTF-8 byte order is code point order. The two orders differ only between a code point in
 * U+E000–U+FFFF (lead byte EE or EF) and a supplementary one (lead byte F0–F4): in UTF-16 the supplementary
 * one starts with a surrogate (D800–DBFF) and sorts first. Equal prefixes end at a code point boundary, so the
 * first differing bytes are both lead bytes whenever that case arises.
 */
final class Utf16Order {
    private static final int INSERTION_SORT_LIMIT = 16;
    private Utf16Order() {
    }

    /** Compares {@code b[aFrom, aTo)} with {@code b[bFrom, bTo)}. */
    static int compare(final byte[] b, final int aFrom, final int aTo, final int bFrom, final int bTo) {
        final int m = Arrays.mismatch(b, aFrom, aTo, b, bFrom, bTo);
        if (m < 0) {
            return 0;
        }
        final int aLen = aTo - aFrom;
        final int bLen = bTo - bFrom;
        if (m == aLen || m == bLen) {
            return aLen - bLen;
        }
        final int x = b[aFrom + m] & 0xFF;
        final int y = b[bFrom + m] & 0xFF;
        if (x >= 0xEE && y >= 0xEE && (x >= 0xF0) != (y >= 0xF0)) {
            return x >= 0xF0 ? -1 : 1;
        }
        return x - y;
    }

    /**
     * Sorts the indexes 0..n-1 of the ranges {@code [bounds[base + i], bounds[base + i + 1])} in ascending order
     * (stable), using {@code order} and {@code tmp} (each with room for n) as work space; returns the one of the
     * two that holds the result.
     */
    static int[] sort(final byte[] b, final int[] bounds, final int base, final int n, final int[] order,
                      final int[] tmp) {
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (n <= INSERTION_SORT_LIMIT) {
            insertionSort(b, bounds, base, order, n);
            return order;
        }
        int[] src = order;
        int[] dst = tmp;
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                final int mid = Math.min(lo + width, n);
                final int hi = Math.min(lo + 2 * width, n);
                merge(b, bounds, base, src, dst, lo, mid, hi);
            }
            final int[] swap = src;
            src = dst;
            dst = swap;
        }
        return src;
    }

    private static void insertionSort(final byte[] b, final int[] bounds, final int base, final int[] order,
                                      final int n) {
        for (int i = 1; i < n; i++) {
            final int x = order[i];
            int j = i - 1;
            while (j >= 0 && compareItems(b, bounds, base, order[j], x) > 0) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = x;
        }
    }

    private static void merge(final byte[] b, final int[] bounds, final int base, final int[] src, final int[] dst,
                              final int lo, final int mid, final int hi) {
        int i = lo;
        int j = mid;
        for (int k = lo; k < hi; k++) {
            if (j >= hi || i < mid && compareItems(b, bounds, base, src[i], src[j]) <= 0) {
                dst[k] = src[i++];
            } else {
                dst[k] = src[j++];
            }
        }
    }

    /** Compares ranges x and y of {@code bounds[base, …]}. */
    static int compareItems(final byte[] b, final int[] bounds, final int base, final int x, final int y) {
        return compare(b, bounds[base + x], bounds[base + x + 1], bounds[base + y], bounds[base + y + 1]);
    }
}
