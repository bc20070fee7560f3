package io.chum.bench;

import io.chum.log.Durability;
import io.chum.log.EventLog;
import io.chum.store.OneStore;
import io.chum.store.StoreConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reopening a store of {@code objects} 1 KiB leaves (design §8: 1M objects in ≤ 1 s). Each measured operation is one
 * {@link OneStore#open} (single shot); the store is closed after it, outside the measurement.
 * <ul>
 *   <li>{@code checkpoint}: the normal reopen, from the checkpoint the last close wrote;</li>
 *   <li>{@code rebuild}: the checkpoint is deleted before each open, so every projection is rebuilt by replaying
 *       the whole log (what a missing or stale checkpoint costs).</li>
 * </ul>
 * Building 1M leaves takes a while, so the store is built once, with {@link OneStore#importBatch}, into
 * {@code ${java.io.tmpdir}/chum-bench-reopen-OBJECTS} and reused by later trials and forks with the same tmpdir
 * (a {@value #COMPLETE} file marks a finished build). It is not deleted: run with a throw-away
 * {@code -Djava.io.tmpdir}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@State(Scope.Thread)
public class ReopenBenchmark {
    private static final String COMPLETE = "complete";

    /** Leaves in the store. */
    @Param({"1000000"})
    int objects;

    /** {@code checkpoint} or {@code rebuild}. */
    @Param({"checkpoint", "rebuild"})
    String mode;

    /**
     * Whether Chronicle loads its native POSIX binding, as an embedding application's JVM does by default; the
     * command-line tool skips it ({@link EventLog#skipNativePosixBinding}), which spares the first open of a process
     * its start-up.
     */
    @Param({"false"})
    boolean nativePosix;

    private Path dir;
    private OneStore store;

    @Setup(Level.Trial)
    public void build() throws IOException {
        if (!nativePosix) {
            EventLog.skipNativePosixBinding();
        }
        final Path root = Path.of(System.getProperty("java.io.tmpdir"), "chum-bench-reopen-" + objects);
        dir = root.resolve("store");
        if (Files.exists(root.resolve(COMPLETE))) {
            return;
        }
        BenchFiles.deleteRecursively(root);
        Files.createDirectories(root);
        final long t0 = System.nanoTime();
        try (OneStore s = OneStore.create(dir, config())) {
            StoreData.registerRecipes(s);
            final List<?> folders = StoreData.importLeaves(s, 0, objects, null);
            if (s.size() < objects + folders.size()) {
                throw new IllegalStateException("built " + s.size() + " entries, expected at least "
                    + (objects + folders.size()));
            }
        }
        Files.writeString(root.resolve(COMPLETE), "built in " + (System.nanoTime() - t0) / 1_000_000 + " ms\n");
    }

    @Setup(Level.Iteration)
    public void dropCheckpoint() {
        if (mode.equals("rebuild")) {
            deleteContents(dir.resolve("projections"));
        } else if (!mode.equals("checkpoint")) {
            throw new IllegalArgumentException("mode must be checkpoint or rebuild, not " + mode);
        }
    }

    @Benchmark
    public OneStore open() {
        store = OneStore.open(dir, config());
        return store;
    }

    @TearDown(Level.Iteration)
    public void close() {
        if (store != null) {
            if (store.size() < objects) {
                throw new IllegalStateException("reopened with " + store.size() + " entries, expected " + objects);
            }
            store.close();
            store = null;
        }
    }

    private static StoreConfig config() {
        return StoreConfig.defaults().withDurability(Durability.PAGE_CACHE);
    }

    private static void deleteContents(final Path directory) {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (var files = Files.list(directory)) {
            for (final Path p : (Iterable<Path>) files::iterator) {
                BenchFiles.deleteRecursively(p);
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot empty " + directory, e);
        }
    }

    public static void main(final String[] args) throws Exception {
        BenchRunner.run(ReopenBenchmark.class, args);
    }
}
