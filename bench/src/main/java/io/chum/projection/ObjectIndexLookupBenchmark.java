package io.chum.projection;

import io.chum.model.Hash;
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
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The closure check of one directory's references against the object index: {@value #REFERENCES} stored keys (a
 * directory of a million-leaf store in {@code bench/compare-git.sh}) looked up one {@code contains} at a time
 * ({@code oneByOne}) and all at once ({@code together}, {@link ObjectIndex#firstMissing}), in an index of
 * {@code entries} random keys, two thirds objects and one third BLOBs. Each invocation takes the next of
 * {@value #BATCHES} batches, so that the keys are not in the cache from the invocation before; the score is per batch.
 *
 * <p>In the index's package, because it fills the index directly ({@code add} is the store writer's): a store of a
 * million objects would take minutes per trial to build.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class ObjectIndexLookupBenchmark {
    private static final int REFERENCES = 3_900;
    private static final int BATCHES = 64;
    private static final long SEED = 7;

    /** Keys in the index. */
    @Param({"100000", "1000000"})
    int entries;

    private ObjectIndex index;
    private long[][] keys;
    private int[][] kinds;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        final SplittableRandom random = new SplittableRandom(SEED);
        index = new ObjectIndex();
        final long[] stored = new long[4 * entries];
        for (int e = 0; e < entries; e++) {
            for (int w = 0; w < 4; w++) {
                stored[4 * e + w] = random.nextLong();
            }
            index.add(Hash.of(stored[4 * e], stored[4 * e + 1], stored[4 * e + 2], stored[4 * e + 3]), kindOf(e), 1,
                e);
        }
        keys = new long[BATCHES][4 * REFERENCES];
        kinds = new int[BATCHES][REFERENCES];
        for (int b = 0; b < BATCHES; b++) {
            for (int k = 0; k < REFERENCES; k++) {
                final int e = random.nextInt(entries);
                System.arraycopy(stored, 4 * e, keys[b], 4 * k, 4);
                kinds[b][k] = kindOf(e);
            }
            if (index.firstMissing(kinds[b], keys[b], REFERENCES) != -1) {
                throw new IllegalStateException("a stored key was not found");
            }
        }
    }

    private static int kindOf(final int entry) {
        return entry % 3 == 0 ? ObjectIndex.KIND_BLOB : ObjectIndex.KIND_OBJECT;
    }

    @Benchmark
    public int oneByOne() {
        final int b = nextBatch();
        final long[] k = keys[b];
        final int[] kind = kinds[b];
        for (int i = 0; i < REFERENCES; i++) {
            if (!index.contains(kind[i], k[4 * i], k[4 * i + 1], k[4 * i + 2], k[4 * i + 3])) {
                return i;
            }
        }
        return -1;
    }

    @Benchmark
    public int together() {
        final int b = nextBatch();
        return index.firstMissing(kinds[b], keys[b], REFERENCES);
    }

    private int nextBatch() {
        next = next + 1 == BATCHES ? 0 : next + 1;
        return next;
    }
}
