package io.chum.log;

import io.chum.model.IdHash;

import java.util.Objects;

/**
 * An ID object was stored: its microdata (with {@code data-id-object="true"}) under its ID hash.
 * Immutable; thread-safe.
 *
 * @param index     log index, -1 before append
 * @param timestamp ms since the epoch, 0 before append
 * @param origin    0 for a local write, else the bringing chum session's id
 * @param idHash    SHA-256 of the ID microdata
 * @param type      the versioned object's type name
 * @param payload   the ID microdata
 */
public record IdObjectWritten(long index, long timestamp, long origin, IdHash idHash, String type, Payload payload)
    implements LogEvent {

    public IdObjectWritten {
        Objects.requireNonNull(idHash, "idHash");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
    }

    /** An event to append, written locally (origin 0). */
    public IdObjectWritten(final IdHash idHash, final String type, final byte[] idMicrodata) {
        this(-1, 0, 0, idHash, type, Payload.of(idMicrodata));
    }

    /** The ID microdata bytes; loaded from the log on every call if chunked. */
    public byte[] idMicrodata() {
        return payload.bytes();
    }

    /** The same event with another origin. */
    public IdObjectWritten withOrigin(final long newOrigin) {
        return new IdObjectWritten(index, timestamp, newOrigin, idHash, type, payload);
    }
}
