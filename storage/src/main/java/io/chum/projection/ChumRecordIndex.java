package io.chum.projection;

import io.chum.log.ChumRecord;
import io.chum.store.ChumRecordRef;

import java.util.ArrayList;
import java.util.List;

/**
 * The log positions and types of every chum record, so the engine can read them back without scanning the log.
 *
 * <p>Threading: one writer thread adds; any thread reads. Guarded by this object's monitor: appends are cheap,
 * reads are rare (a chum start, a {@code chums} command), and a lock keeps the growable list simple.
 */
public final class ChumRecordIndex {
    private final List<ChumRecordRef> records = new ArrayList<>();

    /** Every chum record in log order. */
    public synchronized List<ChumRecordRef> all() {
        return List.copyOf(records);
    }

    synchronized void add(final ChumRecord r) {
        records.add(new ChumRecordRef(r.index(), r.recordType(), r.timestamp(), r.origin()));
    }

    synchronized void writeTo(final CheckpointOutput out) {
        out.putInt(records.size());
        for (final ChumRecordRef r : records) {
            out.putLong(r.logIndex());
            out.putInt(r.type());
            out.putLong(r.timestamp());
            out.putLong(r.origin());
        }
    }

    static ChumRecordIndex readFrom(final CheckpointInput in) {
        final ChumRecordIndex c = new ChumRecordIndex();
        final int n = in.getCount("chum record");
        for (int i = 0; i < n; i++) {
            c.records.add(new ChumRecordRef(in.getLong(), in.getInt(), in.getLong(), in.getLong()));
        }
        return c;
    }
}
