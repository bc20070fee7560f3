package io.chum.model;

/**
 * The hash of an object, BLOB or CLOB: SHA-256 of its canonical microdata (UTF-8) or raw bytes.
 *
 * <p>ONE calls it {@code SHA256Hash}. Immutable and thread-safe.
 */
public final class Hash extends Sha256Value {
    private Hash(final long w0, final long w1, final long w2, final long w3) {
        super(w0, w1, w2, w3);
    }

    /** From four big-endian words. */
    public static Hash of(final long w0, final long w1, final long w2, final long w3) {
        return new Hash(w0, w1, w2, w3);
    }

    /** From 64 lowercase hex characters; {@code CS-OBJ-BAD-HASH} otherwise. */
    public static Hash ofHex(final CharSequence hex) {
        final long[] w = parseHex(hex);
        return new Hash(w[0], w[1], w[2], w[3]);
    }

    /** From 64 lowercase hex ASCII bytes at {@code offset}; {@code CS-OBJ-BAD-HASH} otherwise. */
    public static Hash ofHex(final byte[] src, final int offset) {
        return parseHex(src, offset, Hash::new);
    }

    /** From 32 raw bytes at {@code offset}. */
    public static Hash ofBytes(final byte[] src, final int offset) {
        return new Hash(getLong(src, offset), getLong(src, offset + 8), getLong(src, offset + 16),
            getLong(src, offset + 24));
    }

    /** From exactly 32 raw bytes. */
    public static Hash ofBytes(final byte[] src) {
        if (src.length != BYTES) {
            throw new IllegalArgumentException("a SHA-256 value has 32 bytes, not " + src.length);
        }
        return ofBytes(src, 0);
    }

    /** The same 32 bytes viewed as the other hash type (for indexes that key both kinds by value). */
    public IdHash asIdHash() {
        return IdHash.of(word(0), word(1), word(2), word(3));
    }
}
