package io.chum.exporter;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.model.Hash;
import io.chum.protocol.BatchEnd;
import io.chum.protocol.DataChunk;
import io.chum.protocol.DataPack;
import io.chum.protocol.DataPackWriter;
import io.chum.protocol.MessageCodec;
import io.chum.protocol.MessageSink;
import io.chum.protocol.MessageType;
import io.chum.protocol.OfferEntry;
import io.chum.protocol.ProtocolLimits;
import io.chum.store.StoreReader;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Sends the data of a wanted batch: whole entries up to {@value #PACK_ENTRY_MAX} bytes packed into DATA_PACK frames
 * (many small objects per frame), larger ones as consecutive DATA chunks, BLOBs streamed from the store; then
 * BATCH_END. Each entry is copied once, from the store (or the walk's buffer) into the frame's payload.
 *
 * <p>Before each frame it waits while the connection has more than a bound queued, so a large BLOB never piles up
 * in memory. NOT thread-safe: exporter thread only (it uses that thread's store reader).
 */
final class DataSender {
    /** Entries up to this size travel in packs; larger ones in DATA chunks. */
    static final int PACK_ENTRY_MAX = 256 * 1024;
    /** Pause between looks at the connection's send queue while it is full. */
    private static final long BACKPRESSURE_PARK_NANOS = 100_000;

    private final StoreReader reader;
    private final MessageSink sink;
    private final ProtocolLimits limits;
    private final long maxQueuedBytes;
    /** True once the chum is ending: waiting for the connection is pointless then. */
    private final BooleanSupplier aborted;

    DataSender(final StoreReader reader, final MessageSink sink, final ProtocolLimits limits,
               final long maxQueuedBytes, final BooleanSupplier aborted) {
        this.reader = reader;
        this.sink = sink;
        this.limits = limits;
        this.maxQueuedBytes = maxQueuedBytes;
        this.aborted = aborted;
    }

    /** Sends DATA for every wanted entry of {@code batch}, in offer order, then BATCH_END. */
    void serve(final OutgoingBatch batch) {
        final List<Integer> pack = new ArrayList<>();
        long packBytes = 0;
        int sent = 0;
        for (int i = 0; i < batch.size(); i++) {
            if (!batch.want.wants(i)) {
                continue;
            }
            sent++;
            final long size = batch.entries.get(i).size();
            if (size <= PACK_ENTRY_MAX) {
                if (!pack.isEmpty()
                    && DataPack.payloadLength(pack.size() + 1, packBytes + size) > limits.maxPayloadBytes()) {
                    sendPack(batch, pack, packBytes);
                    pack.clear();
                    packBytes = 0;
                }
                pack.add(i);
                packBytes += size;
            } else {
                if (!pack.isEmpty()) {
                    sendPack(batch, pack, packBytes);
                    pack.clear();
                    packBytes = 0;
                }
                sendChunks(batch, i);
            }
        }
        if (!pack.isEmpty()) {
            sendPack(batch, pack, packBytes);
        }
        sink.send(new BatchEnd(batch.id, sent));
    }

    private void sendPack(final OutgoingBatch batch, final List<Integer> indexes, final long bytes) {
        awaitRoom();
        final DataPackWriter w = new DataPackWriter(batch.id, indexes.size(), bytes, limits.maxPayloadBytes());
        for (final int i : indexes) {
            final byte[] content = batch.contents[i];
            final OfferEntry e = batch.entries.get(i);
            if (content != null) {
                w.add(content, 0, content.length);
            } else {
                w.add((int) e.size(), (dst, offset, length) -> {
                    final int n = reader.readBlob((Hash) e.hash(), dst, offset);
                    if (n != length) {
                        throw new ChumException(ErrorCode.CORRUPT_RECORD, e.kind() + " " + e.hash() + " has " + n
                            + " bytes in the store, " + length + " were offered");
                    }
                });
            }
        }
        sink.sendEncoded(MessageType.DATA_PACK, w.finish());
    }

    private void sendChunks(final OutgoingBatch batch, final int index) {
        final OfferEntry e = batch.entries.get(index);
        final byte[] content = batch.contents[index];
        final int chunk = limits.maxDataChunkBytes();
        if (content != null) {
            for (int off = 0; off < content.length; off += chunk) {
                awaitRoom();
                final int n = Math.min(chunk, content.length - off);
                sink.send(new DataChunk(batch.id, e.kind(), e.hash(), e.size(), off, content, off, n));
            }
            return;
        }
        try (InputStream in = reader.openBlob((Hash) e.hash())) {
            long offset = 0;
            while (offset < e.size()) {
                awaitRoom();
                final int n = (int) Math.min(chunk, e.size() - offset);
                // The chunk is read straight into the frame's payload after the header: one copy.
                final byte[] payload = new byte[MessageCodec.DATA_HEADER_BYTES + n];
                if (in.readNBytes(payload, MessageCodec.DATA_HEADER_BYTES, n) != n) {
                    throw new IOException("the BLOB ended after " + offset + " of " + e.size() + " bytes");
                }
                final DataChunk data = new DataChunk(batch.id, e.kind(), e.hash(), e.size(), offset, payload,
                    MessageCodec.DATA_HEADER_BYTES, n);
                MessageCodec.encodeDataHeader(data, payload, 0);
                sink.sendEncoded(MessageType.DATA, payload);
                offset += n;
            }
        } catch (final IOException ex) {
            throw unreadable(e, ex);
        }
    }

    /**
     * Waits while the connection holds more than the bound. The transport has no notification for "queue drained",
     * so this polls with short parks; it gives up as soon as the chum is ending (aborted, or the connection gone).
     */
    private void awaitRoom() {
        while (sink.queuedBytes() > maxQueuedBytes) {
            if (aborted.getAsBoolean()) {
                throw new ExporterEnded();
            }
            LockSupport.parkNanos(BACKPRESSURE_PARK_NANOS);
        }
    }

    private static ChumException unreadable(final OfferEntry e, final IOException cause) {
        return new ChumException(ErrorCode.CORRUPT_RECORD, "cannot read " + e.kind() + " " + e.hash() + " ("
            + e.size() + " bytes) from the store: " + cause.getMessage(), cause);
    }
}
