package io.chum.store;

import io.chum.ChumException;
import io.chum.ErrorCode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The layout of a store directory:
 * <pre>
 *   format        "chum-store 1": the store format version, checked on open
 *   log/          the event log (Chronicle Queue, io.chum.log)
 *   projections/  the checkpoint file
 *   private/      rwx------: instance keys (written by the engine), nothing else
 * </pre>
 * Stateless; thread-safe.
 */
final class StoreDirectory {
    static final String FORMAT_FILE = "format";
    static final String FORMAT_LINE = "chum-store 1";

    private final Path root;

    private StoreDirectory(final Path root) {
        this.root = root;
    }

    /** Lays out a new store in {@code root}; {@code CS-STORE-STATE} if one is there already. */
    static StoreDirectory create(final Path root) {
        final StoreDirectory d = new StoreDirectory(root.toAbsolutePath());
        if (Files.exists(d.formatFile()) || Files.exists(d.log())) {
            throw new ChumException(ErrorCode.STORE_STATE, "a store exists already in " + root);
        }
        try {
            Files.createDirectories(d.root);
            Files.createDirectories(d.projections());
            createPrivate(d.privateDir());
            final Path tmp = Files.createTempFile(d.root, "format", ".tmp");
            Files.writeString(tmp, FORMAT_LINE + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(tmp, d.formatFile());
            } catch (final FileAlreadyExistsException e) {
                Files.deleteIfExists(tmp);
                throw new ChumException(ErrorCode.STORE_STATE, "a store was created in " + root + " meanwhile", e);
            }
        } catch (final IOException e) {
            throw new ChumException(ErrorCode.IO, "cannot create a store in " + root + ": "
                + ChumException.describe(e), e);
        }
        return d;
    }

    /** The store in {@code root}; {@code CS-STORE-STATE} if there is none, {@code CS-STORE-FORMAT} if foreign. */
    static StoreDirectory open(final Path root) {
        final StoreDirectory d = new StoreDirectory(root.toAbsolutePath());
        final String format;
        try {
            if (!Files.isRegularFile(d.formatFile())) {
                throw new ChumException(ErrorCode.STORE_STATE, "no store in " + root + " (no " + FORMAT_FILE
                    + " file); create one first");
            }
            format = Files.readString(d.formatFile(), StandardCharsets.UTF_8).strip();
            Files.createDirectories(d.projections());
        } catch (final IOException e) {
            throw new ChumException(ErrorCode.IO, "cannot open the store in " + root + ": "
                + ChumException.describe(e), e);
        }
        if (!format.equals(FORMAT_LINE)) {
            throw new ChumException(ErrorCode.STORE_FORMAT, "the store in " + root + " has format '" + format
                + "'; this build reads '" + FORMAT_LINE + "'");
        }
        return d;
    }

    /** True if {@code root} holds a store (its format file). */
    static boolean isStore(final Path root) {
        return Files.isRegularFile(root.resolve(FORMAT_FILE));
    }

    private static void createPrivate(final Path dir) throws IOException {
        final boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!posix) {
            Files.createDirectories(dir);
            return;
        }
        final Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rwx------");
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(ownerOnly));
        // the umask may have removed bits; set them explicitly
        Files.setPosixFilePermissions(dir, ownerOnly);
    }

    Path root() {
        return root;
    }

    Path formatFile() {
        return root.resolve(FORMAT_FILE);
    }

    Path log() {
        return root.resolve("log");
    }

    Path projections() {
        return root.resolve("projections");
    }

    Path privateDir() {
        return privateDirOf(root);
    }

    /** The private directory of the store in {@code root}, without opening it. */
    static Path privateDirOf(final Path root) {
        return root.resolve("private");
    }
}
