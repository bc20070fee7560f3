package io.chum.bench;

import io.chum.sync.ChumResult;
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

import java.util.concurrent.TimeUnit;

/**
 * What {@link FullSyncBenchmark} and {@link IncrementalSyncBenchmark} share: Alice ({@link SyncFixture}) holds
 * {@code objects} 1 KiB leaves; one operation is one chum that does not keep running, in one JVM, from its start to
 * both results (single shot); after it, outside the measurement, Bob must have Alice's root, and what he received is
 * printed. The subclasses say what each iteration starts from. JMH runs the inherited benchmark per subclass.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@State(Scope.Thread)
public abstract class SyncBenchmark {
    /** Leaves at Alice's before the first iteration. */
    @Param({"10000", "100000"})
    int objects;

    /** {@code IN_PROCESS} or {@code TLS} (loopback). */
    @Param({"IN_PROCESS"})
    String transport;

    SyncFixture fixture;
    private ChumResult last;

    @Setup(Level.Trial)
    public void build() throws Exception {
        fixture = new SyncFixture(objects, BenchChum.Transport.valueOf(transport));
        afterBuild();
    }

    @Setup(Level.Iteration)
    public void prepare() {
        beforeIteration();
    }

    /** Once, after Alice's store is built. */
    abstract void afterBuild() throws Exception;

    /** Before each iteration, outside the measurement. */
    abstract void beforeIteration();

    @Benchmark
    public ChumResult sync() throws Exception {
        last = fixture.sync();
        return last;
    }

    @TearDown(Level.Iteration)
    public void check() {
        fixture.checkInSync();
        System.out.println("received " + last.received() + " in " + last.millis() + " ms");
    }

    @TearDown(Level.Trial)
    public void close() {
        fixture.close();
    }
}
