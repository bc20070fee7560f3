package io.chum.store;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.model.Hash;
import io.chum.model.HashList;
import io.chum.model.IdHash;
import io.chum.model.Reference;
import io.chum.model.ReferenceKind;
import io.chum.model.Sha256Value;
import io.chum.projection.ObjectIndex;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The closure invariant: the store never holds an object whose references are missing. An object reference
 * needs the object, an ID reference the ID object, a BLOB or CLOB reference the bytes (stored as either kind).
 * The one exception is an ID reference of a versioned object to its own ID, whose ID object is written first.
 * Checked on the caller's thread before a write is queued: objects are never removed, so the check still holds
 * when the writer thread appends. Stateless; thread-safe.
 */
final class Closure {
    private Closure() {
    }

    /**
     * Throws {@code CS-MISSING-REF}, naming both hashes, unless every reference of {@code owner} is present.
     *
     * @param ownId the owner's own ID hash (allowed as an ID reference), or null
     */
    static void require(final ObjectIndex index, final Sha256Value owner, final String type,
                        final List<Reference> references, final IdHash ownId) {
        final Lookup lookup = new Lookup(references.size());
        for (final Reference r : references) {
            if (!(ownId != null && ownId.equals(r.target()))) {
                lookup.add(r);
            }
        }
        lookup.requirePresent(index, owner, type);
    }

    /**
     * Checks a whole import batch before anything is appended: each reference must be in the store or an earlier
     * entry of the batch (an ID reference may name the entry's own ID).
     */
    static void requireBatch(final ObjectIndex index, final Collection<VerifiedEntry> entries) {
        final Set<Sha256Value> earlier = new HashSet<>();
        final Set<Sha256Value> earlierBlobs = new HashSet<>();
        final Lookup lookup = new Lookup(64);
        for (final VerifiedEntry e : entries) {
            lookup.clear();
            for (final Reference r : e.references()) {
                final boolean inBatch = r.kind() == ReferenceKind.BLOB || r.kind() == ReferenceKind.CLOB
                    ? earlierBlobs.contains(r.target()) : earlier.contains(r.target());
                if (!inBatch && !(e.idHash() != null && e.idHash().equals(r.target()))) {
                    lookup.add(r);
                }
            }
            lookup.requirePresent(index, e.hash(), e.type());
            if (e.isBlob()) {
                earlierBlobs.add(e.hash());
            } else {
                earlier.add(e.hash());
            }
            if (e.idHash() != null) {
                earlier.add(e.idHash());
            }
        }
    }

    /**
     * Throws {@code CS-MISSING-REF} unless every hash of {@code targets}, references of {@code kind} of {@code owner}
     * (a streamed list), is present.
     */
    static void requireAll(final ObjectIndex index, final Sha256Value owner, final String type,
                           final ReferenceKind kind, final HashList targets) {
        final Lookup lookup = new Lookup(Math.min(targets.size(), Lookup.CHUNK));
        targets.forEach((w0, w1, w2, w3) -> {
            lookup.add(kind, w0, w1, w2, w3);
            if (lookup.isFull()) {
                lookup.requirePresent(index, owner, type);
                lookup.clear();
            }
        });
        lookup.requirePresent(index, owner, type);
    }

    /** The {@link ObjectIndex} kind a reference of {@code kind} must find (a CLOB lives among the BLOBs). */
    private static int indexKind(final ReferenceKind kind) {
        return switch (kind) {
            case OBJ -> ObjectIndex.KIND_OBJECT;
            case ID -> ObjectIndex.KIND_ID_OBJECT;
            case BLOB, CLOB -> ObjectIndex.KIND_BLOB;
        };
    }

    private static ChumException missing(final Sha256Value owner, final String type, final Reference r) {
        final String what = switch (r.kind()) {
            case OBJ -> "object";
            case ID -> "ID object";
            case BLOB -> "BLOB";
            case CLOB -> "CLOB";
        };
        return new ChumException(ErrorCode.MISSING_REFERENCE, type + " " + owner + " references the missing "
            + what + " " + r.target());
    }

    /**
     * The references of one owner still to be looked up, in the index's terms, so that {@link
     * ObjectIndex#firstMissing} takes them all at once and overlaps their memory reads: in an index of a million
     * entries 143 ns per reference instead of 429 (C1-compiled, as in a one-shot command; docs/benchmarks.md §6.4);
     * an incremental chum of a million objects, whose 256 directories list 3 900 leaves each, 0.27 s faster (§7.3).
     * NOT thread-safe: one per call.
     */
    private static final class Lookup {
        /** Keys per look-up of a long streamed list ({@link #isFull}), so that its buffer stays small. */
        static final int CHUNK = 1024;

        private int[] kinds;
        private long[] keys;
        private ReferenceKind[] referenceKinds;
        private int size;

        Lookup(final int capacity) {
            final int c = Math.max(1, capacity);
            kinds = new int[c];
            keys = new long[4 * c];
            referenceKinds = new ReferenceKind[c];
        }

        void clear() {
            size = 0;
        }

        boolean isFull() {
            return size == CHUNK;
        }

        void add(final Reference r) {
            final Sha256Value t = r.target();
            add(r.kind(), t.word(0), t.word(1), t.word(2), t.word(3));
        }

        void add(final ReferenceKind kind, final long w0, final long w1, final long w2, final long w3) {
            if (size == kinds.length) {
                kinds = Arrays.copyOf(kinds, 2 * size);
                keys = Arrays.copyOf(keys, 8 * size);
                referenceKinds = Arrays.copyOf(referenceKinds, 2 * size);
            }
            kinds[size] = indexKind(kind);
            keys[4 * size] = w0;
            keys[4 * size + 1] = w1;
            keys[4 * size + 2] = w2;
            keys[4 * size + 3] = w3;
            referenceKinds[size++] = kind;
        }

        /** Throws {@code CS-MISSING-REF} for the first reference that is not in the index. */
        void requirePresent(final ObjectIndex index, final Sha256Value owner, final String type) {
            final int i = index.firstMissing(kinds, keys, size);
            if (i >= 0) {
                final long[] k = keys;
                final ReferenceKind kind = referenceKinds[i];
                final Sha256Value target = kind == ReferenceKind.ID
                    ? IdHash.of(k[4 * i], k[4 * i + 1], k[4 * i + 2], k[4 * i + 3])
                    : Hash.of(k[4 * i], k[4 * i + 1], k[4 * i + 2], k[4 * i + 3]);
                throw missing(owner, type, new Reference(kind, target));
            }
        }
    }
}
