package io.chum.identity;

import io.chum.ChumException;
import io.chum.ErrorCode;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * Conversions between JDK keys and raw 32-byte Ed25519/X25519 keys, and lowercase hex.
 *
 * <p>The X.509 SubjectPublicKeyInfo of both curves is a fixed 12-byte DER prefix followed by the raw
 * key (RFC 8410), so extraction checks the whole prefix rather than taking the last 32 bytes of
 * whatever it is given. Stateless; thread-safe.
 */
final class KeyEncoding {
    /** Length of a raw Ed25519 or X25519 key. */
    static final int RAW_KEY_LENGTH = 32;

    /** SEQUENCE { SEQUENCE { OID 1.3.101.112 }, BIT STRING (33 bytes, 0 unused bits) }. */
    private static final byte[] ED25519_SPKI_PREFIX = {
        0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
    };
    /** The same with OID 1.3.101.110 (X25519). */
    private static final byte[] X25519_SPKI_PREFIX = {
        0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x03, 0x21, 0x00
    };
    /**
     * PKCS#8 version 1 (RFC 8410 §7): SEQUENCE { INTEGER 0, SEQUENCE { OID 1.3.101.112 }, OCTET STRING {
     * OCTET STRING (32 bytes) } } — the form the JDK and OpenSSL write.
     */
    private static final byte[] ED25519_PKCS8_PREFIX = {
        0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20
    };
    /** The same with OID 1.3.101.110 (X25519). */
    private static final byte[] X25519_PKCS8_PREFIX = {
        0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x04, 0x22, 0x04, 0x20
    };
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** The two curves chum-sync uses. */
    enum Curve {
        ED25519("Ed25519", ED25519_SPKI_PREFIX, ED25519_PKCS8_PREFIX),
        X25519("X25519", X25519_SPKI_PREFIX, X25519_PKCS8_PREFIX);

        final String jcaName;
        final byte[] spkiPrefix;
        final byte[] pkcs8Prefix;

        Curve(final String jcaName, final byte[] spkiPrefix, final byte[] pkcs8Prefix) {
            this.jcaName = jcaName;
            this.spkiPrefix = spkiPrefix;
            this.pkcs8Prefix = pkcs8Prefix;
        }
    }

    private KeyEncoding() {
    }

    /**
     * The raw 32-byte key inside a public key's X.509 encoding.
     *
     * @throws ChumException TLS if the encoding is not exactly a {@code curve} SubjectPublicKeyInfo
     */
    static byte[] rawPublicKey(final PublicKey key, final Curve curve) {
        final byte[] encoded = key.getEncoded();
        if (encoded == null || encoded.length != curve.spkiPrefix.length + RAW_KEY_LENGTH
                || !Arrays.equals(encoded, 0, curve.spkiPrefix.length, curve.spkiPrefix, 0, curve.spkiPrefix.length)) {
            throw new ChumException(ErrorCode.TLS, "not an " + curve.jcaName + " public key: algorithm "
                    + key.getAlgorithm() + ", format " + key.getFormat()
                    + ", " + (encoded == null ? "no encoding" : encoded.length + " encoded bytes"));
        }
        return Arrays.copyOfRange(encoded, curve.spkiPrefix.length, encoded.length);
    }

    /** A JDK public key from a raw 32-byte key. */
    static PublicKey publicKey(final byte[] raw, final Curve curve) {
        if (raw.length != RAW_KEY_LENGTH) {
            throw new IllegalArgumentException(curve.jcaName + " public key must be 32 bytes, got " + raw.length);
        }
        final byte[] spki = Arrays.copyOf(curve.spkiPrefix, curve.spkiPrefix.length + RAW_KEY_LENGTH);
        System.arraycopy(raw, 0, spki, curve.spkiPrefix.length, RAW_KEY_LENGTH);
        try {
            return KeyFactory.getInstance(curve.jcaName).generatePublic(new X509EncodedKeySpec(spki));
        } catch (final GeneralSecurityException e) {
            throw new ChumException(ErrorCode.INTERNAL, "JDK cannot build an " + curve.jcaName + " public key", e);
        }
    }

    /**
     * The raw 32-byte private key inside a PKCS#8 version 1 encoding, the fixed 48-byte layout of RFC 8410
     * that the JDK and OpenSSL write (checked whole, like the public key prefix: this is exact matching,
     * not a general DER parser).
     *
     * @throws IllegalArgumentException if the encoding is not a version 1 {@code curve} private key
     */
    static byte[] rawPrivateKey(final byte[] pkcs8, final Curve curve) {
        final int prefix = curve.pkcs8Prefix.length;
        if (pkcs8.length != prefix + RAW_KEY_LENGTH || !Arrays.equals(pkcs8, 0, prefix, curve.pkcs8Prefix, 0, prefix)) {
            throw new IllegalArgumentException("not a PKCS#8 v1 " + curve.jcaName + " private key ("
                    + pkcs8.length + " bytes; expected the " + (prefix + RAW_KEY_LENGTH) + "-byte RFC 8410 form)");
        }
        return Arrays.copyOfRange(pkcs8, prefix, pkcs8.length);
    }

    /** The PKCS#8 encoding of a JDK private key. */
    static byte[] pkcs8(final PrivateKey key) {
        final byte[] encoded = key.getEncoded();
        if (encoded == null || !"PKCS#8".equals(key.getFormat())) {
            throw new ChumException(ErrorCode.INTERNAL, "private key " + key.getAlgorithm()
                    + " has no PKCS#8 encoding");
        }
        return encoded;
    }

    /** Lowercase hex of {@code bytes}. */
    static String hex(final byte[] bytes) {
        final char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[bytes[i] & 0xF];
        }
        return new String(out);
    }

    /**
     * Bytes from hex (either case).
     *
     * @throws IllegalArgumentException on odd length or a non-hex character
     */
    static byte[] unhex(final String hex) {
        if ((hex.length() & 1) != 0) {
            throw new IllegalArgumentException("odd hex length " + hex.length());
        }
        final byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            final int hi = hexDigit(hex.charAt(2 * i));
            final int lo = hexDigit(hex.charAt(2 * i + 1));
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("not hex at index " + (2 * i) + ": " + hex);
            }
            out[i] = (byte) ((hi << 4) | lo);
        }
        return out;
    }

    /** ASCII hex digit value, or -1 (Character.digit would also accept non-ASCII digits). */
    private static int hexDigit(final char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
