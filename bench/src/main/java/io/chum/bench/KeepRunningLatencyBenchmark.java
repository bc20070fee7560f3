package io.chum.bench;

import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.store.AccessMode;
import io.chum.store.AccessRequest;
import io.chum.store.StoreAs;
import io.chum.sync.FullSync;
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

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * keepRunning latency (design §8: p99 ≤ {@code maxNotificationDelay} + 2 ms on loopback): one operation is a new
 * version (CHANGE) of a 1 KiB page that Alice shares with Bob by an IdAccess on its ID, measured from just before
 * Alice's {@code storeVersionedObject} until {@code bob.store.containsObject} sees the version's data, polled every
 * {@value #POLL_NANOS} ns. The chum keeps running for the whole trial, with {@code delay} as
 * {@code maxNotificationDelay} on both sides. Sample mode: JMH reports the percentiles.
 *
 * <p>With {@code pauseMs} 0 (the default) each version is written as soon as the previous one arrived: a steady
 * stream, which the exporter spaces by the delay. With {@code pauseMs} longer than the delay, each write comes
 * after a quiet spell (the pause is not measured), which the exporter offers at once: the latency of the chain
 * itself. The warm-up is long because the JIT is slow to settle at these rates: at 100 writes a second the
 * compilations per 10 s went 4517, 260, 124, 75, 27, 65, 64, 10, 4, 1, and C2 threads that still compile take a
 * core for milliseconds at a time, which showed as the p99 (docs/benchmarks.md §6.7).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 60, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class KeepRunningLatencyBenchmark {
    private static final long POLL_NANOS = 20_000;
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

    /** maxNotificationDelay in milliseconds. */
    @Param({"1", "10"})
    int delay;

    @Param({"IN_PROCESS", "TLS"})
    String transport;

    /** Quiet time before each write, in milliseconds: 0 for a steady stream. */
    @Param({"0"})
    int pauseMs;

    private SyncPeer alice;
    private SyncPeer bob;
    private BenchChum chum;
    private long version;

    @Setup(Level.Trial)
    public void start() throws Exception {
        alice = new SyncPeer("alice@bench");
        bob = new SyncPeer("bob@bench");
        alice.knows(bob);
        bob.knows(alice);
        final IdHash page = alice.store.storeVersionedObject(StoreData.page(0, version++), StoreAs.CHANGE).idHash();
        alice.store.createAccess(AccessRequest.forId(page, List.of(bob.identity.personId()), List.of(),
            AccessMode.REPLACE));
        chum = BenchChum.start(BenchChum.Transport.valueOf(transport), alice, bob,
            o -> o.keepRunning(true).maxNotificationDelay(delay));
        final CompletableFuture<FullSync> full = new CompletableFuture<>();
        chum.b.onFullSync(full::complete);
        full.get(60, TimeUnit.SECONDS);
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        chum.stopAndWait();
        chum.close();
        alice.checkNoErrors();
        bob.checkNoErrors();
        bob.close();
        alice.close();
    }

    @Setup(Level.Invocation)
    public void pause() throws InterruptedException {
        if (pauseMs > 0) {
            Thread.sleep(pauseMs);
        }
    }

    @Benchmark
    public Hash writeToArrival() {
        final long t0 = System.nanoTime();
        final Hash h = alice.store.storeVersionedObject(StoreData.page(0, version++), StoreAs.CHANGE).hash();
        while (!bob.store.containsObject(h)) {
            if (System.nanoTime() - t0 > TIMEOUT_NANOS) {
                throw new IllegalStateException("version " + h + " did not reach Bob within 30 s");
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return h;
    }

    public static void main(final String[] args) throws Exception {
        BenchRunner.run(KeepRunningLatencyBenchmark.class, args);
    }
}
