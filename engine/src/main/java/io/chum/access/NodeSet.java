package io.chum.access;

import io.chum.model.Sha256Value;
import io.chum.protocol.EntryKind;

/**
 * A set of entries keyed as a store keys them: objects, ID objects, and BLOBs/CLOBs in separate spaces (the same
 * 32 bytes may name an object and a BLOB). Compact (about 34 bytes per entry, see {@link HashMap128}): a chum keeps
 * one entry per hash it offered or wanted. NOT thread-safe: owned by one thread.
 */
public final class NodeSet {
    private static final int IN = 1;

    private final NodeMap map = new NodeMap();

    /** Adds the entry; false if it was in the set. */
    public boolean add(final EntryKind kind, final Sha256Value hash) {
        return map.putIfAbsent(kind, hash, IN) == 0;
    }

    /** True if the entry is in the set. */
    public boolean contains(final EntryKind kind, final Sha256Value hash) {
        return map.get(kind, hash) != 0;
    }

    /** Removes the entry; false if it was not in the set. */
    public boolean remove(final EntryKind kind, final Sha256Value hash) {
        return map.remove(kind, hash);
    }

    /** Number of entries. */
    public int size() {
        return map.size();
    }
}
