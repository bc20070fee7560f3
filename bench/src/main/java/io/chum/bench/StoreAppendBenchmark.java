package io.chum.bench;

import io.chum.log.Durability;
import io.chum.model.RecipeRegistry;
import io.chum.store.ImportResult;
import io.chum.store.OneStore;
import io.chum.store.StoreAs;
import io.chum.store.StoreConfig;
import io.chum.store.StoreResult;
import io.chum.store.VerifiedEntry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Writing 1 KiB objects through the {@link OneStore} API, projections included (object index, and for versions the
 * version heads): each operation stores something new, so nothing is skipped as existing. The store is new for
 * each trial, in a temporary directory, with page-cache durability (no force). Every write builds its object,
 * encodes and hashes it on the calling thread and waits for the store's writer thread, as an application's write
 * does.
 * <ul>
 *   <li>{@code storeObject}: a new unversioned leaf;</li>
 *   <li>{@code storeVersion}: a new version (CHANGE) of one of 1 000 pages: ID object, object, version node, head;</li>
 *   <li>{@code importBatch}: 1 000 new leaves verified as a peer's import verifies them (parse, hash, references)
 *       and imported in one writer task; the score is per leaf.</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class StoreAppendBenchmark {
    private static final int PAGES = 1000;
    private static final int BATCH = 1000;

    private Path dir;
    private OneStore store;
    private RecipeRegistry registry;
    private long next;

    @Setup(Level.Trial)
    public void setUp() {
        dir = BenchFiles.newTempDir("append");
        store = OneStore.create(dir, StoreConfig.defaults().withDurability(Durability.PAGE_CACHE));
        StoreData.registerRecipes(store);
        registry = store.recipes();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        store.close();
        BenchFiles.deleteRecursively(dir);
    }

    @Benchmark
    public StoreResult storeObject() {
        return store.storeObject(StoreData.leaf(next++));
    }

    @Benchmark
    public StoreResult storeVersion() {
        final long n = next++;
        return store.storeVersionedObject(StoreData.page(n % PAGES, n), StoreAs.CHANGE);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public ImportResult importBatch() {
        final List<VerifiedEntry> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            batch.add(StoreData.entry(StoreData.leaf(next++), registry));
        }
        return store.importBatch(batch, 0);
    }

    public static void main(final String[] args) throws Exception {
        BenchRunner.run(StoreAppendBenchmark.class, args);
    }
}
