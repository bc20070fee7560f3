package io.chum.model;

import java.util.Objects;

/**
 * One reference found in an object: its kind and target. For {@link ReferenceKind#ID} the target is an
 * {@link IdHash}, otherwise a {@link Hash}. Immutable.
 */
public record Reference(ReferenceKind kind, Sha256Value target) {
    public Reference {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        if ((kind == ReferenceKind.ID) != (target instanceof IdHash)) {
            throw new IllegalArgumentException(kind + " reference with a " + target.getClass().getSimpleName());
        }
    }

    /** A reference from its kind and the 64 hex characters found in microdata. */
    public static Reference of(final ReferenceKind kind, final CharSequence hex) {
        return new Reference(kind, kind == ReferenceKind.ID ? IdHash.ofHex(hex) : Hash.ofHex(hex));
    }

    /** The target as an object/BLOB/CLOB hash; fails for ID references. */
    public Hash hash() {
        return (Hash) target;
    }

    /** The target as an ID hash; fails for non-ID references. */
    public IdHash idHash() {
        return (IdHash) target;
    }
}
