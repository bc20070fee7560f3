package io.chum.sync;

/**
 * How many objects, ID objects, BLOBs and CLOBs went one way in a chum. Immutable.
 *
 * @param objects   objects (version nodes included)
 * @param idObjects ID objects
 * @param blobs     BLOBs
 * @param clobs     CLOBs
 */
public record TransferCounts(long objects, long idObjects, long blobs, long clobs) {
    /** Nothing. */
    public static final TransferCounts NONE = new TransferCounts(0, 0, 0, 0);

    /** All entries. */
    public long total() {
        return objects + idObjects + blobs + clobs;
    }
}
