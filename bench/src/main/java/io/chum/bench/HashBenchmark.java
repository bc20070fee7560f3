package io.chum.bench;

import io.chum.microdata.Canonical;
import io.chum.microdata.MicrodataWriter;
import io.chum.model.Hash;
import io.chum.model.OneObject;
import io.chum.model.RecipeRegistry;
import io.chum.model.Sha256;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Naming an object: canonical microdata + SHA-256, against SHA-256 alone of the same bytes (design §8:
 * ours ≥ 0.8 × raw), compared within one run:
 * <ul>
 *   <li>{@code rawDigest}: {@link MessageDigest#digest(byte[])} of the object's microdata, the baseline;</li>
 *   <li>{@code renderAndHash}: {@link MicrodataWriter#renderToBuffer} into the writer's reused buffer, then
 *       {@link Sha256} over that buffer: the zero-copy path, exactly "microdata + SHA-256";</li>
 *   <li>{@code canonicalEncode}: {@link Canonical#encode}, what a store calls: it also validates the object,
 *       copies the microdata out and, the note type being versioned, renders and hashes the ID object;</li>
 *   <li>{@code render}: rendering alone, the part of {@code renderAndHash} that is not hashing.</li>
 * </ul>
 * The object is built once per trial. State is per benchmark thread.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
// renderAndHash gets its optimised code only 1.7-2.3 s into the fork (docs/benchmarks.md §5.1): with 3 s of warm-up,
// compilation spilled into the measurement on a busy machine.
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class HashBenchmark {
    /** Canonical microdata size of the object in bytes. */
    @Param({"1024", "4096"})
    int size;

    /** ASCII text or text with non-ASCII characters: a {@link BenchObjects.Text} name. */
    @Param({"ASCII", "UTF8"})
    String text;

    private RecipeRegistry registry;
    private OneObject note;
    private byte[] microdata;
    private MicrodataWriter writer;
    private MessageDigest digest;

    @Setup
    public void setUp() {
        registry = BenchObjects.registry();
        note = BenchObjects.note(registry, size, BenchObjects.Text.valueOf(text));
        microdata = BenchObjects.microdata(note, registry);
        writer = new MicrodataWriter(registry);
        digest = Sha256.newDigest();
        // all three must name the same bytes, or the comparison means nothing
        final byte[] raw = digest.digest(microdata);
        if (!Arrays.equals(raw, renderAndHash().toBytes()) || !Arrays.equals(raw, canonicalEncode().hash().toBytes())) {
            throw new IllegalStateException("the benchmarks do not hash the same microdata");
        }
    }

    @Benchmark
    public byte[] rawDigest() {
        return digest.digest(microdata);
    }

    @Benchmark
    public Hash renderAndHash() {
        final int length = writer.renderToBuffer(note);
        return Sha256.hash(writer.buffer(), 0, length);
    }

    /** Rendering alone, to split {@code renderAndHash} into its two parts. */
    @Benchmark
    public int render() {
        return writer.renderToBuffer(note);
    }

    @Benchmark
    public Canonical.Encoded canonicalEncode() {
        return Canonical.encode(note, registry);
    }

    public static void main(final String[] args) throws Exception {
        BenchRunner.run(HashBenchmark.class, args);
    }
}
