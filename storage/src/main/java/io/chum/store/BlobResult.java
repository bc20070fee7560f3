package io.chum.store;

import io.chum.model.Hash;

import java.util.Objects;

/**
 * The result of storing a BLOB or CLOB. Immutable.
 *
 * @param hash   SHA-256 of the bytes
 * @param clob   true for a CLOB
 * @param size   length in bytes
 * @param status {@link StoreStatus#EXISTS} if the bytes were stored already (the upload's chunks are then unused)
 */
public record BlobResult(Hash hash, boolean clob, long size, StoreStatus status) {
    public BlobResult {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(status, "status");
    }
}
