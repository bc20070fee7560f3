package io.chum.importer;

/**
 * What one committed batch brought, counted by kind (entries new to the store only). Immutable.
 *
 * @param batchId   the batch
 * @param objects   objects stored (version nodes included)
 * @param idObjects ID objects stored (offered ones, not those derived from a versioned object)
 * @param blobs     BLOBs stored
 * @param clobs     CLOBs stored
 * @param bytes     bytes received for the batch
 */
public record CommittedBatch(long batchId, int objects, int idObjects, int blobs, int clobs, long bytes) {
    /** Entries stored. */
    public int stored() {
        return objects + idObjects + blobs + clobs;
    }
}
