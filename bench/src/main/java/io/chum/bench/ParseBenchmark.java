package io.chum.bench;

import io.chum.microdata.Microdata;
import io.chum.microdata.MicrodataParser;
import io.chum.model.OneObject;
import io.chum.model.Recipe;
import io.chum.model.RecipeRegistry;
import io.chum.model.Reference;
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
import org.openjdk.jmh.infra.Blackhole;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reading microdata: the strict parse (parse, validate, re-render, compare) of the 1 KiB note, reference
 * extraction from a note with many links, and ID-object extraction without parsing. State is per benchmark
 * thread.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ParseBenchmark {

    /** The 1 KiB ASCII note of {@link HashBenchmark}. */
    @State(Scope.Thread)
    public static class Note {
        RecipeRegistry registry;
        MicrodataParser parser;
        Recipe recipe;
        byte[] microdata;

        @Setup
        public void setUp() {
            registry = BenchObjects.registry();
            parser = new MicrodataParser(registry);
            recipe = registry.recipe(BenchObjects.NOTE);
            microdata = BenchObjects.microdata(BenchObjects.note(registry, 1024, BenchObjects.Text.ASCII), registry);
            // bags come back in canonical order, so compare renderings rather than objects
            if (!Arrays.equals(BenchObjects.microdata(parser.parse(microdata), registry), microdata)) {
                throw new IllegalStateException("the note does not parse back to its own microdata");
            }
        }
    }

    /** A note holding {@code links} references plus its author. */
    @State(Scope.Thread)
    public static class Linked {
        @Param({"16", "256"})
        int links;

        byte[] microdata;

        @Setup
        public void setUp() {
            final RecipeRegistry registry = BenchObjects.registry();
            microdata = BenchObjects.microdata(BenchObjects.noteWithLinks(links), registry);
            if (Microdata.references(microdata).size() != links + 1) {
                throw new IllegalStateException("expected " + (links + 1) + " references");
            }
        }
    }

    @Benchmark
    public OneObject parse(final Note note) {
        return note.parser.parse(note.microdata);
    }

    @Benchmark
    public List<Reference> references(final Linked linked) {
        return Microdata.references(linked.microdata);
    }

    /** As {@code references}, without building the list: each target goes straight to the visitor. */
    @Benchmark
    public void forEachReference(final Linked linked, final Blackhole blackhole) {
        Microdata.forEachReference(linked.microdata, (kind, target) -> blackhole.consume(target));
    }

    @Benchmark
    public byte[] extractIdMicrodata(final Note note) {
        return Microdata.extractIdMicrodata(note.microdata, note.recipe);
    }

    public static void main(final String[] args) throws Exception {
        BenchRunner.run(ParseBenchmark.class, args);
    }
}
