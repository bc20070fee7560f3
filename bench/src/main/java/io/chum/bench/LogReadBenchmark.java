package io.chum.bench;

import io.chum.log.Durability;
import io.chum.log.EventLog;
import io.chum.log.LogAppender;
import io.chum.log.LogConfig;
import io.chum.log.LogEvent;
import io.chum.log.LogReader;
import io.chum.log.LogTailer;
import io.chum.log.ObjectWritten;
import io.chum.model.Hash;
import io.chum.model.RecipeRegistry;
import io.chum.model.Sha256;
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
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Reading 1 KiB {@link ObjectWritten} events back: by index in random order ({@link LogReader#read}, what an
 * object lookup does after the index) and in log order ({@link LogTailer#next}, what a replay or a peer's
 * tail does; the tailer restarts at the beginning when it reaches the end). Every read copies, validates
 * (CRC32C) and decodes the record. The log is written once per trial in a fresh temporary directory and is
 * small enough to stay in the page cache.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class LogReadBenchmark {
    private static final long SEED = 42;

    /** Events in the log. */
    @Param({"100000"})
    int records;

    private Path dir;
    private EventLog log;
    private LogReader reader;
    private LogTailer tailer;
    /** Event indexes in a fixed random order. */
    private long[] shuffled;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        final RecipeRegistry registry = BenchObjects.registry();
        final byte[] microdata = BenchObjects.microdata(BenchObjects.note(registry, 1024, BenchObjects.Text.ASCII),
            registry);
        final Hash hash = Sha256.hash(microdata);
        dir = BenchFiles.newTempDir("read");
        log = EventLog.open(dir, LogConfig.defaults().withDurability(Durability.PAGE_CACHE));
        final LogAppender appender = log.appender();
        shuffled = new long[records];
        for (int i = 0; i < records; i++) {
            shuffled[i] = appender.append(new ObjectWritten(hash, BenchObjects.NOTE, microdata));
        }
        final SplittableRandom random = new SplittableRandom(SEED);
        for (int i = records - 1; i > 0; i--) {
            final int j = random.nextInt(i + 1);
            final long t = shuffled[i];
            shuffled[i] = shuffled[j];
            shuffled[j] = t;
        }
        reader = log.reader();
        tailer = log.tailer(0);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        reader.close();
        tailer.close();
        log.close();
        BenchFiles.deleteRecursively(dir);
    }

    @Benchmark
    public LogEvent randomRead() {
        final long index = shuffled[next];
        next = next + 1 == shuffled.length ? 0 : next + 1;
        return reader.read(index);
    }

    @Benchmark
    public LogEvent tail() {
        LogEvent event = tailer.next();
        if (event == null) {
            tailer.close();
            tailer = log.tailer(0);
            event = tailer.next();
        }
        return event;
    }

    public static void main(final String[] args) throws Exception {
        BenchRunner.run(LogReadBenchmark.class, args);
    }
}
