package io.chum.log;

import io.chum.ChumException;
import io.chum.ErrorCode;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Finds the first record at or after a timestamp by binary search: over the cycle files by the timestamp
 * of their last record, then over the sequence numbers inside the cycle. Has its own tailer: one thread,
 * one search.
 */
final class TimeSearch implements AutoCloseable {
    private final SingleChronicleQueue queue;
    private final RollCycle rollCycle;
    private final ExcerptTailer tailer;
    private final RecordDecoder decoder = new RecordDecoder();

    TimeSearch(final SingleChronicleQueue queue, final RollCycle rollCycle) {
        this.queue = queue;
        this.rollCycle = rollCycle;
        this.tailer = queue.createTailer();
    }

    /** Index of the first record with timestamp ≥ t, or -1 if none. */
    long firstRecordAtOrAfter(final long t) {
        final int[] cycles = queue.listCyclesBetween(queue.firstCycle(), queue.lastCycle()).stream()
            .mapToInt(Long::intValue).toArray();
        int lo = 0;
        int hi = cycles.length;
        while (lo < hi) {
            final int mid = (lo + hi) >>> 1;
            if (lastTimestampUpTo(cycles, mid) >= t) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        if (lo == cycles.length) {
            return -1;
        }
        final int cycle = cycles[lo];
        long a = 0;
        long b = tailer.excerptsInCycle(cycle);
        while (a < b) {
            final long mid = (a + b) >>> 1;
            if (timestampAt(rollCycle.toIndex(cycle, mid)) >= t) {
                b = mid;
            } else {
                a = mid + 1;
            }
        }
        return rollCycle.toIndex(cycle, a);
    }

    /** Timestamp of the last record of cycles[i], or of the nearest earlier non-empty cycle. */
    private long lastTimestampUpTo(final int[] cycles, final int i) {
        for (int k = i; k >= 0; k--) {
            final long count = tailer.excerptsInCycle(cycles[k]);
            if (count > 0) {
                return timestampAt(rollCycle.toIndex(cycles[k], count - 1));
            }
        }
        return Long.MIN_VALUE;
    }

    /**
     * Timestamp of the record at {@code index}. A damaged record takes the timestamp of the next valid
     * one (its torn mark), or +∞ at the end of the log, which keeps the search monotonic.
     */
    private long timestampAt(final long index) {
        if (!tailer.moveToIndex(index)) {
            return Long.MAX_VALUE;
        }
        while (true) {
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    return Long.MAX_VALUE;
                }
                try {
                    decoder.load(dc.wire().bytes(), dc.index());
                    return decoder.timestamp();
                } catch (final ChumException e) {
                    if (e.errorCode() != ErrorCode.CORRUPT_RECORD) {
                        throw e;
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        tailer.close();
    }
}
