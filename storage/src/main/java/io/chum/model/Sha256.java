package io.chum.model;

import io.chum.ChumException;
import io.chum.ErrorCode;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * SHA-256 of byte ranges, as {@link Hash} or {@link IdHash}.
 *
 * <p>Thread-safe: each thread reuses its own {@link MessageDigest} and output buffer, because hashing runs
 * on every object written or imported and a fresh digest per call would dominate small objects.
 */
public final class Sha256 {
    private static final ThreadLocal<State> LOCAL = ThreadLocal.withInitial(State::new);

    private Sha256() {
    }

    /** A new SHA-256 digest, for callers that stream (one per stream; not shared between threads). */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (final NoSuchAlgorithmException e) {
            throw new ChumException(ErrorCode.INTERNAL, "the JVM has no SHA-256", e);
        }
    }

    /** The hash of all of {@code data}. */
    public static Hash hash(final byte[] data) {
        return hash(data, 0, data.length);
    }

    /** The hash of {@code data[offset, offset + length)}. */
    public static Hash hash(final byte[] data, final int offset, final int length) {
        final byte[] out = digest(data, offset, length);
        return Hash.ofBytes(out, 0);
    }

    /** The ID hash of all of {@code idMicrodata}. */
    public static IdHash idHash(final byte[] idMicrodata) {
        return idHash(idMicrodata, 0, idMicrodata.length);
    }

    /** The ID hash of {@code idMicrodata[offset, offset + length)}. */
    public static IdHash idHash(final byte[] idMicrodata, final int offset, final int length) {
        final byte[] out = digest(idMicrodata, offset, length);
        return IdHash.ofBytes(out, 0);
    }

    /** The hash of {@code text} as UTF-8 (ONE's {@code createCryptoHash}; the hash of a CLOB). See {@link Utf8}. */
    public static Hash hashUtf8(final String text) {
        return hash(Utf8.encode(text));
    }

    /** Digests into the thread's output buffer; the result is valid until the thread's next call. */
    private static byte[] digest(final byte[] data, final int offset, final int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        final State s = LOCAL.get();
        s.digest.update(data, offset, length);
        try {
            s.digest.digest(s.out, 0, Sha256Value.BYTES);
        } catch (final DigestException e) {
            throw new ChumException(ErrorCode.INTERNAL, "SHA-256 digest failed", e);
        }
        return s.out;
    }

    private static final class State {
        final MessageDigest digest = newDigest();
        final byte[] out = new byte[Sha256Value.BYTES];
    }
}
