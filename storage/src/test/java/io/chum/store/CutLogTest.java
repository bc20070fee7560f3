package io.chum.store;

import io.chum.ChumException;
import io.chum.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A cycle file cut short behind the store's back: Chronicle appends past the cut, where no reader reaches, so a
 * write must fail with {@code CS-CORRUPT} instead of succeeding and never being read.
 */
class CutLogTest {

    @Test
    @Timeout(120)
    void shouldRefuseAWriteThatReadersCouldNeverReach(@TempDir final Path dir) throws Exception {
        try (OneStore store = OneStore.create(dir, TestStores.config())) {
            for (int i = 0; i < 2000; i++) {
                TestStores.storePerson(store, "note" + i + "@example.com");
            }
        }
        final Path cycle = cycleFile(dir);
        try (RandomAccessFile f = new RandomAccessFile(cycle.toFile(), "rw")) {
            f.setLength(usedBytes(cycle) / 2);
        }
        // In a JVM without assertions, as every chum process runs: Chronicle asserts on the cut file it reads past.
        try (ChildJvm child = ChildJvm.start(Child.class, List.of("-da"), dir.toString())) {
            final StringBuilder output = new StringBuilder();
            assertEquals(0, child.awaitExit(output), output::toString);
            assertTrue(output.toString().contains("write refused: CS-CORRUPT: log record 0x"), output::toString);
            assertTrue(output.toString().contains("the log cannot be read past 0x"), output::toString);
            assertTrue(output.toString().contains("second write refused: CS-CORRUPT"), output::toString);
        }
    }

    /** Opens the store in args[0] and tries two writes. */
    public static final class Child {
        public static void main(final String[] args) {
            try (OneStore store = OneStore.open(Path.of(args[0]), TestStores.config())) {
                for (final String which : List.of("write", "second write")) {
                    try {
                        TestStores.storePerson(store, which.replace(' ', '-') + "@example.com");
                        System.out.println(which + " stored");
                    } catch (final ChumException e) {
                        System.out.println(which + " refused: " + e.getMessage());
                    }
                }
            }
        }
    }

    /** The bytes up to the last non-zero one: the cycle file is sparse and much larger than what it holds. */
    private static long usedBytes(final Path cycle) throws IOException {
        final byte[] all = Files.readAllBytes(cycle);
        int last = all.length - 1;
        while (last > 0 && all[last] == 0) {
            last--;
        }
        return last + 1;
    }

    private static Path cycleFile(final Path dir) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir.resolve("log"), "*.cq4")) {
            return files.iterator().next();
        }
    }
}
