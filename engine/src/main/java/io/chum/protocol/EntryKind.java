package io.chum.protocol;

import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.Sha256Value;

/**
 * What an offered entry is, with its code on the wire. An {@link #ID_OBJECT} is named by an {@link IdHash},
 * every other kind by a {@link Hash}. Immutable; thread-safe.
 */
public enum EntryKind {
    /** An object (unversioned, versioned or version node): its canonical microdata. */
    OBJECT(1),
    /** An ID object: its ID microdata, named by the ID hash. */
    ID_OBJECT(2),
    /** A BLOB: raw bytes. */
    BLOB(3),
    /** A CLOB: UTF-8 text bytes. */
    CLOB(4);

    private static final EntryKind[] BY_CODE = {null, OBJECT, ID_OBJECT, BLOB, CLOB};

    private final int code;

    EntryKind(final int code) {
        this.code = code;
    }

    /** The code byte on the wire (1..4). */
    public int code() {
        return code;
    }

    /** The kind with that code, or null if there is none. */
    static EntryKind ofCodeOrNull(final int code) {
        return code > 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** Reads a 32-byte hash of the right type for this kind. */
    Sha256Value hashOf(final byte[] src, final int offset) {
        return this == ID_OBJECT ? IdHash.ofBytes(src, offset) : Hash.ofBytes(src, offset);
    }

    /** True if {@code hash} has the type this kind is named by. */
    boolean accepts(final Sha256Value hash) {
        return this == ID_OBJECT ? hash instanceof IdHash : hash instanceof Hash;
    }
}
