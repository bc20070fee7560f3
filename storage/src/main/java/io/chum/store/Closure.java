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
        for (final Reference r : references) {
            if (!isPresent(index, r) && !(ownId != null && ownId.equals(r.target()))) {
                throw missing(owner, type, r);
            }
        }
    }

    /**
     * Checks a whole import batch before anything is appended: each reference must be in the store or an earlier
     * entry of the batch (an ID reference may name the entry's own ID).
     */
    static void requireBatch(final ObjectIndex index, final Collection<VerifiedEntry> entries) {
        final Set<Sha256Value> earlier = new HashSet<>();
        final Set<Sha256Value> earlierBlobs = new HashSet<>();
        for (final VerifiedEntry e : entries) {
            for (final Reference r : e.references()) {
                final boolean inBatch = r.kind() == ReferenceKind.BLOB || r.kind() == ReferenceKind.CLOB
                    ? earlierBlobs.contains(r.target()) : earlier.contains(r.target());
                if (!inBatch && !isPresent(index, r) && !(e.idHash() != null && e.idHash().equals(r.target()))) {
                    throw missing(e.hash(), e.type(), r);
                }
            }
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
        final int indexKind = indexKind(kind);
        targets.forEach((w0, w1, w2, w3) -> {
            if (!index.contains(indexKind, w0, w1, w2, w3)) {
                final Sha256Value target = kind == ReferenceKind.ID ? IdHash.of(w0, w1, w2, w3)
                    : Hash.of(w0, w1, w2, w3);
                throw missing(owner, type, new Reference(kind, target));
            }
        });
    }

    private static boolean isPresent(final ObjectIndex index, final Reference r) {
        final Sha256Value t = r.target();
        return index.contains(indexKind(r.kind()), t.word(0), t.word(1), t.word(2), t.word(3));
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
}
