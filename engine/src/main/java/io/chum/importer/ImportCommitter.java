package io.chum.importer;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.model.CoreRecipes;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.Reference;
import io.chum.model.ReferenceKind;
import io.chum.model.Sha256Value;
import io.chum.protocol.Ack;
import io.chum.protocol.EntryKind;
import io.chum.protocol.FullSyncAck;
import io.chum.protocol.MessageSink;
import io.chum.protocol.OfferEntry;
import io.chum.store.ImportResult;
import io.chum.store.OneStore;
import io.chum.store.StoreStatus;
import io.chum.store.VerifiedEntry;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The commit side of a chum's importer; {@link #run()} is the body of its thread. For each batch, in order:
 *
 * <ol>
 *   <li>verify every entry before anything is stored: SHA-256 equals the offered hash ({@code CS-HASH-MISMATCH}),
 *       objects and ID objects parse strictly as what they were offered as ({@code CS-MICRODATA},
 *       {@code CS-OBJ-UNKNOWN-TYPE}), CLOBs are UTF-8, no Access, IdAccess or Group ({@code CS-FORBIDDEN-TYPE});</li>
 *   <li>one {@link OneStore#importBatch} (which checks the closure, {@code CS-MISSING-REF}, and appends the batch);</li>
 *   <li>the received version nodes that no other received node continues (the tips) are adopted into the local
 *       version histories, in one writer task;</li>
 *   <li>ACK, once the batch is on disk.</li>
 * </ol>
 * <b>Commit groups.</b> Batches are appended without a force while more keep coming: the group is forced once it
 * holds {@value #GROUP_BATCHES} batches or {@value #GROUP_BYTES} bytes, when no further batch arrives within
 * {@value #GROUP_WAIT_MILLIS} ms, or before anything else in the queue (FULL_SYNC, the end). Only then are its
 * batches acknowledged, so an ACK still means "durable". A full sync of N objects of 1 KiB thus costs about N/4000
 * forces instead of N/1000 (design §8 asks for at most N/1000 + 2). The exporter keeps up to
 * {@link io.chum.protocol.ChumProtocol#DEFAULT_WINDOW_BATCHES} batches outstanding, more than a group holds, so
 * holding back ACKs does not stall it (an exporter with a smaller window waits at most the group wait).
 *
 * <p>A failing batch leaves nothing in the store (its uploads are aborted) and ends the chum through
 * {@link ImporterListener#importerFailed}; the group before it is forced and acknowledged first. Batches committed
 * before stay: they were complete and verified.
 *
 * <p><b>Threading.</b> The reader thread hands work over through a blocking queue ({@link #submit},
 * {@link #submitFullSync}, {@link #submitDrain}); {@link #inputEnded} and {@link #abort} may be called from any
 * thread. The queue is the only state shared with other threads, besides the count of pending batches and the abort
 * flag (both atomic).
 */
public final class ImportCommitter implements Runnable {
    private static final long POLL_MILLIS = 100;
    static final int GROUP_BATCHES = 4;
    static final long GROUP_BYTES = 4L << 20;
    static final long GROUP_WAIT_MILLIS = 5;

    private enum Signal { DRAIN, INPUT_ENDED, ABORT }

    /** A batch stored in the current commit group: its ACK and its counts, both due once the group is forced. */
    private record Committed(Ack ack, CommittedBatch counts) {
    }

    /** A FULL_SYNC to acknowledge once everything queued before it is committed. */
    private record FullSyncMark(long snapshotTimestamp) {
    }

    private final OneStore store;
    private final MessageSink sink;
    private final ImporterListener listener;
    private final long sessionId;
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private volatile boolean aborted;

    // ---- committer thread only: the commit group stored but not yet forced and acknowledged ----
    private final List<Committed> group = new ArrayList<>(GROUP_BATCHES);
    private long groupBytes;

    public ImportCommitter(final OneStore store, final MessageSink sink, final ImporterListener listener,
                           final long sessionId) {
        this.store = store;
        this.sink = sink;
        this.listener = listener;
        this.sessionId = sessionId;
    }

    /** Queues a complete batch. Reader thread. */
    void submit(final IncomingBatch batch) {
        pending.incrementAndGet();
        queue.add(batch);
    }

    /** Queues the acknowledgement of FULL_SYNC. Reader thread. */
    void submitFullSync(final long snapshotTimestamp) {
        queue.add(new FullSyncMark(snapshotTimestamp));
    }

    /** Queues the notice that the peer offers nothing more. Reader thread. */
    void submitDrain() {
        queue.add(Signal.DRAIN);
    }

    /** Batches queued and not yet acknowledged. */
    int pendingBatches() {
        return pending.get();
    }

    /** Nothing more will come: the thread ends after committing what is queued. Any thread. */
    public void inputEnded() {
        queue.add(Signal.INPUT_ENDED);
    }

    /** Ends the thread as soon as possible; queued batches are dropped (their uploads aborted). Any thread. */
    public void abort() {
        aborted = true;
        queue.add(Signal.ABORT);
    }

    @Override
    public void run() {
        try {
            while (true) {
                final Object item = queue.poll(group.isEmpty() ? POLL_MILLIS : GROUP_WAIT_MILLIS,
                    TimeUnit.MILLISECONDS);
                if (item == null) {
                    acknowledgeGroup();
                    continue;
                }
                if (aborted || item == Signal.ABORT) {
                    if (item instanceof IncomingBatch b) {
                        b.abortUploads();
                    }
                    dropQueued();
                    return;
                }
                if (item instanceof IncomingBatch b) {
                    commitIntoGroup(b);
                    continue;
                }
                acknowledgeGroup();
                if (item == Signal.INPUT_ENDED) {
                    // Everything queued before it was handled already: the queue is in order.
                    dropQueued();
                    return;
                }
                if (item instanceof FullSyncMark m) {
                    listener.importerFullSync(m.snapshotTimestamp());
                    sink.send(new FullSyncAck(m.snapshotTimestamp()));
                } else {
                    listener.importerDrained();
                }
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            dropQueued();
            listener.importerFailed(new ChumException(ErrorCode.INTERRUPTED, "the import thread was interrupted", e));
        } catch (final ChumException e) {
            dropQueued();
            listener.importerFailed(e);
        } catch (final RuntimeException | Error e) {
            dropQueued();
            listener.importerFailed(new ChumException(ErrorCode.INTERNAL, "the import thread failed: " + e, e));
        }
    }

    private void dropQueued() {
        for (Object item = queue.poll(); item != null; item = queue.poll()) {
            if (item instanceof IncomingBatch b) {
                b.abortUploads();
            }
        }
    }

    /** Commits {@code batch} into the group; forces and acknowledges the group when full, or before a failure. */
    private void commitIntoGroup(final IncomingBatch batch) {
        try {
            commit(batch);
        } catch (final ChumException e) {
            try {
                acknowledgeGroup();
            } catch (final RuntimeException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
        if (group.size() >= GROUP_BATCHES || groupBytes >= GROUP_BYTES) {
            acknowledgeGroup();
        }
    }

    /** Forces the group's writes to disk, then acknowledges its batches in order. */
    private void acknowledgeGroup() {
        if (group.isEmpty()) {
            return;
        }
        store.force();
        for (final Committed c : group) {
            pending.decrementAndGet();
            sink.send(c.ack());
            listener.batchCommitted(c.counts());
        }
        group.clear();
        groupBytes = 0;
    }

    private void commit(final IncomingBatch batch) {
        final List<VerifiedEntry> entries = new ArrayList<>(batch.wantedCount);
        long bytes = 0;
        try {
            for (int i = 0; i < batch.entries.size(); i++) {
                if (batch.want.wants(i)) {
                    final VerifiedEntry v = verify(batch, i);
                    entries.add(v);
                    bytes += v.size();
                }
            }
        } catch (final ChumException e) {
            batch.abortUploads();
            throw e;
        }
        final ImportResult result;
        try {
            // A batch the importer wanted nothing of needs no writer round trip.
            result = entries.isEmpty() ? new ImportResult(0, 0, List.of())
                : store.importBatch(entries, sessionId, false);
        } catch (final ChumException e) {
            batch.abortUploads();
            throw new ChumException(e.errorCode(), "batch " + batch.id + ": " + e.reason(), e);
        }
        final List<Hash> tips = versionTips(entries);
        if (!tips.isEmpty()) {
            store.adoptVersions(tips, sessionId);
        }
        group.add(new Committed(new Ack(batch.id, result.stored(), batch.entries.size() - result.stored()),
            counts(batch.id, entries, result, bytes)));
        groupBytes += bytes;
    }

    private VerifiedEntry verify(final IncomingBatch batch, final int i) {
        final OfferEntry e = batch.entries.get(i);
        final VerifiedEntry v;
        try {
            v = switch (e.kind()) {
                case OBJECT -> VerifiedEntry.object(batch.buffers[i], batch.offsets[i], batch.lengths[i],
                    (Hash) e.hash(), store.recipes());
                case ID_OBJECT -> VerifiedEntry.idObject(batch.buffers[i], batch.offsets[i], batch.lengths[i],
                    (IdHash) e.hash(), store.recipes());
                case BLOB, CLOB -> batch.uploads[i] != null
                    ? VerifiedEntry.blob(batch.uploads[i], (Hash) e.hash())
                    : VerifiedEntry.blob(batch.buffers[i], batch.offsets[i], batch.lengths[i], (Hash) e.hash(),
                        e.kind() == EntryKind.CLOB);
            };
        } catch (final ChumException ex) {
            throw new ChumException(ex.errorCode(), "batch " + batch.id + " entry " + i + ": " + ex.reason(), ex);
        }
        if (v.type() != null && CoreRecipes.NEVER_IMPORTED.contains(v.type())) {
            throw new ChumException(ErrorCode.FORBIDDEN_TYPE, "batch " + batch.id + " entry " + i + ": " + v.type()
                + (v.isIdObject() ? " ID object " : " object ") + v.hash()
                + " refused: access rights are never imported");
        }
        return v;
    }

    /** Version nodes of the batch that no other version node of the batch continues. */
    private static List<Hash> versionTips(final List<VerifiedEntry> entries) {
        final List<Hash> nodes = new ArrayList<>();
        final Set<Sha256Value> continued = new HashSet<>();
        for (final VerifiedEntry v : entries) {
            if (v.type() != null && !v.isIdObject() && CoreRecipes.VERSION_NODE_TYPES.contains(v.type())) {
                nodes.add((Hash) v.hash());
                for (final Reference r : v.references()) {
                    if (r.kind() == ReferenceKind.OBJ) {
                        continued.add(r.target());
                    }
                }
            }
        }
        nodes.removeIf(continued::contains);
        return nodes;
    }

    private static CommittedBatch counts(final long batchId, final List<VerifiedEntry> entries,
                                         final ImportResult result, final long bytes) {
        int objects = 0;
        int ids = 0;
        int blobs = 0;
        int clobs = 0;
        for (int i = 0; i < entries.size(); i++) {
            if (result.statuses().get(i) != StoreStatus.NEW) {
                continue;
            }
            switch (entries.get(i).kind()) {
                case OBJECT -> objects++;
                case ID_OBJECT -> ids++;
                case BLOB -> blobs++;
                case CLOB -> clobs++;
            }
        }
        return new CommittedBatch(batchId, objects, ids, blobs, clobs, bytes);
    }
}
