package io.chum.importer;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.access.NodeSet;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.protocol.BatchEnd;
import io.chum.protocol.ChumProtocol;
import io.chum.protocol.DataChunk;
import io.chum.protocol.DataPack;
import io.chum.protocol.EntryKind;
import io.chum.protocol.FullSync;
import io.chum.protocol.MessageSink;
import io.chum.protocol.Offer;
import io.chum.protocol.OfferEntry;
import io.chum.protocol.Want;
import io.chum.store.BlobWriter;
import io.chum.store.OneStore;

import java.util.ArrayDeque;

/**
 * The connection side of a chum's importer (docs/protocol.md §7): answers every OFFER but a PUSH with a WANT at
 * once, checks that DATA, DATA_PACK and BATCH_END follow the offers in order, and assembles each batch: small entries
 * stay views into the received frames, large objects are assembled in an array (at most the object size cap), large
 * BLOBs stream straight into a store upload. A complete batch goes to the {@link ImportCommitter}, which verifies
 * and commits it; FULL_SYNC and the peer's FIN are queued behind the batches they follow.
 *
 * <p>An entry is wanted unless the store has it or it was wanted already in this chum (so the exporter's probes can
 * rely on "have" meaning "have with the closure"). Any violation is a {@link ChumException} with
 * {@code CS-PROTOCOL}.
 *
 * <p>NOT thread-safe: every method runs on the session's reader thread.
 */
public final class Importer {
    private final OneStore store;
    private final MessageSink sink;
    private final ImportCommitter committer;
    private final ImporterListener listener;
    private final long sessionId;
    private final long maxObjectBytes;
    private final NodeSet wanted = new NodeSet();
    private final ArrayDeque<IncomingBatch> receiving = new ArrayDeque<>();
    private long lastOfferId;
    private FullSync pendingFullSync;
    private boolean fullSyncSeen;
    private boolean peerFin;
    private boolean drainQueued;
    /** The entry of receiving.peekFirst() being assembled from DATA chunks: bytes so far, and its target. */
    private long entryReceived;
    private byte[] assembly;
    private BlobWriter upload;

    /**
     * @param sessionId      the chum's session id: the origin of everything it imports
     * @param maxObjectBytes the largest object or ID object accepted (larger offers are {@code CS-PROTOCOL})
     */
    public Importer(final OneStore store, final MessageSink sink, final ImportCommitter committer,
                    final ImporterListener listener, final long sessionId, final long maxObjectBytes) {
        this.store = store;
        this.sink = sink;
        this.committer = committer;
        this.listener = listener;
        this.sessionId = sessionId;
        this.maxObjectBytes = maxObjectBytes;
    }

    /** OFFER: answers with a WANT at once; a PUSH needs no answer, its data follows. */
    public void onOffer(final Offer offer) {
        if (peerFin) {
            throw protocol("OFFER " + offer.batchId() + " after the peer's FIN");
        }
        if (offer.batchId() != lastOfferId + 1) {
            throw protocol("OFFER " + offer.batchId() + " after OFFER " + lastOfferId + " (ids go up by one)");
        }
        lastOfferId = offer.batchId();
        if (!offer.probe() && receiving.size() + committer.pendingBatches() >= ChumProtocol.MAX_WINDOW_BATCHES) {
            throw protocol("OFFER " + offer.batchId() + " exceeds " + ChumProtocol.MAX_WINDOW_BATCHES
                + " outstanding batches");
        }
        final boolean[] want = new boolean[offer.entries().size()];
        int present = 0;
        for (int i = 0; i < want.length; i++) {
            final OfferEntry e = offer.entries().get(i);
            final boolean isObject = e.kind() == EntryKind.OBJECT || e.kind() == EntryKind.ID_OBJECT;
            if (!offer.probe() && isObject && e.size() > maxObjectBytes) {
                throw protocol("OFFER " + offer.batchId() + " entry " + i + ": " + e.kind() + " " + e.hash()
                    + " of " + e.size() + " bytes exceeds the object size cap of " + maxObjectBytes);
            }
            if (inStore(e) || wanted.contains(e.kind(), e.hash())) {
                present++;
            } else {
                want[i] = true;
                // Only data offers are remembered: a lacking probe entry may still be offered later.
                if (!offer.probe()) {
                    wanted.add(e.kind(), e.hash());
                }
            }
        }
        if (!offer.probe() && present > 0) {
            listener.entriesPresent(present);
        }
        if (offer.push()) {
            // The data of every entry follows, even of those present here: the ACK counts them as present.
            receiving.add(new IncomingBatch(offer.batchId(), offer.entries(),
                Want.all(offer.batchId(), offer.entries().size())));
            return;
        }
        final Want answer = Want.of(offer.batchId(), want);
        sink.send(answer);
        if (!offer.probe()) {
            receiving.add(new IncomingBatch(offer.batchId(), offer.entries(), answer));
        }
    }

    private boolean inStore(final OfferEntry e) {
        return switch (e.kind()) {
            case OBJECT -> store.containsObject((Hash) e.hash());
            case ID_OBJECT -> store.exists((IdHash) e.hash());
            case BLOB, CLOB -> store.containsBlob((Hash) e.hash());
        };
    }

    /** DATA: one chunk of the next wanted entry. */
    public void onData(final DataChunk data) {
        final IncomingBatch batch = dataBatch(data.batchId(), "DATA");
        final int i = batch.nextWanted();
        final OfferEntry e = batch.entries.get(i);
        if (data.kind() != e.kind() || !data.hash().equals(e.hash()) || data.totalSize() != e.size()) {
            throw protocol("DATA for " + data.kind() + " " + data.hash() + " of " + data.totalSize()
                + " bytes where batch " + batch.id + " entry " + i + " is " + e.kind() + " " + e.hash() + " of "
                + e.size() + " bytes");
        }
        if (data.offset() != entryReceived) {
            throw protocol("DATA for " + e.hash() + " at offset " + data.offset() + ", expected "
                + entryReceived);
        }
        if (entryReceived == 0 && data.isLast()) {
            batch.completeWith(data.buffer(), data.bufferOffset(), data.length());
            return;
        }
        if (entryReceived == 0) {
            if (e.kind() == EntryKind.BLOB || e.kind() == EntryKind.CLOB) {
                upload = store.openBlobWriter(e.kind() == EntryKind.CLOB, sessionId);
            } else {
                assembly = new byte[(int) e.size()];
            }
        }
        if (upload != null) {
            upload.write(data.buffer(), data.bufferOffset(), data.length());
        } else {
            System.arraycopy(data.buffer(), data.bufferOffset(), assembly, (int) entryReceived, data.length());
        }
        entryReceived += data.length();
        if (entryReceived == e.size()) {
            if (upload != null) {
                batch.completeWith(upload);
            } else {
                batch.completeWith(assembly, 0, assembly.length);
            }
            upload = null;
            assembly = null;
            entryReceived = 0;
        }
    }

    /** DATA_PACK: the next wanted entries, whole. */
    public void onDataPack(final DataPack pack) {
        final IncomingBatch batch = dataBatch(pack.batchId(), "DATA_PACK");
        if (entryReceived != 0) {
            throw protocol("DATA_PACK for batch " + batch.id + " while entry " + batch.nextWanted()
                + " is half received");
        }
        pack.forEachEntry((k, buffer, offset, length) -> {
            final int i = batch.nextWanted();
            if (i < 0) {
                throw protocol("DATA_PACK for batch " + batch.id + " holds more entries than were wanted");
            }
            final OfferEntry e = batch.entries.get(i);
            if (length != e.size()) {
                throw protocol("DATA_PACK entry " + k + " has " + length + " bytes, but batch " + batch.id
                    + " entry " + i + " (" + e.kind() + " " + e.hash() + ") was offered with " + e.size());
            }
            batch.completeWith(buffer, offset, length);
        });
    }

    private IncomingBatch dataBatch(final long batchId, final String what) {
        final IncomingBatch batch = receiving.peekFirst();
        if (batch == null || batch.id != batchId) {
            throw protocol(what + " for batch " + batchId + " where "
                + (batch == null ? "no batch is awaiting data" : "batch " + batch.id + " is awaiting data"));
        }
        if (batch.nextWanted() < 0) {
            throw protocol(what + " for batch " + batchId + ", all of whose wanted entries arrived");
        }
        return batch;
    }

    /** BATCH_END: the batch goes to the commit thread. */
    public void onBatchEnd(final BatchEnd end) {
        final IncomingBatch batch = receiving.peekFirst();
        if (batch == null || batch.id != end.batchId()) {
            throw protocol("BATCH_END for batch " + end.batchId() + " where "
                + (batch == null ? "none is open" : "batch " + batch.id + " is open"));
        }
        if (batch.nextWanted() >= 0) {
            final OfferEntry e = batch.entries.get(batch.nextWanted());
            throw protocol("BATCH_END for batch " + batch.id + " before the data of " + e.kind() + " " + e.hash()
                + " was complete (" + entryReceived + " of " + e.size() + " bytes)");
        }
        if (end.entriesSent() != batch.wantedCount) {
            throw protocol("BATCH_END for batch " + batch.id + " counts " + end.entriesSent() + " entries, "
                + batch.wantedCount + " were wanted");
        }
        receiving.poll();
        committer.submit(batch);
        releaseFullSync();
        maybeDrain();
    }

    /** FULL_SYNC: acknowledged by the commit thread once every batch up to its mark is committed. */
    public void onFullSync(final FullSync fullSync) {
        if (fullSyncSeen || peerFin) {
            throw protocol(fullSyncSeen ? "a second FULL_SYNC" : "FULL_SYNC after the peer's FIN");
        }
        if (fullSync.lastBatchId() > lastOfferId) {
            throw protocol("FULL_SYNC names batch " + fullSync.lastBatchId() + ", but the last offer was "
                + lastOfferId);
        }
        fullSyncSeen = true;
        pendingFullSync = fullSync;
        releaseFullSync();
    }

    /** PROGRESS: passed on for display. */
    public void onProgress(final long totalEntries, final long totalBytes) {
        if (peerFin) {
            throw protocol("PROGRESS after the peer's FIN");
        }
        listener.remoteProgress(totalEntries, totalBytes);
    }

    /** The peer's FIN: no more offers; drained once every offered batch is committed. */
    public void onPeerFin() {
        peerFin = true;
        maybeDrain();
    }

    /** Aborts every upload not handed to the commit thread yet. */
    public void abortUploads() {
        if (upload != null) {
            upload.close();
            upload = null;
        }
        for (final IncomingBatch b : receiving) {
            b.abortUploads();
        }
    }

    private void releaseFullSync() {
        if (pendingFullSync != null
            && (receiving.isEmpty() || receiving.peekFirst().id > pendingFullSync.lastBatchId())) {
            committer.submitFullSync(pendingFullSync.snapshotTimestampMs());
            pendingFullSync = null;
        }
    }

    private void maybeDrain() {
        if (peerFin && receiving.isEmpty() && pendingFullSync == null && !drainQueued) {
            drainQueued = true;
            committer.submitDrain();
        }
    }

    private static ChumException protocol(final String message) {
        return new ChumException(ErrorCode.PROTOCOL, message);
    }
}
