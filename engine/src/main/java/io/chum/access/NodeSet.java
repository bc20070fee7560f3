package io.chum.access;

import io.chum.model.Sha256Value;
import io.chum.protocol.EntryKind;

import java.util.HashSet;
import java.util.Set;

/**
 * A set of entries keyed as a store keys them: objects and ID objects in one space (an object's and an ID object's
 * hash never compare equal: they are different classes), BLOBs and CLOBs in another (the same 32 bytes may name an
 * object and a BLOB). NOT thread-safe: owned by one thread.
 */
public final class NodeSet {
    private final Set<Sha256Value> objects = new HashSet<>();
    private final Set<Sha256Value> blobs = new HashSet<>();

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
        return objects.size() + blobs.size();
    }

    private Set<Sha256Value> space(final EntryKind kind) {
        return kind == EntryKind.BLOB || kind == EntryKind.CLOB ? blobs : objects;
    }
}
