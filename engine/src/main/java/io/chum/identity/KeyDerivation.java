package io.chum.identity;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;

import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * Derives a public key from a private one, which the JDK cannot do. Only identities saved before the
 * public keys had files of their own need it; kept in its own class so that BouncyCastle, whose signed
 * jar is slow to load, stays off the start-up path of every other command. Stateless; thread-safe.
 */
final class KeyDerivation {
    private KeyDerivation() {
    }

    /** The public key of {@code key}, a JDK Ed25519 or X25519 private key in PKCS#8 version 1 form. */
    static PublicKey publicKeyOf(final PrivateKey key, final KeyEncoding.Curve curve) {
        final byte[] raw = KeyEncoding.rawPrivateKey(KeyEncoding.pkcs8(key), curve);
        final byte[] publicRaw = curve == KeyEncoding.Curve.ED25519
                ? new Ed25519PrivateKeyParameters(raw, 0).generatePublicKey().getEncoded()
                : new X25519PrivateKeyParameters(raw, 0).generatePublicKey().getEncoded();
        return KeyEncoding.publicKey(publicRaw, curve);
    }
}
