package io.chum.identity;

import io.chum.ChumException;
import io.chum.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import javax.crypto.KeyAgreement;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class InstanceKeysTest {
    /** The regexp of {@code publicKey} and {@code publicSignKey} in ONE's Keys recipe. */
    private static final String KEYS_RECIPE_REGEXP = "^[A-Za-z0-9+/]{64}$";

    @TempDir
    Path tmp;

    @Test
    void shouldExposeRawPublicKeysAsLowercaseHexThatFitTheKeysRecipe() {
        final InstanceKeys keys = InstanceKeys.generate();
        assertTrue(keys.publicSignKeyHex().matches("[0-9a-f]{64}"), keys.publicSignKeyHex());
        assertTrue(keys.publicKeyHex().matches("[0-9a-f]{64}"), keys.publicKeyHex());
        assertTrue(keys.publicSignKeyHex().matches(KEYS_RECIPE_REGEXP));
        assertTrue(keys.publicKeyHex().matches(KEYS_RECIPE_REGEXP));
        assertNotEquals(keys.publicSignKeyHex(), keys.publicKeyHex());
        assertEquals(keys.publicSignKeyHex(), keys.peerKey().hex());
        // The raw key is the tail of the X.509 encoding, after the fixed 12-byte prefix.
        final byte[] spki = keys.peerKey().toPublicKey().getEncoded();
        assertArrayEquals(keys.peerKey().raw(), Arrays.copyOfRange(spki, 12, 44));
        assertNotEquals(InstanceKeys.generate().publicSignKeyHex(), keys.publicSignKeyHex());
        assertFalse(keys.toString().contains("PRIVATE"));
    }

    @Test
    void shouldSignSoThatThePeerKeyVerifies() {
        final InstanceKeys keys = InstanceKeys.generate();
        final byte[] message = "chum".getBytes(StandardCharsets.UTF_8);
        final byte[] signature = keys.sign(message);
        assertEquals(64, signature.length);
        assertTrue(keys.peerKey().verify(message, signature));
        assertFalse(keys.peerKey().verify("chum!".getBytes(StandardCharsets.UTF_8), signature));
        assertFalse(InstanceKeys.generate().peerKey().verify(message, signature));
        assertFalse(keys.peerKey().verify(message, new byte[3]));
    }

    @Test
    void shouldSaveAndLoadTheSameIdentityWithOwnerOnlyPermissions() throws Exception {
        final InstanceKeys keys = InstanceKeys.generate();
        final Path dir = tmp.resolve("instance").resolve("private");
        keys.save(dir);

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        for (final String name : new String[] {InstanceKeys.SIGN_KEY_FILE, InstanceKeys.BOX_KEY_FILE}) {
            final Path file = dir.resolve(name);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), name);
            assertTrue(Files.readString(file).startsWith("-----BEGIN PRIVATE KEY-----\n"), name);
        }
        for (final String name : new String[] {InstanceKeys.SIGN_PUBLIC_KEY_FILE, InstanceKeys.BOX_PUBLIC_KEY_FILE}) {
            final Path file = dir.resolve(name);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), name);
            assertTrue(Files.readString(file).startsWith("-----BEGIN PUBLIC KEY-----\n"), name);
        }
        try (var listing = Files.list(dir)) {
            assertEquals(4, listing.count(), "no temporary files are left behind");
        }

        final InstanceKeys loaded = InstanceKeys.load(dir);
        assertEquals(keys.publicSignKeyHex(), loaded.publicSignKeyHex());
        assertEquals(keys.publicKeyHex(), loaded.publicKeyHex());
        assertEquals(keys.peerKey(), loaded.peerKey());
        final byte[] message = {1, 2, 3};
        assertTrue(keys.peerKey().verify(message, loaded.sign(message)), "the loaded private key signs for the key");
        assertArrayEquals(agree(keys, loaded), agree(loaded, keys), "the loaded X25519 key agrees like the original");
    }

    private static byte[] agree(final InstanceKeys mine, final InstanceKeys theirs) throws Exception {
        final KeyAgreement agreement = KeyAgreement.getInstance("X25519");
        agreement.init(mine.boxKeyPair().getPrivate());
        agreement.doPhase(theirs.boxKeyPair().getPublic(), true);
        return agreement.generateSecret();
    }

    @Test
    void shouldTightenAnExistingDirectory() throws Exception {
        final Path dir = Files.createDirectory(tmp.resolve("loose"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        InstanceKeys.generate().save(dir);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    }

    @Test
    void shouldNeverOverwriteAnIdentity() {
        final InstanceKeys first = InstanceKeys.generate();
        first.save(tmp);
        assertTrue(InstanceKeys.existIn(tmp));
        final ChumException e = assertThrows(ChumException.class, () -> InstanceKeys.generate().save(tmp));
        assertEquals(ErrorCode.KEY_FILE, e.errorCode());
        assertEquals(first.peerKey(), InstanceKeys.load(tmp).peerKey());
    }

    @Test
    void shouldRefuseKeyFilesReadableByOthers() throws Exception {
        InstanceKeys.generate().save(tmp);
        Files.setPosixFilePermissions(tmp.resolve(InstanceKeys.SIGN_KEY_FILE),
                PosixFilePermissions.fromString("rw-r--r--"));
        final ChumException e = assertThrows(ChumException.class, () -> InstanceKeys.load(tmp));
        assertEquals(ErrorCode.KEY_FILE, e.errorCode());
        assertTrue(e.getMessage().contains("owner-only"), e.getMessage());
    }

    @Test
    void shouldRefuseMissingAndMalformedKeyFiles() throws Exception {
        assertEquals(ErrorCode.KEY_FILE, assertThrows(ChumException.class, () -> InstanceKeys.load(tmp)).errorCode());

        InstanceKeys.generate().save(tmp);
        final Path sign = tmp.resolve(InstanceKeys.SIGN_KEY_FILE);
        final Path box = tmp.resolve(InstanceKeys.BOX_KEY_FILE);
        final String boxPem = Files.readString(box);
        // An X25519 key where the Ed25519 key belongs.
        Files.writeString(sign, boxPem);
        assertEquals(ErrorCode.KEY_FILE, assertThrows(ChumException.class, () -> InstanceKeys.load(tmp)).errorCode());
        Files.writeString(sign, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        assertEquals(ErrorCode.KEY_FILE, assertThrows(ChumException.class, () -> InstanceKeys.load(tmp)).errorCode());
        Files.writeString(sign, "not a key");
        assertEquals(ErrorCode.KEY_FILE, assertThrows(ChumException.class, () -> InstanceKeys.load(tmp)).errorCode());
    }

    @Test
    void shouldDeriveThePublicKeysOfAnIdentitySavedWithoutThem() throws Exception {
        final InstanceKeys keys = InstanceKeys.generate();
        keys.save(tmp);
        Files.delete(tmp.resolve(InstanceKeys.SIGN_PUBLIC_KEY_FILE));
        Files.delete(tmp.resolve(InstanceKeys.BOX_PUBLIC_KEY_FILE));

        final InstanceKeys loaded = InstanceKeys.load(tmp);
        assertEquals(keys.publicSignKeyHex(), loaded.publicSignKeyHex());
        assertEquals(keys.publicKeyHex(), loaded.publicKeyHex());
    }

    @Test
    void shouldRefusePublicKeyFilesOfAnotherIdentity() throws Exception {
        final Path other = tmp.resolve("other");
        InstanceKeys.generate().save(other);
        for (final String name : new String[] {InstanceKeys.SIGN_PUBLIC_KEY_FILE, InstanceKeys.BOX_PUBLIC_KEY_FILE}) {
            final Path mine = tmp.resolve("mine");
            InstanceKeys.generate().save(mine);
            Files.copy(other.resolve(name), mine.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

            final ChumException e = assertThrows(ChumException.class, () -> InstanceKeys.load(mine), name);
            assertEquals(ErrorCode.KEY_FILE, e.errorCode());
            assertTrue(e.getMessage().contains(name + " does not belong to"), e.getMessage());
            deleteTree(mine);
        }
    }

    private static void deleteTree(final Path dir) throws java.io.IOException {
        try (var files = Files.list(dir)) {
            for (final Path file : (Iterable<Path>) files::iterator) {
                Files.delete(file);
            }
        }
        Files.delete(dir);
    }
}
