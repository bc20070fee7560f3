package io.chum.log;

/**
 * One event of the log: every write of a ONE instance is one of these.
 *
 * <p>Events are immutable values. Before they are appended {@link #index()} is -1 and {@link #timestamp()}
 * is 0 (the appender assigns both; the values given are ignored). Events read from the log carry their
 * position and time.
 */
public sealed interface LogEvent
    permits ObjectWritten, IdObjectWritten, BlobWritten, HeadChanged, ChumRecord, TrustChanged {

    /** The log index of the event ({@code cycle << 32 | sequence} for the default roll cycle), -1 before append. */
    long index();

    /** Milliseconds since the epoch; non-decreasing along the log. 0 before append. */
    long timestamp();

    /** 0 for a local write, else the id of the chum session that brought it (the index of its start record). */
    long origin();
}
