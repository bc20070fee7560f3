package io.chum.log;

import io.chum.ChumException;
import io.chum.ErrorCode;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.InputStream;

/**
 * Streams a chunked payload: walks forward from the first chunk, skipping records that are not the next
 * chunk of the stream (other events, other streams' chunks appended in between), and checks stream id,
 * back link, sequence, CRC, chunk count and total length. Holds one chunk in memory.
 *
 * <p>Cost is proportional to the records between the first and the last chunk; skipped records are only
 * peeked at. Not thread-safe; may be handed from one thread to another between calls (as any
 * InputStream), it owns its Chronicle tailer.
 */
final class ChunkInputStream extends InputStream {
    private final ExcerptTailer tailer;
    private final PayloadRef ref;
    private final RecordDecoder decoder = new RecordDecoder();
    private long chunksRead;
    private long bytesRead;
    private long lastChunkIndex = -1;
    private int dataPos;
    private int dataEnd;
    private final boolean ownsTailer;
    private boolean closed;

    ChunkInputStream(final ExcerptTailer tailer, final PayloadRef ref) {
        this(tailer, ref, true);
    }

    /**
     * @param ownsTailer true: the stream's own tailer (it may move to another thread, and closing the stream closes
     *                   it); false: a tailer borrowed from the caller's thread for one read, left open
     */
    ChunkInputStream(final ExcerptTailer tailer, final PayloadRef ref, final boolean ownsTailer) {
        this.tailer = tailer;
        this.ref = ref;
        this.ownsTailer = ownsTailer;
        if (ownsTailer) {
            tailer.singleThreadedCheckDisabled(true);
        }
        if (!ref.isEmpty() && !tailer.moveToIndex(ref.firstChunkIndex())) {
            if (ownsTailer) {
                tailer.close();
            }
            throw new ChumException(ErrorCode.CORRUPT_RECORD, "first chunk " + RecordFormat.indexName(
                ref.firstChunkIndex()) + " of payload " + ref + " is not in the log");
        }
    }

    @Override
    public int read() {
        final byte[] one = new byte[1];
        final int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(final byte[] b, final int off, final int len) {
        if (closed) {
            throw new ChumException(ErrorCode.CLOSED, "payload stream " + ref + " is closed");
        }
        if (len == 0) {
            return 0;
        }
        if (dataPos == dataEnd && !nextChunk()) {
            return -1;
        }
        final int n = Math.min(len, dataEnd - dataPos);
        System.arraycopy(decoder.buffer(), dataPos, b, off, n);
        dataPos += n;
        return n;
    }

    @Override
    public int available() {
        return dataEnd - dataPos;
    }

    private boolean nextChunk() {
        if (chunksRead == ref.chunkCount()) {
            if (bytesRead != ref.length() || lastChunkIndex != ref.lastChunkIndex()) {
                throw inconsistent("ended after " + bytesRead + " bytes at chunk "
                    + RecordFormat.indexName(lastChunkIndex));
            }
            return false;
        }
        while (true) {
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    throw inconsistent("the log ends before chunk " + chunksRead + " of " + ref.chunkCount());
                }
                final long index = dc.index();
                if (index > ref.lastChunkIndex()) {
                    throw inconsistent("chunk " + chunksRead + " not found before the last chunk index");
                }
                final Bytes<?> in = dc.wire().bytes();
                if (!isNextChunk(in)) {
                    if (chunksRead == 0) {
                        throw inconsistent("record " + RecordFormat.indexName(index) + " is not its first chunk");
                    }
                    continue;
                }
                decoder.load(in, index);
                if (decoder.chunkSequence() != chunksRead) {
                    throw inconsistent("chunk " + RecordFormat.indexName(index) + " has sequence "
                        + decoder.chunkSequence() + ", expected " + chunksRead);
                }
                final int n = decoder.chunkDataLength();
                bytesRead += n;
                if (bytesRead > ref.length()) {
                    throw inconsistent("chunks hold more than " + ref.length() + " bytes");
                }
                chunksRead++;
                lastChunkIndex = index;
                dataPos = RecordFormat.CHUNK_OFF_DATA;
                dataEnd = dataPos + n;
                return true;
            }
        }
    }

    /** Peeks at stream id and back link without copying the record. */
    private boolean isNextChunk(final Bytes<?> in) {
        if (!RecordDecoder.looksLikeChunk(in)) {
            return false;
        }
        final long start = in.readPosition();
        final long stream = RecordDecoder.readLongLe(in, start + RecordFormat.CHUNK_OFF_STREAM_ID);
        final long previous = RecordDecoder.readLongLe(in, start + RecordFormat.CHUNK_OFF_PREVIOUS);
        return stream == ref.streamId() && previous == lastChunkIndex;
    }

    private ChumException inconsistent(final String why) {
        return new ChumException(ErrorCode.CORRUPT_RECORD, "payload " + ref + " is damaged: " + why);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (ownsTailer) {
                tailer.close();
            }
        }
    }
}
