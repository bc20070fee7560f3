package io.chum.store;

import io.chum.model.Sha256Value;

/**
 * One entry of the object index, as {@link OneStore#forEachEntry} lists them. Immutable.
 *
 * @param hash     the hash ({@link io.chum.model.IdHash} for ID objects, else {@link io.chum.model.Hash})
 * @param kind     what it names
 * @param type     the ONE type of an object or ID object; null for BLOBs and CLOBs
 * @param logIndex the log index of its record
 */
public record StoredEntry(Sha256Value hash, StoredKind kind, String type, long logIndex) {
}
