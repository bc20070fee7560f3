package io.chum.access;

import io.chum.model.IdHash;
import io.chum.model.Sha256Value;
import io.chum.protocol.EntryKind;

import java.util.Objects;

/**
 * An access root: an object (for an Access grant, or a version node of an ID under IdAccess) or an ID object (for
 * an IdAccess grant). The exporter offers a root with its reference closure. Immutable; thread-safe.
 *
 * @param kind {@link EntryKind#OBJECT} or {@link EntryKind#ID_OBJECT}
 * @param hash the object's hash, or the ID hash
 */
public record Root(EntryKind kind, Sha256Value hash) {
    /** Checks that the hash type matches the kind. */
    public Root {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(hash, "hash");
        if ((kind == EntryKind.ID_OBJECT) != (hash instanceof IdHash)) {
            throw new IllegalArgumentException("a " + kind + " root cannot be named by " + hash.getClass()
                .getSimpleName());
        }
    }

    /** An object root. */
    public static Root object(final Sha256Value hash) {
        return new Root(EntryKind.OBJECT, hash);
    }

    /** An ID-object root. */
    public static Root id(final IdHash id) {
        return new Root(EntryKind.ID_OBJECT, id);
    }
}
