package io.chum.bench;

import io.chum.log.Durability;
import io.chum.log.EventLog;
import io.chum.log.LogAppender;
import io.chum.log.LogConfig;
import io.chum.log.ObjectWritten;
import io.chum.model.Hash;
import io.chum.model.RecipeRegistry;
import io.chum.model.Sha256;
import io.chum.model.Sha256Value;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
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
import java.security.DigestException;
import java.security.MessageDigest;
import java.util.concurrent.TimeUnit;

/**
 * Appending an object to the log, hashing included (what a store does per object), against a plain Chronicle
 * Queue append of the same bytes plus SHA-256 (design §8: ours ≥ 0.8 × raw). Both queues live in a new
 * temporary directory per trial, use the same roll cycle and block size, and are never forced to disk
 * ({@link Durability#PAGE_CACHE}; a store forces once per batch, which this does not measure). Appends have
 * large iteration-to-iteration variance (page faults as the file grows), hence 5 × 2 s; Chronicle's write
 * path needs about 4 s on a busy two-core machine before it is fully compiled, hence 5 s of warm-up.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
public class LogAppendBenchmark {

    /** The object both benchmarks append. */
    @State(Scope.Thread)
    public static class NoteBytes {
        @Param({"1024"})
        int size;

        byte[] microdata;

        @Setup(Level.Trial)
        public void setUp() {
            final RecipeRegistry registry = BenchObjects.registry();
            microdata = BenchObjects.microdata(BenchObjects.note(registry, size, BenchObjects.Text.ASCII), registry);
        }
    }

    /** An {@link EventLog} in a fresh directory. */
    @State(Scope.Thread)
    public static class Log {
        Path dir;
        EventLog log;
        LogAppender appender;

        @Setup(Level.Trial)
        public void setUp() {
            dir = BenchFiles.newTempDir("log");
            log = EventLog.open(dir, LogConfig.defaults().withDurability(Durability.PAGE_CACHE));
            appender = log.appender();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            log.close();
            BenchFiles.deleteRecursively(dir);
        }
    }

    /** A plain Chronicle queue, configured like the event log, in a fresh directory. */
    @State(Scope.Thread)
    public static class Queue {
        final MessageDigest digest = Sha256.newDigest();
        final byte[] hash = new byte[Sha256Value.BYTES];
        Path dir;
        ChronicleQueue queue;
        ExcerptAppender appender;

        @Setup(Level.Trial)
        public void setUp() {
            dir = BenchFiles.newTempDir("queue");
            final LogConfig config = LogConfig.defaults();
            queue = ChronicleQueue.singleBuilder(dir)
                .rollCycle(config.rollCycle())
                .indexSpacing(config.indexSpacing())
                .indexCount(config.indexCount())
                .blockSize(config.blockSize())
                .build();
            appender = queue.createAppender();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            appender.close();
            queue.close();
            BenchFiles.deleteRecursively(dir);
        }
    }

    @Benchmark
    public long eventLogAppend(final NoteBytes note, final Log log) {
        final Hash hash = Sha256.hash(note.microdata);
        return log.appender.append(new ObjectWritten(hash, BenchObjects.NOTE, note.microdata));
    }

    @Benchmark
    public void chronicleAppend(final NoteBytes note, final Queue queue) throws DigestException {
        queue.digest.update(note.microdata);
        queue.digest.digest(queue.hash, 0, queue.hash.length);
        try (DocumentContext dc = queue.appender.writingDocument()) {
            dc.wire().bytes().write(queue.hash).write(note.microdata);
        }
    }

    public static void main(final String[] args) throws Exception {
        BenchRunner.run(LogAppendBenchmark.class, args);
    }
}
