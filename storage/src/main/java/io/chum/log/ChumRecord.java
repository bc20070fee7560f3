package io.chum.log;

import java.util.Objects;

/**
 * An opaque record of the chum engine (session start, sent, full sync, error, end). The engine defines
 * {@code recordType} and the body; the log only stores them. Immutable; thread-safe.
 *
 * @param index      log index, -1 before append
 * @param timestamp  ms since the epoch, 0 before append
 * @param origin     0 for a local write, else the chum session's id
 * @param recordType engine-defined type
 * @param payload    engine-defined body
 */
public record ChumRecord(long index, long timestamp, long origin, int recordType, Payload payload)
    implements LogEvent {

    public ChumRecord {
        Objects.requireNonNull(payload, "payload");
    }

    /** An event to append, written locally (origin 0). */
    public ChumRecord(final int recordType, final byte[] body) {
        this(-1, 0, 0, recordType, Payload.of(body));
    }

    /** The body bytes; loaded from the log on every call if chunked. */
    public byte[] body() {
        return payload.bytes();
    }

    /** The same event with another origin. */
    public ChumRecord withOrigin(final long newOrigin) {
        return new ChumRecord(index, timestamp, newOrigin, recordType, payload);
    }
}
