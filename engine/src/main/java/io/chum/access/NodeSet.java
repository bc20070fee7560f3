package io.chum.access;

import io.chum.model.Sha256Value;
import io.chum.protocol.EntryKind;

/**
 * A set of entries keyed as a store keys them: objects, ID objects, and BLOBs/CLOBs in separate spaces (the same
 * 32 bytes may name an object and a BLOB). Compact (about 32 bytes per entry, see {@link HashSet128}): a chum keeps
 * one entry per hash it offered or wanted. NOT thread-safe: owned by one thread.
 */
public final class NodeSet {
    private final HashSet128 objects = new HashSet128();
    private final HashSet128 ids = new HashSet128();
    private final HashSet128 blobs = new HashSet128();

    /** Adds the entry; false if it was in the set. */
    public boolean add(final EntryKind kind, final Sha256Value hash) {
        return space(kind).add(hash);
    }

    /** True if the entry is in the set. */
    public boolean contains(final EntryKind kind, final Sha256Value hash) {
        return space(kind).contains(hash);
    }

    /** Removes the entry; false if it was not in the set. */
    public boolean remove(final EntryKind kind, final Sha256Value hash) {
        return space(kind).remove(hash);
    }

    /** Number of entries. */
    public int size() {
        return objects.size() + ids.size() + blobs.size();
    }

    private HashSet128 space(final EntryKind kind) {
        return switch (kind) {
            case OBJECT -> objects;
            case ID_OBJECT -> ids;
            case BLOB, CLOB -> blobs;
        };
    }
}
