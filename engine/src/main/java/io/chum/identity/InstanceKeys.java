package io.chum.identity;

import io.chum.ChumException;
import io.chum.ErrorCode;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;

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

    private static final Set<PosixFilePermission> DIRECTORY_PERMISSIONS = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_PERMISSIONS = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    private static final String PEM_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String PEM_END = "-----END PRIVATE KEY-----";

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
        return Files.exists(privateDir.resolve(SIGN_KEY_FILE)) || Files.exists(privateDir.resolve(BOX_KEY_FILE));
    }

    /**
     * Reads the keys that {@link #save} wrote. The public keys are derived from the private ones.
     *
     * @throws ChumException KEY_FILE if a file is missing, malformed, or grants any permission to group or
     *                       others; IO if it cannot be read
     */
    public static InstanceKeys load(final Path privateDir) {
        final PrivateKey signPrivate = readPrivateKey(privateDir.resolve(SIGN_KEY_FILE), KeyEncoding.Curve.ED25519);
        final PrivateKey boxPrivate = readPrivateKey(privateDir.resolve(BOX_KEY_FILE), KeyEncoding.Curve.X25519);
        final byte[] signRaw = KeyEncoding.rawPrivateKey(signPrivate.getEncoded(), KeyEncoding.Curve.ED25519);
        final byte[] boxRaw = KeyEncoding.rawPrivateKey(boxPrivate.getEncoded(), KeyEncoding.Curve.X25519);
        // The JDK cannot derive a public key from a private one; BouncyCastle's lightweight API can.
        final PublicKey signPublic = KeyEncoding.publicKey(new Ed25519PrivateKeyParameters(signRaw, 0)
                .generatePublicKey().getEncoded(), KeyEncoding.Curve.ED25519);
        final PublicKey boxPublic = KeyEncoding.publicKey(new X25519PrivateKeyParameters(boxRaw, 0)
                .generatePublicKey().getEncoded(), KeyEncoding.Curve.X25519);
        return new InstanceKeys(new KeyPair(signPublic, signPrivate), new KeyPair(boxPublic, boxPrivate));
    }

    /**
     * Writes both private keys as PKCS#8 PEM files into {@code privateDir}: the directory is created if
     * needed and set to {@code rwx------}, each file is {@code rw-------} from the moment it exists.
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
        writePrivateKey(privateDir.resolve(SIGN_KEY_FILE), signKeyPair.getPrivate());
        writePrivateKey(privateDir.resolve(BOX_KEY_FILE), boxKeyPair.getPrivate());
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

    private static void writePrivateKey(final Path file, final PrivateKey key) {
        final String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(KeyEncoding.pkcs8(key));
        final byte[] pem = (PEM_BEGIN + "\n" + base64 + "\n" + PEM_END + "\n").getBytes(StandardCharsets.US_ASCII);
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
            throw new ChumException(ErrorCode.KEY_FILE, "private key file appeared concurrently: " + file, e);
        } catch (final IOException e) {
            final ChumException failure = new ChumException(ErrorCode.IO, "cannot write private key " + file
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
        final String text;
        try {
            if (!Files.isRegularFile(file)) {
                throw new ChumException(ErrorCode.KEY_FILE, "private key file missing: " + file);
            }
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                final Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
                if (perms.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
                    throw new ChumException(ErrorCode.KEY_FILE, "private key file " + file + " has permissions "
                            + PosixFilePermissions.toString(perms) + "; it must be owner-only (chmod 600)");
                }
            }
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (final IOException e) {
            throw new ChumException(ErrorCode.IO, "cannot read private key " + file + ": " + e, e);
        }
        final int begin = text.indexOf(PEM_BEGIN);
        final int end = text.indexOf(PEM_END);
        if (begin < 0 || end < begin) {
            throw new ChumException(ErrorCode.KEY_FILE, "not a PEM private key file: " + file);
        }
        try {
            final byte[] der = Base64.getMimeDecoder().decode(text.substring(begin + PEM_BEGIN.length(), end));
            KeyEncoding.rawPrivateKey(der, curve);
            return KeyFactory.getInstance(curve.jcaName).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (final IllegalArgumentException | GeneralSecurityException e) {
            throw new ChumException(ErrorCode.KEY_FILE, "malformed " + curve.jcaName + " private key in " + file
                    + ": " + e.getMessage(), e);
        }
    }
}
