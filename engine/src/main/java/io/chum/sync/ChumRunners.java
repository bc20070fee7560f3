package io.chum.sync;

import io.chum.ChumException;
import io.chum.ErrorCode;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Tells whether a chum that has no END record yet still runs, in this process or in another one on the same store.
 *
 * <p>A process that runs chums on a store is a <em>runner</em>: before its first START record it creates
 * {@code <store>/running/<runner>.lock} and holds an exclusive lock on it until it exits; each START names its runner.
 * The operating system drops the lock when the process dies, however it dies, so a chum whose runner's file is
 * missing or can be locked was interrupted, and one whose runner's file is locked is still running. (Without this,
 * a second process opening the store would log the first one's running chums as interrupted.)
 *
 * <p>Thread-safe. The locks live for the JVM: a runner is only ever one process, and removes its file when it exits
 * normally.
 */
final class ChumRunners {
    static final String DIRECTORY = "running";
    private static final String SUFFIX = ".lock";
    /** A runner id as {@link #own} makes it: anything else in a START is not a file name to look at. */
    private static final Pattern RUNNER_ID =
        Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** This JVM's runner per store directory, with the lock that proves it alive. */
    private static final Map<Path, Runner> OWN = new ConcurrentHashMap<>();

    private record Runner(String id, FileChannel channel, FileLock lock) {
    }

    private ChumRunners() {
    }

    /** This JVM's runner id for the store in {@code storeDir}, locking its file on first use. */
    static String own(final Path storeDir) {
        return OWN.computeIfAbsent(key(storeDir), ChumRunners::lockNew).id();
    }

    /**
     * True if {@code runner} is another live process: its file exists and is locked. This JVM's own chums are told
     * apart by the caller, chum by chum ({@link ChumLog}), so the own runner is false here: its lock would also hide
     * this process's chums that ended without an END. An empty id (a START written before runners were recorded) is
     * false too.
     */
    static boolean runsElsewhere(final Path storeDir, final String runner) {
        if (!RUNNER_ID.matcher(runner).matches() || isOwn(storeDir, runner)) {
            return false;
        }
        final Path file = file(storeDir, runner);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            final FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (final NoSuchFileException e) {
            return false;
        } catch (final OverlappingFileLockException e) {
            return true;
        } catch (final IOException e) {
            throw new ChumException(ErrorCode.IO, "cannot tell whether chum runner " + file + " is alive: "
                + ChumException.describe(e), e);
        }
    }

    /**
     * Deletes the file of a runner that {@link #runsElsewhere} found dead, once its chums are logged as interrupted. A
     * dead runner never comes back (its id is random), so it is not probed again; this JVM's own file stays.
     */
    static void forget(final Path storeDir, final String runner) {
        if (!RUNNER_ID.matcher(runner).matches() || isOwn(storeDir, runner)) {
            return;
        }
        try {
            Files.deleteIfExists(file(storeDir, runner));
        } catch (final IOException e) {
            throw new ChumException(ErrorCode.IO, "cannot delete " + file(storeDir, runner) + ": "
                + ChumException.describe(e), e);
        }
    }

    private static boolean isOwn(final Path storeDir, final String runner) {
        final Runner own = OWN.get(key(storeDir));
        return own != null && own.id().equals(runner);
    }

    private static Runner lockNew(final Path storeDir) {
        final String id = UUID.randomUUID().toString();
        final Path file = file(storeDir, id);
        try {
            Files.createDirectories(file.getParent());
            final FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                final Runner runner = new Runner(id, channel, channel.lock());
                Runtime.getRuntime().addShutdownHook(new Thread(() -> removeAtExit(file), "chum-runner-exit"));
                return runner;
            } catch (final IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (final IOException e) {
            throw new ChumException(ErrorCode.IO, "cannot create the chum runner file " + file + ": "
                + ChumException.describe(e), e);
        }
    }

    /**
     * A process that ends normally removes its file: its chums have ended, and a file per process that ever ran one
     * would pile up. (One that dies leaves it to the next {@link #forget}.) The lock goes with the process.
     */
    private static void removeAtExit(final Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (final IOException e) {
            LoggerFactory.getLogger(ChumRunners.class).warn("cannot remove the chum runner file {}: {}", file,
                ChumException.describe(e));
        }
    }

    private static Path file(final Path storeDir, final String runner) {
        return storeDir.resolve(DIRECTORY).resolve(runner + SUFFIX);
    }

    private static Path key(final Path storeDir) {
        return storeDir.toAbsolutePath().normalize();
    }
}
