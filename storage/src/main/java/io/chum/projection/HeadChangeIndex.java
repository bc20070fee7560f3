package io.chum.projection;

import java.util.Arrays;

/**
 * The log indexes of every {@code HeadChanged} event, in log order, so that a chum resuming from a cursor reads the
 * version changes written since then without scanning everything else the log holds in that range: other chums'
 * records and Chum objects, BLOB bytes, objects. Eight bytes per version change.
 *
 * <p>Threading: one writer thread adds; any thread reads. Guarded by this object's monitor, as
 * {@link ChumRecordIndex} is: appends are cheap and reads are rare (the start of an incremental chum).
 */
public final class HeadChangeIndex {
    private static final int INITIAL_CAPACITY = 64;

    private long[] indexes = new long[INITIAL_CAPACITY];
    private int size;

    /** The log indexes of the head changes in {@code [from, to)}, in log order. */
    public synchronized long[] between(final long from, final long to) {
        final int first = firstAtOrAfter(from);
        final int end = Math.max(first, firstAtOrAfter(to));
        return Arrays.copyOfRange(indexes, first, end);
    }

    /** Number of head changes. */
    public synchronized int size() {
        return size;
    }

    /** Adds the next head change; log indexes only grow. Writer thread only. */
    synchronized void add(final long logIndex) {
        if (size > 0 && logIndex <= indexes[size - 1]) {
            throw new IllegalArgumentException("head change at log index " + logIndex + " after "
                + indexes[size - 1]);
        }
        if (size == indexes.length) {
            indexes = Arrays.copyOf(indexes, 2 * size);
        }
        indexes[size++] = logIndex;
    }

    /** The position of the first entry {@code >= logIndex}, {@link #size} if none. */
    private int firstAtOrAfter(final long logIndex) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            final int mid = (lo + hi) >>> 1;
            if (indexes[mid] < logIndex) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    synchronized void writeTo(final CheckpointOutput out) {
        out.putInt(size);
        for (int i = 0; i < size; i++) {
            out.putLong(indexes[i]);
        }
    }

    static HeadChangeIndex readFrom(final CheckpointInput in) {
        final HeadChangeIndex h = new HeadChangeIndex();
        final int n = in.getCount("head change");
        for (int i = 0; i < n; i++) {
            final long logIndex = in.getLong();
            if (h.size > 0 && logIndex <= h.indexes[h.size - 1]) {
                throw in.corrupt("head change log index " + logIndex + " out of order");
            }
            h.add(logIndex);
        }
        return h;
    }
}
