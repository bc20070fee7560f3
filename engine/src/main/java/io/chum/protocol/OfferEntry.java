package io.chum.protocol;

import io.chum.model.Sha256Value;

import java.util.Objects;

/**
 * One entry of an {@link Offer}: what it is, its hash and its size. Immutable; thread-safe.
 *
 * @param kind what the entry is
 * @param hash its hash: an {@link io.chum.model.IdHash} for {@link EntryKind#ID_OBJECT}, a
 *             {@link io.chum.model.Hash} otherwise
 * @param size its length in bytes (microdata length for objects), what its DATA will declare as total size
 */
public record OfferEntry(EntryKind kind, Sha256Value hash, long size) {
    /** Size in bytes of an entry on the wire: kind, hash, size. */
    public static final int WIRE_BYTES = 1 + Sha256Value.BYTES + 8;

    /** Checks the hash type matches the kind and the size is not negative. */
    public OfferEntry {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(hash, "hash");
        if (!kind.accepts(hash)) {
            throw new IllegalArgumentException("a " + kind + " entry cannot be named by a "
                + hash.getClass().getSimpleName());
        }
        Require.nonNegative(size, "size");
    }
}
