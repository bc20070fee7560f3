package io.chum.log;

import io.chum.model.Hash;

import java.util.Objects;

/**
 * A ONE object was stored: its canonical microdata (UTF-8) under its hash.
 *
 * <p>Large microdata is kept in chunk records; see {@link Payload} for how {@link #microdata()} loads it.
 * Immutable; thread-safe.
 *
 * @param index     log index, -1 before append
 * @param timestamp ms since the epoch, 0 before append
 * @param origin    0 for a local write, else the bringing chum session's id
 * @param hash      SHA-256 of the microdata
 * @param type      the object's type name
 * @param payload   the microdata
 */
public record ObjectWritten(long index, long timestamp, long origin, Hash hash, String type, Payload payload)
    implements LogEvent {

    public ObjectWritten {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
    }

    /** An event to append, written locally (origin 0). */
    public ObjectWritten(final Hash hash, final String type, final byte[] microdata) {
        this(-1, 0, 0, hash, type, Payload.of(microdata));
    }

    /** The microdata bytes; loaded from the log on every call if chunked (see {@link Payload#bytes()}). */
    public byte[] microdata() {
        return payload.bytes();
    }

    /** The same event with another origin. */
    public ObjectWritten withOrigin(final long newOrigin) {
        return new ObjectWritten(index, timestamp, newOrigin, hash, type, payload);
    }
}
