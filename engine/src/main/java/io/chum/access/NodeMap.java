package io.chum.access;

import io.chum.model.Sha256Value;
import io.chum.protocol.EntryKind;

/**
 * Entries keyed as a store keys them (objects, ID objects, and BLOBs/CLOBs in separate spaces: the same 32 bytes may
 * name an object and a BLOB), each with a small mark (1 to 127; 0 means absent). Compact, about 34 bytes per entry
 * (see {@link HashMap128}). NOT thread-safe: owned by one thread.
 */
final class NodeMap {
    private final HashMap128 objects = new HashMap128();
    private final HashMap128 ids = new HashMap128();
    private final HashMap128 blobs = new HashMap128();

    /** The entry's mark, 0 if it is absent. */
    int get(final EntryKind kind, final Sha256Value hash) {
        return space(kind).get(hash);
    }

    /** Marks the entry unless it has a mark; returns the mark it had, 0 if it was absent. */
    int putIfAbsent(final EntryKind kind, final Sha256Value hash, final int mark) {
        return space(kind).putIfAbsent(hash, mark);
    }

    /** Marks the entry, absent or not; returns the mark it had, 0 if it was absent. */
    int put(final EntryKind kind, final Sha256Value hash, final int mark) {
        return space(kind).put(hash, mark);
    }

    /** Removes the entry; false if it was absent. */
    boolean remove(final EntryKind kind, final Sha256Value hash) {
        return space(kind).remove(hash);
    }

    /** Number of entries. */
    int size() {
        return objects.size() + ids.size() + blobs.size();
    }

    private HashMap128 space(final EntryKind kind) {
        return switch (kind) {
            case OBJECT -> objects;
            case ID_OBJECT -> ids;
            case BLOB, CLOB -> blobs;
        };
    }
}
