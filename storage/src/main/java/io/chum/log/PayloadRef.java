package io.chum.log;

/**
 * Where a chunked payload lives in the log: the chain of CHUNK records of one stream.
 *
 * <p>Each chunk names its stream and the index of the chunk before it, so a reader walks from
 * {@code firstChunkIndex} forward, skipping unrelated records, until {@code lastChunkIndex}, and checks
 * that it saw exactly {@code chunkCount} chunks and {@code length} bytes. The empty payload has no
 * chunks ({@link #EMPTY}). Immutable; thread-safe.
 *
 * @param streamId        the id every chunk of the stream carries
 * @param firstChunkIndex log index of the first chunk, -1 if there is none
 * @param lastChunkIndex  log index of the last chunk, -1 if there is none
 * @param chunkCount      number of chunks
 * @param length          total payload length in bytes
 */
public record PayloadRef(long streamId, long firstChunkIndex, long lastChunkIndex, long chunkCount, long length) {
    /** The payload of length zero. */
    public static final PayloadRef EMPTY = new PayloadRef(0, -1, -1, 0, 0);

    public PayloadRef {
        if (chunkCount < 0 || length < 0) {
            throw new IllegalArgumentException("negative chunk count or length: " + chunkCount + ", " + length);
        }
        if (chunkCount == 0) {
            if (length != 0 || firstChunkIndex != -1 || lastChunkIndex != -1) {
                throw new IllegalArgumentException("a payload without chunks has length 0 and no chunk indexes");
            }
        } else if (firstChunkIndex < 0 || lastChunkIndex < firstChunkIndex || length < chunkCount
            || (chunkCount == 1 && firstChunkIndex != lastChunkIndex)) {
            throw new IllegalArgumentException("inconsistent payload reference: " + firstChunkIndex + ".."
                + lastChunkIndex + ", " + chunkCount + " chunks, " + length + " bytes");
        }
    }

    /** True for the payload without chunks. */
    public boolean isEmpty() {
        return chunkCount == 0;
    }
}
