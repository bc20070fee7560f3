package io.chum.importer;

import io.chum.protocol.OfferEntry;
import io.chum.protocol.Want;
import io.chum.store.BlobWriter;

import java.util.List;

/**
 * A data batch being received: the offer, what was wanted, and per wanted entry where its bytes are — a view into a
 * received frame's payload (frames are immutable and the batch keeps them alive until it is committed), an array
 * assembled from DATA chunks, or a BLOB upload streamed into the store. Filled on the reader thread, then handed to
 * the commit thread through its queue (a safe publication); never shared otherwise.
 */
final class IncomingBatch {
    final long id;
    final List<OfferEntry> entries;
    final Want want;
    final int wantedCount;
    final byte[][] buffers;
    final int[] offsets;
    final int[] lengths;
    final BlobWriter[] uploads;
    private int next;
    private int received;

    IncomingBatch(final long id, final List<OfferEntry> entries, final Want want) {
        this.id = id;
        this.entries = entries;
        this.want = want;
        this.wantedCount = want.wantedCount();
        this.buffers = new byte[entries.size()][];
        this.offsets = new int[entries.size()];
        this.lengths = new int[entries.size()];
        this.uploads = new BlobWriter[entries.size()];
        this.next = nextWantedFrom(0);
    }

    /** The index of the next wanted entry whose data has not arrived, or -1 if all have. */
    int nextWanted() {
        return next;
    }

    /** How many wanted entries are complete. */
    int received() {
        return received;
    }

    /** Entry {@link #nextWanted()} is complete as {@code buffer[offset, offset + length)}. */
    void completeWith(final byte[] buffer, final int offset, final int length) {
        buffers[next] = buffer;
        offsets[next] = offset;
        lengths[next] = length;
        advance();
    }

    /** Entry {@link #nextWanted()} is complete as a streamed upload. */
    void completeWith(final BlobWriter upload) {
        uploads[next] = upload;
        advance();
    }

    /** Aborts every upload of the batch (nothing of it becomes visible). */
    void abortUploads() {
        for (final BlobWriter u : uploads) {
            if (u != null) {
                u.close();
            }
        }
    }

    private void advance() {
        received++;
        next = nextWantedFrom(next + 1);
    }

    private int nextWantedFrom(final int from) {
        for (int i = from; i < entries.size(); i++) {
            if (want.wants(i)) {
                return i;
            }
        }
        return -1;
    }
}
