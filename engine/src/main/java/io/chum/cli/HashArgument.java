package io.chum.cli;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.Sha256Value;
import io.chum.store.OneStore;
import io.chum.store.StoredKind;

import java.util.Optional;

/**
 * A hash given on the command line, which may name an object, an ID object, a BLOB or a CLOB: the store
 * says which.
 */
final class HashArgument {
    private HashArgument() {
    }

    /** The 64 hex characters as a Hash; a usage error otherwise. */
    static Hash parse(final String hex) {
        if (!Sha256Value.isHex(hex)) {
            throw new ChumException(ErrorCode.USAGE, "not a hash (64 lowercase hex characters): " + hex);
        }
        return Hash.ofHex(hex);
    }

    /** What the hash names in the store: tries it as object/BLOB/CLOB hash, then as ID hash. */
    static Optional<Found> find(final OneStore store, final String hex) {
        final Hash hash = parse(hex);
        final Optional<StoredKind> kind = store.kindOf(hash);
        if (kind.isPresent()) {
            return Optional.of(new Found(hash, kind.get()));
        }
        final IdHash id = hash.asIdHash();
        return store.kindOf(id).map(k -> new Found(id, k));
    }

    /** A stored hash and its kind. */
    record Found(Sha256Value hash, StoredKind kind) {
    }

    /** The kind as printed by {@code ls}: object, id, blob or clob. */
    static String kindName(final StoredKind kind) {
        switch (kind) {
            case OBJECT: return "object";
            case ID_OBJECT: return "id";
            case BLOB: return "blob";
            case CLOB: return "clob";
            default: throw new IllegalStateException("unknown kind " + kind);
        }
    }
}
