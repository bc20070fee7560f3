package io.chum.log;

import io.chum.model.Hash;
import io.chum.model.IdHash;

import java.util.List;
import java.util.Objects;

/**
 * The version heads of {@code id} change: {@code node} becomes a head and every node in {@code replaces} stops
 * being one. Projection rule: {@code heads(id) := (heads(id) − replaces) ∪ {node}}.
 *
 * <p>The event carries the node's {@code data}, {@code depth} and {@code creationTime} (copies of the version
 * node object's fields), so the head projection is rebuilt from the events alone, without reading version
 * nodes. A writer normally replaces every head it saw; two processes writing the same ID at once each replace
 * the old head and leave two heads (a divergence that the next versioned write merges). Immutable; thread-safe.
 *
 * @param index        log index, -1 before append
 * @param timestamp    ms since the epoch, 0 before append
 * @param origin       0 for a local write, else the bringing chum session's id
 * @param id           the versioned object's ID hash
 * @param node         hash of the version node that becomes a head
 * @param data         hash of that node's data object (the version)
 * @param depth        the node's depth
 * @param creationTime the node's creation time (ms since the epoch)
 * @param replaces     the heads this node replaces (at most {@link #MAX_REPLACES}), unmodifiable
 */
public record HeadChanged(long index, long timestamp, long origin, IdHash id, Hash node, Hash data, long depth,
                          long creationTime, List<Hash> replaces) implements LogEvent {
    /** Most heads one event may replace; keeps every HEAD record far below the block-size bound. */
    public static final int MAX_REPLACES = 1024;

    public HeadChanged {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(data, "data");
        replaces = List.copyOf(replaces);
        if (replaces.size() > MAX_REPLACES) {
            throw new IllegalArgumentException("a head event replaces at most " + MAX_REPLACES + " heads, not "
                + replaces.size() + " (ID " + id + ")");
        }
    }

    /** An event to append, written locally (origin 0). */
    public HeadChanged(final IdHash id, final Hash node, final Hash data, final long depth, final long creationTime,
                       final List<Hash> replaces) {
        this(-1, 0, 0, id, node, data, depth, creationTime, replaces);
    }

    /** The same event with another origin. */
    public HeadChanged withOrigin(final long newOrigin) {
        return new HeadChanged(index, timestamp, newOrigin, id, node, data, depth, creationTime, replaces);
    }
}
