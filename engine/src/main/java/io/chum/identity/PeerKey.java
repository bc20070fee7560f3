package io.chum.identity;

import io.chum.ChumException;
import io.chum.ErrorCode;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;

/**
 * The raw 32-byte Ed25519 public key of an instance: what a TLS handshake authenticates and what the
 * application compares with the {@code publicSignKey} of a Keys object to decide trust.
 *
 * <p>Immutable value type; equal when the 32 bytes are equal. Thread-safe.
 */
public final class PeerKey {
    /** Length of the raw key in bytes. */
    public static final int BYTES = KeyEncoding.RAW_KEY_LENGTH;

    private final byte[] raw;
    private final String hex;

    private PeerKey(final byte[] raw) {
        this.raw = raw;
        this.hex = KeyEncoding.hex(raw);
    }

    /** A key from its 32 raw bytes (copied). */
    public static PeerKey fromRaw(final byte[] raw) {
        if (raw.length != BYTES) {
            throw new ChumException(ErrorCode.TLS, "an Ed25519 public key has 32 bytes, got " + raw.length);
        }
        return new PeerKey(raw.clone());
    }

    /** A key from 64 hex characters (either case), e.g. a Keys object's {@code publicSignKey}. */
    public static PeerKey fromHex(final String hex) {
        if (hex.length() != 2 * BYTES) {
            throw new ChumException(ErrorCode.TLS, "an Ed25519 public key has 64 hex characters, got "
                    + hex.length() + ": '" + hex + "'");
        }
        try {
            return new PeerKey(KeyEncoding.unhex(hex));
        } catch (final IllegalArgumentException e) {
            throw new ChumException(ErrorCode.TLS, "bad Ed25519 public key hex: " + e.getMessage(), e);
        }
    }

    /**
     * The key of a JDK Ed25519 public key, e.g. a certificate's.
     *
     * @throws ChumException TLS if it is not an Ed25519 key in the standard X.509 encoding
     */
    public static PeerKey fromPublicKey(final PublicKey key) {
        return new PeerKey(KeyEncoding.rawPublicKey(key, KeyEncoding.Curve.ED25519));
    }

    /** A fresh copy of the 32 bytes. */
    public byte[] raw() {
        return raw.clone();
    }

    /** The 64 lowercase hex characters. */
    public String hex() {
        return hex;
    }

    /** The key as a JDK public key (algorithm EdDSA). */
    public PublicKey toPublicKey() {
        return KeyEncoding.publicKey(raw, KeyEncoding.Curve.ED25519);
    }

    /** Whether {@code signature} is this key's Ed25519 signature of {@code message}. */
    public boolean verify(final byte[] message, final byte[] signature) {
        try {
            final Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(toPublicKey());
            verifier.update(message);
            return verifier.verify(signature);
        } catch (final java.security.SignatureException e) {
            // A malformed signature is simply not a valid one.
            return false;
        } catch (final GeneralSecurityException e) {
            throw new ChumException(ErrorCode.INTERNAL, "JDK cannot verify Ed25519 signatures", e);
        }
    }

    @Override
    public boolean equals(final Object o) {
        return this == o || (o instanceof PeerKey && Arrays.equals(raw, ((PeerKey) o).raw));
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    /** The first 12 hex characters, enough to tell keys apart in log lines. */
    public String shortHex() {
        return hex.substring(0, 12);
    }

    @Override
    public String toString() {
        return "PeerKey[" + hex + "]";
    }
}
