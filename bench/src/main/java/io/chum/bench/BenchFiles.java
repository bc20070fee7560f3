package io.chum.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Temporary directories for the log benchmarks. Stateless; thread-safe. */
final class BenchFiles {
    private BenchFiles() {
    }

    /** A new empty directory under {@code java.io.tmpdir}. */
    static Path newTempDir(final String prefix) {
        try {
            return Files.createTempDirectory("chum-bench-" + prefix + "-");
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory", e);
        }
    }

    /** Deletes {@code dir} and everything in it; does nothing if it is null or gone. */
    static void deleteRecursively(final Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (final Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
