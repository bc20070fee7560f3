package io.chum.store;

/** Whether a write appended anything (ONE's {@code CREATION_STATUS}). */
public enum StoreStatus {
    /** Something was appended to the log. */
    NEW,
    /** Everything was present already; nothing was appended. */
    EXISTS
}
