package io.chum.store;

/**
 * Where a chum record is in the log, so the engine can read it back ({@link OneStore#readChumRecord}) without
 * scanning the log. Immutable.
 *
 * @param logIndex  the record's log index
 * @param type      the engine-defined record type
 * @param timestamp when it was appended, ms since the epoch
 * @param origin    its origin (0 = local, else the chum session's id)
 */
public record ChumRecordRef(long logIndex, int type, long timestamp, long origin) {
}
