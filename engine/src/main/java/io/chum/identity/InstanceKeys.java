package io.chum.identity;

import io.chum.ChumException;
import io.chum.ErrorCode;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import javax.crypto.KeyAgreement;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

/**
 * The identity of one chum-sync instance: an Ed25519 key pair (signing; the TLS identity) and an X25519
 * key pair (ONE's {@code publicKey}, for box encryption).
 *
 * <p>The public halves go into the instance's ONE Keys object as {@code publicSignKey} and
 * {@code publicKey}: raw 32-byte keys as 64 lowercase hex characters, which satisfy the recipe's
 * {@code ^[A-Za-z0-9+/]{64}$}. The private halves are stored by {@link #save(Path)} as PKCS#8 PEM
 * files, owner-only. Immutable; thread-safe. {@link #toString()} never shows private material.
 */
public final class InstanceKeys {
    /** File name of the Ed25519 private key inside the private directory. */
    public static final String SIGN_KEY_FILE = "ed25519-private.pem";
    /** File name of the X25519 private key inside the private directory. */
    public static final String BOX_KEY_FILE = "x25519-private.pem";
    /** File name of the Ed25519 public key (X.509 SubjectPublicKeyInfo PEM) inside the private directory. */
    public static final String SIGN_PUBLIC_KEY_FILE = "ed25519-public.pem";
    /** File name of the X25519 public key (X.509 SubjectPublicKeyInfo PEM) inside the private directory. */
    public static final String BOX_PUBLIC_KEY_FILE = "x25519-public.pem";

    private static final Set<PosixFilePermission> DIRECTORY_PERMISSIONS = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_PERMISSIONS = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    private static final String PRIVATE_PEM = "PRIVATE KEY";
    private static final String PUBLIC_PEM = "PUBLIC KEY";
    private static final byte[] PAIR_CHECK_MESSAGE = "chum-sync key pair check".getBytes(StandardCharsets.US_ASCII);

    private final KeyPair signKeyPair;
    private final KeyPair boxKeyPair;
    private final PeerKey peerKey;
    private final String publicKeyHex;

    private InstanceKeys(final KeyPair signKeyPair, final KeyPair boxKeyPair) {
        this.signKeyPair = signKeyPair;
        this.boxKeyPair = boxKeyPair;
        this.peerKey = PeerKey.fromPublicKey(signKeyPair.getPublic());
        this.publicKeyHex = KeyEncoding.hex(KeyEncoding.rawPublicKey(boxKeyPair.getPublic(), KeyEncoding.Curve.X25519));
    }

    /** Fresh key pairs from the JDK's default secure random source. */
    public static InstanceKeys generate() {
        try {
            return new InstanceKeys(KeyPairGenerator.getInstance("Ed25519").generateKeyPair(),
                    KeyPairGenerator.getInstance("X25519").generateKeyPair());
        } catch (final GeneralSecurityException e) {
            throw new ChumException(ErrorCode.INTERNAL, "JDK cannot generate Ed25519/X25519 keys", e);
        }
    }

    /** Whether {@code privateDir} holds either key file (so {@link #save} would refuse). */
    public static boolean existIn(final Path privateDir) {
        return Files.exists(privateDir.resolve(SIGN_KEY_FILE)) || Files.exists(privateDir.resolve(BOX_KEY_FILE))
                || Files.exists(privateDir.resolve(SIGN_PUBLIC_KEY_FILE))
                || Files.exists(privateDir.resolve(BOX_PUBLIC_KEY_FILE));
    }

    /**
     * Reads the keys that {@link #save} wrote. The public keys come from their own files and are checked
     * against the private ones; a directory written before those files existed has them derived instead.
     *
     * @throws ChumException KEY_FILE if a file is missing, malformed, grants any permission to group or
     *                       others, or a public key does not belong to its private key; IO if it cannot be read
     */
    public static InstanceKeys load(final Path privateDir) {
        final PrivateKey signPrivate = readPrivateKey(privateDir.resolve(SIGN_KEY_FILE), KeyEncoding.Curve.ED25519);
        final PrivateKey boxPrivate = readPrivateKey(privateDir.resolve(BOX_KEY_FILE), KeyEncoding.Curve.X25519);
        final Path signPublicFile = privateDir.resolve(SIGN_PUBLIC_KEY_FILE);
        final Path boxPublicFile = privateDir.resolve(BOX_PUBLIC_KEY_FILE);
        if (!Files.exists(signPublicFile) && !Files.exists(boxPublicFile)) {
            // Older layout: the JDK cannot derive a public key, so this path loads BouncyCastle (slow to start).
            return new InstanceKeys(
                    new KeyPair(KeyDerivation.publicKeyOf(signPrivate, KeyEncoding.Curve.ED25519), signPrivate),
                    new KeyPair(KeyDerivation.publicKeyOf(boxPrivate, KeyEncoding.Curve.X25519), boxPrivate));
        }
        final KeyPair sign = new KeyPair(readPublicKey(signPublicFile, KeyEncoding.Curve.ED25519), signPrivate);
        final KeyPair box = new KeyPair(readPublicKey(boxPublicFile, KeyEncoding.Curve.X25519), boxPrivate);
        requireMatchingPairs(sign, box, privateDir);
        return new InstanceKeys(sign, box);
    }

    /**
     * Writes both private keys as PKCS#8 PEM files and both public keys as X.509 PEM files into
     * {@code privateDir}: the directory is created if needed and set to {@code rwx------}, each file is
     * {@code rw-------} from the moment it exists.
     *
     * @throws ChumException KEY_FILE if a key file already exists there (an identity is never overwritten)
     *                       or the file system has no POSIX permissions; IO if writing fails
     */
    public void save(final Path privateDir) {
        if (!privateDir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            throw new ChumException(ErrorCode.KEY_FILE, "cannot protect private keys in " + privateDir
                    + ": its file system has no POSIX permissions");
        }
        try {
            if (!Files.isDirectory(privateDir)) {
                Files.createDirectories(privateDir, PosixFilePermissions.asFileAttribute(DIRECTORY_PERMISSIONS));
            }
            // createDirectories is subject to the umask and leaves an existing directory as it was.
            Files.setPosixFilePermissions(privateDir, DIRECTORY_PERMISSIONS);
        } catch (final IOException e) {
            throw new ChumException(ErrorCode.IO, "cannot create private key directory " + privateDir + ": " + e, e);
        }
        if (existIn(privateDir)) {
            throw new ChumException(ErrorCode.KEY_FILE, "private keys already exist in " + privateDir
                    + "; refusing to overwrite an instance identity");
        }
        // Public keys first: load() treats a directory with private keys but no public ones as the older layout.
        writeOwnerOnly(privateDir.resolve(SIGN_PUBLIC_KEY_FILE), pem(PUBLIC_PEM, signKeyPair.getPublic().getEncoded()));
        writeOwnerOnly(privateDir.resolve(BOX_PUBLIC_KEY_FILE), pem(PUBLIC_PEM, boxKeyPair.getPublic().getEncoded()));
        writeOwnerOnly(privateDir.resolve(SIGN_KEY_FILE), pem(PRIVATE_PEM, KeyEncoding.pkcs8(signKeyPair.getPrivate())));
        writeOwnerOnly(privateDir.resolve(BOX_KEY_FILE), pem(PRIVATE_PEM, KeyEncoding.pkcs8(boxKeyPair.getPrivate())));
    }

    /** This instance's Ed25519 public key, as a remote instance sees it after the TLS handshake. */
    public PeerKey peerKey() {
        return peerKey;
    }

    /** The raw Ed25519 public key as 64 lowercase hex characters (the Keys object's {@code publicSignKey}). */
    public String publicSignKeyHex() {
        return peerKey.hex();
    }

    /** The raw X25519 public key as 64 lowercase hex characters (the Keys object's {@code publicKey}). */
    public String publicKeyHex() {
        return publicKeyHex;
    }

    /** The X25519 key pair, for key agreement (ONE's box encryption). */
    public KeyPair boxKeyPair() {
        return boxKeyPair;
    }

    /** The Ed25519 signature (64 bytes) of {@code message}; {@link PeerKey#verify} checks it. */
    public byte[] sign(final byte[] message) {
        try {
            final Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(signKeyPair.getPrivate());
            signer.update(message);
            return signer.sign();
        } catch (final GeneralSecurityException e) {
            throw new ChumException(ErrorCode.INTERNAL, "JDK cannot sign with Ed25519", e);
        }
    }

    /** The Ed25519 key pair: the TLS identity. */
    KeyPair signKeyPair() {
        return signKeyPair;
    }

    @Override
    public String toString() {
        return "InstanceKeys[publicSignKey=" + peerKey.hex() + ", publicKey=" + publicKeyHex + "]";
    }

    /** PEM text: {@code -----BEGIN label-----}, base64 in 64-character lines, {@code -----END label-----}. */
    static byte[] pem(final String label, final byte[] der) {
        final String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return ("-----BEGIN " + label + "-----\n" + base64 + "\n-----END " + label + "-----\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Writes a new owner-only file atomically (temporary file, forced, moved into place).
     *
     * @throws ChumException KEY_FILE if {@code file} appeared meanwhile; IO if writing fails
     */
    static void writeOwnerOnly(final Path file, final byte[] pem) {
        final Path dir = file.getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, ".key-", ".tmp", PosixFilePermissions.asFileAttribute(FILE_PERMISSIONS));
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(pem));
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            Files.setPosixFilePermissions(file, FILE_PERMISSIONS);
        } catch (final FileAlreadyExistsException e) {
            throw new ChumException(ErrorCode.KEY_FILE, "key file appeared concurrently: " + file, e);
        } catch (final IOException e) {
            final ChumException failure = new ChumException(ErrorCode.IO, "cannot write key file " + file
                    + ": " + e, e);
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (final IOException cleanup) {
                    failure.addSuppressed(cleanup);
                }
            }
            throw failure;
        }
    }

    private static PrivateKey readPrivateKey(final Path file, final KeyEncoding.Curve curve) {
        final byte[] der = readPem(file, PRIVATE_PEM, "private key");
        try {
            KeyEncoding.rawPrivateKey(der, curve);
            return KeyFactory.getInstance(curve.jcaName).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (final IllegalArgumentException | GeneralSecurityException e) {
            throw new ChumException(ErrorCode.KEY_FILE, "malformed " + curve.jcaName + " private key in " + file
                    + ": " + e.getMessage(), e);
        }
    }

    private static PublicKey readPublicKey(final Path file, final KeyEncoding.Curve curve) {
        final byte[] der = readPem(file, PUBLIC_PEM, "public key");
        final byte[] prefix = curve.spkiPrefix;
        if (der.length != prefix.length + KeyEncoding.RAW_KEY_LENGTH
                || !Arrays.equals(der, 0, prefix.length, prefix, 0, prefix.length)) {
            throw new ChumException(ErrorCode.KEY_FILE, "malformed " + curve.jcaName + " public key in " + file);
        }
        return KeyEncoding.publicKey(Arrays.copyOfRange(der, prefix.length, der.length), curve);
    }

    /**
     * The DER bytes of an owner-only PEM file.
     *
     * @throws ChumException KEY_FILE if it is missing, not PEM of {@code label}, or readable by others
     */
    static byte[] readPem(final Path file, final String label, final String what) {
        final String text;
        try {
            if (!Files.isRegularFile(file)) {
                throw new ChumException(ErrorCode.KEY_FILE, what + " file missing: " + file);
            }
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                final Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
                if (perms.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
                    throw new ChumException(ErrorCode.KEY_FILE, what + " file " + file + " has permissions "
                            + PosixFilePermissions.toString(perms) + "; it must be owner-only (chmod 600)");
                }
            }
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (final IOException e) {
            throw new ChumException(ErrorCode.IO, "cannot read " + what + " " + file + ": " + e, e);
        }
        final String begin = "-----BEGIN " + label + "-----";
        final String end = "-----END " + label + "-----";
        final int from = text.indexOf(begin);
        final int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new ChumException(ErrorCode.KEY_FILE, "not a PEM " + what + " file: " + file);
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
        } catch (final IllegalArgumentException e) {
            throw new ChumException(ErrorCode.KEY_FILE, "bad base64 in " + what + " file " + file, e);
        }
    }

    /** Refuses public key files that do not belong to the private keys next to them (a copy gone wrong). */
    private static void requireMatchingPairs(final KeyPair sign, final KeyPair box, final Path privateDir) {
        try {
            final Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(sign.getPrivate());
            signer.update(PAIR_CHECK_MESSAGE);
            final byte[] signature = signer.sign();
            final Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(sign.getPublic());
            verifier.update(PAIR_CHECK_MESSAGE);
            if (!verifier.verify(signature)) {
                throw new ChumException(ErrorCode.KEY_FILE, SIGN_PUBLIC_KEY_FILE + " does not belong to "
                        + SIGN_KEY_FILE + " in " + privateDir);
            }
            // X25519: a shared secret with a throw-away key is the same from both ends only if the pair matches.
            final KeyPair probe = KeyPairGenerator.getInstance("X25519").generateKeyPair();
            if (!Arrays.equals(agree(box.getPrivate(), probe.getPublic()),
                    agree(probe.getPrivate(), box.getPublic()))) {
                throw new ChumException(ErrorCode.KEY_FILE, BOX_PUBLIC_KEY_FILE + " does not belong to "
                        + BOX_KEY_FILE + " in " + privateDir);
            }
        } catch (final GeneralSecurityException e) {
            throw new ChumException(ErrorCode.KEY_FILE, "cannot check the key pairs in " + privateDir + ": " + e, e);
        }
    }

    private static byte[] agree(final PrivateKey own, final PublicKey other) throws GeneralSecurityException {
        final KeyAgreement agreement = KeyAgreement.getInstance("X25519");
        agreement.init(own);
        agreement.doPhase(other, true);
        return agreement.generateSecret();
    }
}
