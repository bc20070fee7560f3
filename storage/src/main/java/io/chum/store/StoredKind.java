package io.chum.store;

/** What a hash names in a store. */
public enum StoredKind {
    /** A ONE object, stored under the SHA-256 of its microdata. */
    OBJECT,
    /** An ID object, stored under its ID hash. */
    ID_OBJECT,
    /** Raw bytes, stored under their SHA-256. */
    BLOB,
    /** UTF-8 text, stored under the SHA-256 of its bytes. */
    CLOB
}
