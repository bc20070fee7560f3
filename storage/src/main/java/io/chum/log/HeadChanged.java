package io.chum.log;

import io.chum.model.Hash;
import io.chum.model.IdHash;

import java.util.Objects;

/**
 * The version head of {@code idHash} moves to version node {@code node} whose data object is {@code data}.
 * {@code expectedPrevious} is the head the writer saw (null if none), so projections can detect concurrent
 * writers. Immutable; thread-safe.
 *
 * @param index            log index, -1 before append
 * @param timestamp        ms since the epoch, 0 before append
 * @param origin           0 for a local write, else the bringing chum session's id
 * @param idHash           the versioned object's ID hash
 * @param node             hash of the new version node
 * @param data             hash of the new version's data object
 * @param expectedPrevious the head the writer saw, or null
 */
public record HeadChanged(long index, long timestamp, long origin, IdHash idHash, Hash node, Hash data,
                          Hash expectedPrevious) implements LogEvent {

    public HeadChanged {
        Objects.requireNonNull(idHash, "idHash");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(data, "data");
    }

    /** An event to append, written locally (origin 0). */
    public HeadChanged(final IdHash idHash, final Hash node, final Hash data, final Hash expectedPrevious) {
        this(-1, 0, 0, idHash, node, data, expectedPrevious);
    }

    /** The same event with another origin. */
    public HeadChanged withOrigin(final long newOrigin) {
        return new HeadChanged(index, timestamp, newOrigin, idHash, node, data, expectedPrevious);
    }
}
