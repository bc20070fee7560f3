package io.chum.faults;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A small tmpfs mounted for one test ({@code mount -t tmpfs}, which needs root): the test is skipped (an assumption)
 * where mounting is not allowed. A filler file takes the space a test wants gone and gives it back. Not thread-safe:
 * one test thread.
 */
final class SmallDisk implements AutoCloseable {
    private final Path dir;
    private final Path filler;

    private SmallDisk(final Path dir) {
        this.dir = dir;
        this.filler = dir.resolve("filler");
    }

    /** Mounts a tmpfs of {@code mib} MiB on {@code dir} (created if needed), or skips the test. */
    static SmallDisk mount(final Path dir, final int mib) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        final int rc = run(List.of("mount", "-t", "tmpfs", "-o", "size=" + mib + "m", "tmpfs", dir.toString()));
        assumeTrue(rc == 0, "cannot mount a tmpfs on " + dir + " (mount exit code " + rc + "; needs root)");
        return new SmallDisk(dir);
    }

    Path dir() {
        return dir;
    }

    /** Free bytes on the file system now. */
    long usable() throws IOException {
        return Files.getFileStore(dir).getUsableSpace();
    }

    /** Fills the file system until only {@code leave} bytes are usable (the filler's blocks are really written). */
    void fillUntil(final long leave) throws IOException {
        final long take = usable() - leave;
        assumeTrue(take > 0, "the tmpfs has only " + usable() + " bytes, not more than " + leave);
        final byte[] block = new byte[1 << 20];
        try (RandomAccessFile f = new RandomAccessFile(filler.toFile(), "rw")) {
            f.seek(f.length());
            for (long left = take; left > 0; left -= block.length) {
                f.write(block, 0, (int) Math.min(block.length, left));
            }
        }
    }

    /** Deletes the filler: the space comes back. */
    void free() throws IOException {
        Files.deleteIfExists(filler);
    }

    /** Unmounts (lazily, in case a killed child still holds a mapping). */
    @Override
    public void close() throws IOException, InterruptedException {
        final int rc = run(List.of("umount", "-l", dir.toString()));
        if (rc != 0) {
            throw new IOException("umount " + dir + " exited with " + rc);
        }
    }

    private static int run(final List<String> command) throws IOException, InterruptedException {
        final Process p = new ProcessBuilder(command).inheritIO().start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
