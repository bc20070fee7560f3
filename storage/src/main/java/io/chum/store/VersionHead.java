package io.chum.store;

import io.chum.model.Hash;

import java.util.Collection;
import java.util.Comparator;
import java.util.Objects;

/**
 * A version head of a versioned object: a version node and the data object (the version) it names. Immutable.
 *
 * <p>{@link #ORDER} decides which of several heads is the current version: the greatest creation time, then the
 * greatest depth, then the greatest node hash. The same order picks the data of a merge node. It is last writer
 * wins, because ONE's CRDT merge source is unknown, and it is deterministic, so every store holding the same
 * heads agrees on the current version and computes the same merge node.
 *
 * @param node         hash of the version node (VersionNodeEdge, VersionNodeChange or VersionNodeMerge)
 * @param data         hash of the version's data object
 * @param depth        the node's depth (0 for an edge)
 * @param creationTime the node's creation time, ms since the epoch
 */
public record VersionHead(Hash node, Hash data, long depth, long creationTime) {
    /** Ascending; the current version is the maximum. */
    public static final Comparator<VersionHead> ORDER = Comparator.comparingLong(VersionHead::creationTime)
        .thenComparingLong(VersionHead::depth)
        .thenComparing(VersionHead::node);

    public VersionHead {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(data, "data");
    }

    /** The greatest of {@code heads} by {@link #ORDER}; {@code heads} must not be empty. */
    public static VersionHead winner(final Collection<VersionHead> heads) {
        VersionHead best = null;
        for (final VersionHead h : heads) {
            if (best == null || ORDER.compare(h, best) > 0) {
                best = h;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("no heads");
        }
        return best;
    }
}
