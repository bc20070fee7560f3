package io.chum.sync;

/**
 * "Full synchronization achieved" in both directions of a chum: the peer has everything that was accessible to it
 * in our store at the start, and we have everything accessible to us in the peer's. Immutable.
 *
 * @param highestRemoteTimestamp the peer's snapshot timestamp (on its log clock), our cursor for the next chum
 * @param millis                 milliseconds from the start of the chum until both full syncs
 */
public record FullSync(long highestRemoteTimestamp, long millis) {
}
