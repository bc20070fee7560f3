package io.chum.access;

import io.chum.model.Sha256Value;
import io.chum.protocol.EntryKind;

/**
 * One entry of a closure walk, ready to offer: what it is, its hash and size, and for an object or ID object its
 * bytes as read from the store (kept so they need not be read again when the importer wants them). Immutable by
 * convention: nobody changes the bytes.
 *
 * @param kind  what the entry is
 * @param hash  its hash (the ID hash for an ID object)
 * @param size  its length in bytes
 * @param bytes the microdata of an object or ID object; null for a BLOB or CLOB (streamed from the store)
 */
public record ClosureEntry(EntryKind kind, Sha256Value hash, long size, byte[] bytes) {
}
