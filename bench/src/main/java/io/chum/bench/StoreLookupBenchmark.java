package io.chum.bench;

import io.chum.log.Durability;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.Sha256;
import io.chum.store.OneStore;
import io.chum.store.StoreAs;
import io.chum.store.StoreConfig;
import io.chum.store.VersionHead;
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

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Reads from a store of {@code objects} 1 KiB leaves (in folders of 1 000) and {@value #PAGES} versioned 1 KiB
 * pages, built once per trial; every lookup picks its key in a fixed random order:
 * <ul>
 *   <li>{@code readMicrodata}: an object's microdata by hash (index, then a log read);</li>
 *   <li>{@code currentVersion}: a page's current version by ID hash (the version-heads projection only);</li>
 *   <li>{@code currentVersionMicrodata}: the same, then the microdata of that version;</li>
 *   <li>{@code exists} / {@code existsMissing}: a stored hash, and a hash that is not stored.</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class StoreLookupBenchmark {
    private static final int PAGES = 10_000;
    private static final long SEED = 42;

    /** Leaves in the store. */
    @Param({"100000"})
    int objects;

    private Path dir;
    private OneStore store;
    private Hash[] leaves;
    private IdHash[] pages;
    private Hash[] missing;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        dir = BenchFiles.newTempDir("lookup");
        store = OneStore.create(dir, StoreConfig.defaults().withDurability(Durability.PAGE_CACHE));
        StoreData.registerRecipes(store);
        final List<Hash> leafList = new ArrayList<>(objects);
        StoreData.importLeaves(store, 0, objects, leafList);
        final List<IdHash> pageList = new ArrayList<>(PAGES);
        for (long n = 0; n < PAGES; n++) {
            pageList.add(store.storeVersionedObject(StoreData.page(n, 0), StoreAs.CHANGE).idHash());
        }
        final SplittableRandom random = new SplittableRandom(SEED);
        leaves = shuffled(leafList, random).toArray(new Hash[0]);
        pages = shuffled(pageList, random).toArray(new IdHash[0]);
        missing = new Hash[PAGES];
        for (int i = 0; i < missing.length; i++) {
            missing[i] = Sha256.hashUtf8("not stored " + i);
        }
        if (!store.exists(leaves[0]) || store.exists(missing[0]) || store.currentVersion(pages[0]).isEmpty()) {
            throw new IllegalStateException("the lookup store was not built as expected");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        store.close();
        BenchFiles.deleteRecursively(dir);
    }

    private int nextIndex(final int length) {
        next = next + 1 >= length ? 0 : next + 1;
        return next;
    }

    @Benchmark
    public byte[] readMicrodata() {
        return store.readMicrodata(leaves[nextIndex(leaves.length)]);
    }

    @Benchmark
    public Optional<VersionHead> currentVersion() {
        return store.currentVersion(pages[nextIndex(pages.length)]);
    }

    @Benchmark
    public byte[] currentVersionMicrodata() {
        return store.readMicrodata(store.currentVersion(pages[nextIndex(pages.length)]).orElseThrow().data());
    }

    @Benchmark
    public boolean exists() {
        return store.exists(leaves[nextIndex(leaves.length)]);
    }

    @Benchmark
    public boolean existsMissing() {
        return store.exists(missing[nextIndex(missing.length)]);
    }

    private static <T> List<T> shuffled(final List<T> list, final SplittableRandom random) {
        final List<T> out = new ArrayList<>(list);
        for (int i = out.size() - 1; i > 0; i--) {
            final int j = random.nextInt(i + 1);
            final T t = out.get(i);
            out.set(i, out.get(j));
            out.set(j, t);
        }
        return out;
    }

    public static void main(final String[] args) throws Exception {
        BenchRunner.run(StoreLookupBenchmark.class, args);
    }
}
