package io.chum.store;

/** How {@link OneStore#storeVersionedObject} records a new version (ONE's {@code STORE_AS}). */
public enum StoreAs {
    /** A {@code VersionNodeChange} on top of the current head (an edge if there is none). */
    CHANGE,
    /** A {@code VersionNodeEdge} merged with the current heads by the store's merge rule. */
    MERGE,
    /** Only the object and its ID object; the version heads stay as they are. */
    NO_VERSION_MAP
}
