package io.chum.model;

/**
 * The four kinds of reference a ONE object can hold, with the {@code data-type} attribute value used in
 * microdata ({@code <a data-type="obj">…</a>}).
 */
public enum ReferenceKind {
    /** {@code referenceToObj}: one concrete object (any version or an unversioned object). */
    OBJ("obj"),
    /** {@code referenceToId}: an ID hash, i.e. all versions of a versioned object. */
    ID("id"),
    /** {@code referenceToClob}: a UTF-8 text file by content hash. */
    CLOB("clob"),
    /** {@code referenceToBlob}: a binary file by content hash. */
    BLOB("blob");

    private final String dataType;

    ReferenceKind(final String dataType) {
        this.dataType = dataType;
    }

    /** The microdata {@code data-type} value. */
    public String dataType() {
        return dataType;
    }

    /** The kind for a {@code data-type} value, or null if there is none. */
    public static ReferenceKind ofDataType(final String dataType) {
        for (final ReferenceKind k : values()) {
            if (k.dataType.equals(dataType)) {
                return k;
            }
        }
        return null;
    }
}
