package io.chum.store;

import io.chum.model.Hash;
import io.chum.model.IdHash;

import java.util.Objects;

/**
 * The result of storing an object, an ID object or a version. Immutable.
 *
 * @param hash        the object's hash; null when an ID object was stored alone
 * @param idHash      the ID hash, null for unversioned objects
 * @param status      {@link StoreStatus#NEW} if anything was appended
 * @param versionNode the head node after the write (the current version's node), null for unversioned objects,
 *                    ID objects and {@link StoreAs#NO_VERSION_MAP} writes
 */
public record StoreResult(Hash hash, IdHash idHash, StoreStatus status, Hash versionNode) {
    public StoreResult {
        Objects.requireNonNull(status, "status");
        if (hash == null && idHash == null) {
            throw new IllegalArgumentException("a store result names a hash or an ID hash");
        }
    }

    /** True if the write appended something. */
    public boolean isNew() {
        return status == StoreStatus.NEW;
    }
}
