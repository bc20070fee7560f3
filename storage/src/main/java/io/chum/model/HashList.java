package io.chum.model;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * A compact, growable list of SHA-256 values (object or ID hashes alike): 32 bytes per value as four longs in
 * fixed-size pages, so growing never copies what is there, and no object per value. A list of a million hashes
 * takes 32 MB where a {@code List} of {@link Hash} objects takes about 56 MB, and it can be visited in sorted order
 * without a second copy: {@link #forEachSorted} sorts each page in place and merges the pages as it visits.
 * Sorted order is {@link Sha256Value#compareTo}: unsigned, word by word, which is the order of the bytes and of the
 * lowercase hex strings. Duplicates are kept.
 *
 * <p>For the lists of a Chum object (every hash a chum transferred), rendered by streaming
 * ({@link io.chum.microdata.StreamedObject}). NOT thread-safe: one thread builds and reads it; do not change it
 * while a rendering reads it.
 */
public final class HashList {
    /** A visitor of the four words of each hash. */
    @FunctionalInterface
    public interface Visitor {
        void visit(long w0, long w1, long w2, long w3);
    }

    private static final int PAGE_SHIFT = 12;
    /** Hashes per page (4096: a page is 128 KiB of longs). */
    private static final int PAGE_HASHES = 1 << PAGE_SHIFT;
    private static final int WORDS = 4;
    private static final int INSERTION_SORT_LIMIT = 12;
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class,
        ByteOrder.BIG_ENDIAN);

    private long[][] pages = new long[4][];
    private int size;
    /** The number of leading pages known to be sorted each (pages are sorted lazily, and only whole ones). */
    private int sortedPages;

    /** Number of hashes. */
    public int size() {
        return size;
    }

    /** True if the list holds no hash. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** Appends {@code h}. */
    public void add(final Sha256Value h) {
        add(h.word(0), h.word(1), h.word(2), h.word(3));
    }

    /** Appends the 32 bytes at {@code src[offset]} (big-endian, as in {@link Hash#ofBytes(byte[], int)}). */
    public void add(final byte[] src, final int offset) {
        Objects.checkFromIndexSize(offset, Sha256Value.BYTES, src.length);
        add((long) LONG_BE.get(src, offset), (long) LONG_BE.get(src, offset + 8),
            (long) LONG_BE.get(src, offset + 16), (long) LONG_BE.get(src, offset + 24));
    }

    /** Appends the hash with these four words. */
    public void add(final long w0, final long w1, final long w2, final long w3) {
        if (size == Integer.MAX_VALUE) {
            throw new IllegalStateException("a HashList holds at most " + Integer.MAX_VALUE + " hashes");
        }
        final int page = size >>> PAGE_SHIFT;
        if (page == pages.length) {
            pages = Arrays.copyOf(pages, 2 * pages.length);
        }
        if (pages[page] == null) {
            pages[page] = new long[PAGE_HASHES * WORDS];
        }
        if (sortedPages > page) {
            sortedPages = page;
        }
        final long[] p = pages[page];
        final int o = (size & (PAGE_HASHES - 1)) * WORDS;
        p[o] = w0;
        p[o + 1] = w1;
        p[o + 2] = w2;
        p[o + 3] = w3;
        size++;
    }

    /** The hash at position {@code i} in insertion order (until {@link #forEachSorted} reorders the pages). */
    public Hash hash(final int i) {
        Objects.checkIndex(i, size);
        final long[] p = pages[i >>> PAGE_SHIFT];
        final int o = (i & (PAGE_HASHES - 1)) * WORDS;
        return Hash.of(p[o], p[o + 1], p[o + 2], p[o + 3]);
    }

    /** Visits every hash in the list's current order: insertion order until {@link #forEachSorted} ran. */
    public void forEach(final Visitor visitor) {
        for (int i = 0; i < size; i++) {
            final long[] p = pages[i >>> PAGE_SHIFT];
            final int o = (i & (PAGE_HASHES - 1)) * WORDS;
            visitor.visit(p[o], p[o + 1], p[o + 2], p[o + 3]);
        }
    }

    /**
     * Visits every hash in ascending order (duplicates as often as they were added). Sorts each page in place first
     * (so the insertion order is lost), then merges the pages: no copy of the list.
     */
    public void forEachSorted(final Visitor visitor) {
        final int pageCount = (size + PAGE_HASHES - 1) >>> PAGE_SHIFT;
        for (int k = sortedPages; k < pageCount; k++) {
            sortPage(pages[k], pageLength(k));
        }
        sortedPages = pageCount;
        if (pageCount == 1) {
            final long[] p = pages[0];
            for (int o = 0; o < size * WORDS; o += WORDS) {
                visitor.visit(p[o], p[o + 1], p[o + 2], p[o + 3]);
            }
            return;
        }
        merge(pageCount, visitor);
    }

    private int pageLength(final int page) {
        return Math.min(PAGE_HASHES, size - (page << PAGE_SHIFT));
    }

    /** A k-way merge with a binary min-heap of pages keyed by each page's next hash. */
    private void merge(final int pageCount, final Visitor visitor) {
        final int[] heap = new int[pageCount];
        final int[] next = new int[pageCount];
        for (int k = 0; k < pageCount; k++) {
            heap[k] = k;
        }
        int n = pageCount;
        for (int i = n / 2 - 1; i >= 0; i--) {
            siftDown(heap, next, n, i);
        }
        while (n > 0) {
            final int page = heap[0];
            final long[] p = pages[page];
            final int o = next[page] * WORDS;
            visitor.visit(p[o], p[o + 1], p[o + 2], p[o + 3]);
            if (++next[page] == pageLength(page)) {
                heap[0] = heap[--n];
            }
            siftDown(heap, next, n, 0);
        }
    }

    private void siftDown(final int[] heap, final int[] next, final int n, final int from) {
        int i = from;
        while (true) {
            final int left = 2 * i + 1;
            if (left >= n) {
                return;
            }
            int least = left;
            if (left + 1 < n && headCompare(heap[left + 1], heap[left], next) < 0) {
                least = left + 1;
            }
            if (headCompare(heap[least], heap[i], next) >= 0) {
                return;
            }
            final int t = heap[i];
            heap[i] = heap[least];
            heap[least] = t;
            i = least;
        }
    }

    private int headCompare(final int a, final int b, final int[] next) {
        return compare(pages[a], next[a] * WORDS, pages[b], next[b] * WORDS);
    }

    private static int compare(final long[] a, final int i, final long[] b, final int j) {
        for (int w = 0; w < WORDS; w++) {
            final int c = Long.compareUnsigned(a[i + w], b[j + w]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    // ---- sorting one page in place: quicksort (median of three) with insertion sort for short ranges ----

    private static void sortPage(final long[] p, final int n) {
        quicksort(p, 0, n - 1);
    }

    private static void quicksort(final long[] p, final int from, final int to) {
        int lo = from;
        int hi = to;
        // recurse into the smaller part and loop over the larger: the stack stays O(log n)
        while (hi - lo >= INSERTION_SORT_LIMIT) {
            final int mid = (lo + hi) >>> 1;
            if (cmp(p, mid, lo) < 0) {
                swap(p, mid, lo);
            }
            if (cmp(p, hi, lo) < 0) {
                swap(p, hi, lo);
            }
            if (cmp(p, hi, mid) < 0) {
                swap(p, hi, mid);
            }
            final long pv0 = p[mid * WORDS];
            final long pv1 = p[mid * WORDS + 1];
            final long pv2 = p[mid * WORDS + 2];
            final long pv3 = p[mid * WORDS + 3];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (cmpValue(p, i, pv0, pv1, pv2, pv3) < 0) {
                    i++;
                }
                while (cmpValue(p, j, pv0, pv1, pv2, pv3) > 0) {
                    j--;
                }
                if (i <= j) {
                    swap(p, i, j);
                    i++;
                    j--;
                }
            }
            if (j - lo < hi - i) {
                quicksort(p, lo, j);
                lo = i;
            } else {
                quicksort(p, i, hi);
                hi = j;
            }
        }
        for (int i = lo + 1; i <= hi; i++) {
            for (int j = i; j > lo && cmp(p, j - 1, j) > 0; j--) {
                swap(p, j - 1, j);
            }
        }
    }

    private static int cmp(final long[] p, final int a, final int b) {
        return compare(p, a * WORDS, p, b * WORDS);
    }

    private static int cmpValue(final long[] p, final int a, final long v0, final long v1, final long v2,
                                final long v3) {
        final int o = a * WORDS;
        int c = Long.compareUnsigned(p[o], v0);
        if (c == 0) {
            c = Long.compareUnsigned(p[o + 1], v1);
            if (c == 0) {
                c = Long.compareUnsigned(p[o + 2], v2);
                if (c == 0) {
                    c = Long.compareUnsigned(p[o + 3], v3);
                }
            }
        }
        return c;
    }

    private static void swap(final long[] p, final int a, final int b) {
        final int x = a * WORDS;
        final int y = b * WORDS;
        for (int w = 0; w < WORDS; w++) {
            final long t = p[x + w];
            p[x + w] = p[y + w];
            p[y + w] = t;
        }
    }
}
