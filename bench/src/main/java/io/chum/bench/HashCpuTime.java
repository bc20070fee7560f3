package io.chum.bench;

import io.chum.microdata.MicrodataWriter;
import io.chum.model.OneObject;
import io.chum.model.RecipeRegistry;
import io.chum.model.Sha256;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The three operations of {@link HashBenchmark}'s hash ratio timed in <b>thread CPU time</b> rather than wall
 * time, for a machine shared with other work: time the thread spends descheduled does not count, so the
 * figures stay comparable at a load average where JMH's throughput swings by a factor of two (docs/benchmarks.md
 * §2.2). Contention for caches and execution units still counts. Rounds of 200 000 operations each, the first
 * four discarded as warm-up; prints min, median and max nanoseconds per operation over the other ten and the
 * ratios of the minimums and of the medians.
 *
 * <p>Usage: {@code java @config/jvm.args -cp bench/target/benchmarks.jar io.chum.bench.HashCpuTime [ASCII|UTF8]}.
 * Single-threaded; not a JMH benchmark.
 */
public final class HashCpuTime {
    private static final int OPS_PER_ROUND = 200_000;
    private static final int WARMUP_ROUNDS = 4;
    private static final int ROUNDS = 14;

    /** Where results go so that the JIT cannot drop the work. */
    private static volatile Object sink;

    private HashCpuTime() {
    }

    public static void main(final String[] args) {
        final BenchObjects.Text text = BenchObjects.Text.valueOf(args.length > 0 ? args[0] : "ASCII");
        final RecipeRegistry registry = BenchObjects.registry();
        final OneObject note = BenchObjects.note(registry, 1024, text);
        final byte[] microdata = BenchObjects.microdata(note, registry);
        final MicrodataWriter writer = new MicrodataWriter(registry);
        final MessageDigest digest = Sha256.newDigest();

        final Map<String, Runnable> operations = new LinkedHashMap<>();
        operations.put("rawDigest", () -> sink = digest.digest(microdata));
        operations.put("render", () -> sink = writer.renderToBuffer(note));
        operations.put("renderAndHash", () -> sink = Sha256.hash(writer.buffer(), 0, writer.renderToBuffer(note)));

        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final Map<String, List<Double>> nanosPerOp = new LinkedHashMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (final Map.Entry<String, Runnable> e : operations.entrySet()) {
                final Runnable operation = e.getValue();
                final long start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < OPS_PER_ROUND; i++) {
                    operation.run();
                }
                final double perOp = (threads.getCurrentThreadCpuTime() - start) / (double) OPS_PER_ROUND;
                if (round >= WARMUP_ROUNDS) {
                    nanosPerOp.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(perOp);
                }
            }
        }
        for (final Map.Entry<String, List<Double>> e : nanosPerOp.entrySet()) {
            final List<Double> l = e.getValue();
            Collections.sort(l);
            System.out.printf("%-14s CPU ns/op  min %7.1f  median %7.1f  max %7.1f%n", e.getKey(), l.get(0),
                median(l), l.get(l.size() - 1));
        }
        final List<Double> raw = nanosPerOp.get("rawDigest");
        final List<Double> ours = nanosPerOp.get("renderAndHash");
        // the minimum is the round least disturbed by other work on the machine
        System.out.printf("hash ratio (CPU time) = %.2f on the minimums, %.2f on the medians%n",
            raw.get(0) / ours.get(0), median(raw) / median(ours));
    }

    private static double median(final List<Double> sorted) {
        return sorted.get(sorted.size() / 2);
    }
}
