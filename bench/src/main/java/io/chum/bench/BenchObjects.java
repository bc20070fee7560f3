package io.chum.bench;

import io.chum.microdata.MicrodataWriter;
import io.chum.model.Hash;
import io.chum.model.ItemType.BagType;
import io.chum.model.ItemType.ReferenceToId;
import io.chum.model.ItemType.ReferenceToObj;
import io.chum.model.ItemType.StringType;
import io.chum.model.OneObject;
import io.chum.model.Recipe;
import io.chum.model.RecipeRegistry;
import io.chum.model.Rule;
import io.chum.model.Sha256;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The objects the benchmarks work on: a versioned application type {@value #NOTE} (a few strings, a bag of
 * references, a long text) built to an exact microdata size, so that "1 KiB object" means 1024 bytes of
 * canonical microdata. Everything is deterministic. Stateless; thread-safe.
 */
final class BenchObjects {
    /** The application type of every benchmark object. */
    static final String NOTE = "Bench$Note";

    /** Versioned by {@code noteId}; the text is the bulk of the object, as in a typical message or document. */
    static final Recipe NOTE_RECIPE = new Recipe(NOTE, List.of(
        Rule.id("noteId", StringType.PLAIN),
        Rule.of("author", new ReferenceToId(Set.of("Person"))),
        Rule.of("title", StringType.PLAIN),
        Rule.of("links", new BagType(ReferenceToObj.ANY)),
        Rule.of("text", StringType.PLAIN)));

    /** Kind of text in the note: pure ASCII takes the writer's bulk-copy path, UTF-8 the per-char path. */
    enum Text {
        ASCII, UTF8
    }

    private static final String[] ASCII_WORDS = {"the", "store", "keeps", "every", "write", "as", "an", "event",
        "and", "replays", "it", "to", "rebuild", "indexes", "objects", "are", "named", "by", "their", "hash",
        "of", "canonical", "microdata", "peers", "exchange", "what", "other", "side", "lacks"};
    private static final String[] UTF8_WORDS = {"Grüße", "aus", "Köln", "naïve", "café", "déjà", "vu",
        "façade", "Ærø", "smörgåsbord", "東京", "データ", "объект", "—", "and", "the", "store", "keeps", "events"};
    private static final long SEED = 0x5eedL;

    private BenchObjects() {
    }

    /** The core recipes plus {@link #NOTE_RECIPE}. */
    static RecipeRegistry registry() {
        final RecipeRegistry registry = RecipeRegistry.withCoreRecipes();
        registry.register(NOTE_RECIPE);
        return registry;
    }

    /**
     * A note with two links whose canonical microdata is exactly {@code microdataBytes} long; the text fills
     * what the other properties leave.
     */
    static OneObject note(final RecipeRegistry registry, final int microdataBytes, final Text text) {
        final OneObject empty = note(links(2), "");
        final int budget = microdataBytes - MicrodataWriter.toMicrodata(empty, registry).length;
        if (budget < 0) {
            throw new IllegalArgumentException("a note needs at least " + (microdataBytes - budget) + " bytes");
        }
        final OneObject note = note(links(2), prose(budget, text));
        final int actual = MicrodataWriter.toMicrodata(note, registry).length;
        if (actual != microdataBytes) {
            throw new IllegalStateException("note rendered to " + actual + " bytes, not " + microdataBytes);
        }
        return note;
    }

    /** A note with {@code count} links and a one-line text: reference extraction has plenty to find. */
    static OneObject noteWithLinks(final int count) {
        return note(links(count), "see the links");
    }

    /** The microdata of {@code obj}. */
    static byte[] microdata(final OneObject obj, final RecipeRegistry registry) {
        return MicrodataWriter.toMicrodata(obj, registry);
    }

    private static OneObject note(final List<Hash> links, final String text) {
        final Map<String, Object> values = new LinkedHashMap<>();
        values.put("noteId", "note-2026-0001");
        values.put("author", Sha256.hashUtf8("author@example.org").asIdHash());
        values.put("title", "Benchmark note");
        values.put("links", links);
        values.put("text", text);
        return OneObject.of(NOTE, values);
    }

    private static List<Hash> links(final int count) {
        final List<Hash> links = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            links.add(Sha256.hashUtf8("link-" + i));
        }
        return links;
    }

    /** Words picked with a fixed seed until {@code bytes} UTF-8 bytes are used; ASCII dots fill the rest. */
    private static String prose(final int bytes, final Text text) {
        final String[] words = text == Text.ASCII ? ASCII_WORDS : UTF8_WORDS;
        final SplittableRandom random = new SplittableRandom(SEED);
        final StringBuilder sb = new StringBuilder(bytes);
        int used = 0;
        while (true) {
            final String word = (used == 0 ? "" : " ") + words[random.nextInt(words.length)];
            final int length = word.getBytes(StandardCharsets.UTF_8).length;
            if (used + length > bytes) {
                break;
            }
            sb.append(word);
            used += length;
        }
        for (; used < bytes; used++) {
            sb.append('.');
        }
        return sb.toString();
    }
}
