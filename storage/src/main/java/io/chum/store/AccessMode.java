package io.chum.store;

/** How {@link OneStore#createAccess} combines the given persons and groups with the current grant. */
public enum AccessMode {
    /** The union of the current version's lists and the given ones. */
    ADD,
    /** Exactly the given lists; empty lists revoke. */
    REPLACE
}
