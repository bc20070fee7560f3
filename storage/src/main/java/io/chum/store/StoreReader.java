package io.chum.store;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.log.BlobWritten;
import io.chum.log.EventLog;
import io.chum.log.IdObjectWritten;
import io.chum.log.LogEvent;
import io.chum.log.LogReader;
import io.chum.log.ObjectWritten;
import io.chum.log.Payload;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.projection.ObjectIndex;

import java.io.InputStream;

/**
 * Reads stored objects, ID objects, BLOBs and log events by hash or index, through its own log reader. For heavy
 * readers such as an exporter ({@link OneStore#newReader()}); {@link OneStore}'s own read methods borrow one from
 * a small pool. NOT thread-safe: use it on the thread that created it, and close it when done. BLOB streams it
 * opens may move to other threads.
 */
public final class StoreReader implements AutoCloseable {
    private final EventLog log;
    private final ObjectIndex index;
    private final LogReader reader;

    StoreReader(final EventLog log, final ObjectIndex index, final LogReader reader) {
        this.log = log;
        this.index = index;
        this.reader = reader;
    }

    /** The microdata of object {@code hash}; {@code CS-NOT-FOUND} if it is not stored. */
    public byte[] readMicrodata(final Hash hash) {
        return bytesOf(objectEvent(hash).payload());
    }

    /** The ID-object microdata of {@code idHash}; {@code CS-NOT-FOUND} if it is not stored. */
    public byte[] readIdMicrodata(final IdHash idHash) {
        final int e = index.findObject(idHash);
        if (e < 0 || index.kind(e) != ObjectIndex.KIND_ID_OBJECT) {
            throw notFound("ID object", idHash.toHex());
        }
        final LogEvent event = reader.read(index.logIndex(e));
        if (!(event instanceof IdObjectWritten o) || !o.idHash().equals(idHash)) {
            throw misplaced("ID object", idHash.toHex(), index.logIndex(e));
        }
        return bytesOf(o.payload());
    }

    /**
     * The bytes of a payload. A chunked one (microdata over the log's {@link io.chum.log.LogConfig#inlineLimit()}, such
     * as a directory listing thousands of entries) is read through this reader's tailer: {@link Payload#bytes()} would
     * create a Chronicle tailer for every read, which made reading a 380 KB directory take twice as long
     * (docs/benchmarks.md §7.3).
     */
    private byte[] bytesOf(final Payload payload) {
        if (!payload.isChunked() || payload.length() > Payload.MAX_ARRAY_LENGTH) {
            return payload.bytes(); // an inline payload's own array, or the CS-IO of one too long for an array
        }
        final byte[] bytes = new byte[(int) payload.length()];
        reader.readPayload(payload.ref(), bytes, 0);
        return bytes;
    }

    /** A stream over BLOB or CLOB {@code hash}, holding one chunk in memory; {@code CS-NOT-FOUND} if absent. */
    public InputStream openBlob(final Hash hash) {
        return blobEvent(hash).content().open();
    }

    /**
     * Reads all bytes of BLOB or CLOB {@code hash} into {@code dst} at {@code offset} and returns their length; cheap
     * for small BLOBs (no stream of its own). {@code CS-NOT-FOUND} if absent.
     *
     * @throws IllegalArgumentException if the BLOB does not fit
     */
    public int readBlob(final Hash hash, final byte[] dst, final int offset) {
        final BlobWritten b = blobEvent(hash);
        reader.readPayload(b.content(), dst, offset);
        return (int) b.size();
    }

    /** The commit record of BLOB or CLOB {@code hash}: whether it is a CLOB and its size; {@code CS-NOT-FOUND} if absent. */
    public BlobWritten blobInfo(final Hash hash) {
        return blobEvent(hash);
    }

    /** The event at log index {@code index}; {@code CS-NOT-FOUND} if there is none. */
    public LogEvent read(final long logIndex) {
        return reader.read(logIndex);
    }

    ObjectWritten objectEvent(final Hash hash) {
        final int e = index.findObject(hash);
        if (e < 0 || index.kind(e) != ObjectIndex.KIND_OBJECT) {
            throw notFound("object", hash.toHex());
        }
        final LogEvent event = reader.read(index.logIndex(e));
        if (!(event instanceof ObjectWritten o) || !o.hash().equals(hash)) {
            throw misplaced("object", hash.toHex(), index.logIndex(e));
        }
        return o;
    }

    BlobWritten blobEvent(final Hash hash) {
        final int e = index.findBlob(hash);
        if (e < 0) {
            throw notFound("BLOB or CLOB", hash.toHex());
        }
        final LogEvent event = reader.read(index.logIndex(e));
        if (!(event instanceof BlobWritten b) || !b.hash().equals(hash)) {
            throw misplaced("BLOB", hash.toHex(), index.logIndex(e));
        }
        return b;
    }

    private static ChumException notFound(final String what, final String hash) {
        return new ChumException(ErrorCode.NOT_FOUND, what + " " + hash + " is not in the store");
    }

    private static ChumException misplaced(final String what, final String hash, final long logIndex) {
        return new ChumException(ErrorCode.CORRUPT_RECORD, "the index points " + what + " " + hash
            + " at log record 0x" + Long.toHexString(logIndex) + ", which holds something else");
    }

    @Override
    public void close() {
        reader.close();
    }
}
