package io.chum.bench;

import io.chum.microdata.MicrodataWriter;
import io.chum.model.Hash;
import io.chum.model.ItemType.ArrayType;
import io.chum.model.ItemType.BagType;
import io.chum.model.ItemType.ReferenceToObj;
import io.chum.model.ItemType.StringType;
import io.chum.model.OneObject;
import io.chum.model.Recipe;
import io.chum.model.RecipeRegistry;
import io.chum.model.Rule;
import io.chum.model.Sha256;
import io.chum.store.OneStore;
import io.chum.store.StoreAs;
import io.chum.store.StoreResult;
import io.chum.store.VerifiedEntry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The data of the store and sync benchmarks, all of it deterministic:
 * <ul>
 *   <li>{@value #LEAF}: an unversioned leaf whose canonical microdata is exactly {@value #LEAF_BYTES} bytes, told
 *       apart by its number;</li>
 *   <li>{@value #FOLDER}: an unversioned list of up to {@value #FOLDER_SIZE} leaves;</li>
 *   <li>{@value #TOP}: the versioned root (one ID) listing every folder; a new version publishes new folders, and an
 *       IdAccess on its ID shares the whole tree;</li>
 *   <li>{@value #PAGE}: a versioned 1 KiB page with its own ID, for lookups by ID hash and version writes.</li>
 * </ul>
 * Loading goes through {@link OneStore#importBatch}, the store's fastest write path: one writer task per
 * {@value #FOLDER_SIZE} leaves and their folder. Stateless; thread-safe.
 */
final class StoreData {
    static final String LEAF = "Bench$Leaf";
    static final String FOLDER = "Bench$Folder";
    static final String TOP = "Bench$Top";
    static final String PAGE = "Bench$Page";
    static final int LEAF_BYTES = 1024;
    static final int FOLDER_SIZE = 1000;

    static final Recipe LEAF_RECIPE = new Recipe(LEAF, List.of(
        Rule.of("n", StringType.PLAIN),
        Rule.of("text", StringType.PLAIN)));
    static final Recipe FOLDER_RECIPE = new Recipe(FOLDER, List.of(
        Rule.of("name", StringType.PLAIN),
        Rule.of("leaves", new BagType(new ReferenceToObj(Set.of(LEAF))))));
    static final Recipe TOP_RECIPE = new Recipe(TOP, List.of(
        Rule.id("name", StringType.PLAIN),
        Rule.of("folders", new ArrayType(new ReferenceToObj(Set.of(FOLDER))))));
    static final Recipe PAGE_RECIPE = new Recipe(PAGE, List.of(
        Rule.id("pageId", StringType.PLAIN),
        Rule.of("text", StringType.PLAIN)));

    /** The text that pads a leaf or a page to 1 KiB; the same in all of them. */
    private static final String FILLER = filler();

    private StoreData() {
    }

    /** Registers the four recipes (a no-op for those already registered). */
    static void registerRecipes(final OneStore store) {
        store.registerRecipe(LEAF_RECIPE);
        store.registerRecipe(FOLDER_RECIPE);
        store.registerRecipe(TOP_RECIPE);
        store.registerRecipe(PAGE_RECIPE);
    }

    /** Leaf number {@code n}: exactly {@value #LEAF_BYTES} bytes of microdata. */
    static OneObject leaf(final long n) {
        final Map<String, Object> values = new LinkedHashMap<>();
        values.put("n", number(n));
        values.put("text", FILLER);
        return OneObject.of(LEAF, values);
    }

    /** Page {@code n} with version text {@code version}: about 1 KiB, versioned by its page ID. */
    static OneObject page(final long n, final long version) {
        final Map<String, Object> values = new LinkedHashMap<>();
        values.put("pageId", number(n));
        values.put("text", number(version) + FILLER.substring(number(version).length()));
        return OneObject.of(PAGE, values);
    }

    static OneObject folder(final String name, final List<Hash> leaves) {
        final Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", name);
        values.put("leaves", List.copyOf(leaves));
        return OneObject.of(FOLDER, values);
    }

    static OneObject top(final List<Hash> folders) {
        final Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", "bench");
        values.put("folders", List.copyOf(folders));
        return OneObject.of(TOP, values);
    }

    /**
     * Imports leaves {@code [from, from + count)} in folders of {@value #FOLDER_SIZE}, one {@code importBatch} per
     * folder, and returns the folders' hashes in order. The leaves' hashes are added to {@code leavesOut} unless it is
     * null.
     */
    static List<Hash> importLeaves(final OneStore store, final long from, final long count,
                                   final List<Hash> leavesOut) {
        final RecipeRegistry registry = store.recipes();
        final List<Hash> folders = new ArrayList<>();
        for (long start = from; start < from + count; start += FOLDER_SIZE) {
            final long end = Math.min(start + FOLDER_SIZE, from + count);
            final List<VerifiedEntry> batch = new ArrayList<>((int) (end - start) + 1);
            final List<Hash> leaves = new ArrayList<>((int) (end - start));
            for (long n = start; n < end; n++) {
                final VerifiedEntry e = entry(leaf(n), registry);
                batch.add(e);
                leaves.add((Hash) e.hash());
            }
            final VerifiedEntry folder = entry(folder("f" + number(start), leaves), registry);
            batch.add(folder);
            store.importBatch(batch, 0);
            folders.add((Hash) folder.hash());
            if (leavesOut != null) {
                leavesOut.addAll(leaves);
            }
        }
        return folders;
    }

    /** Stores a new version of the root listing {@code folders}. */
    static StoreResult publish(final OneStore store, final List<Hash> folders) {
        return store.storeVersionedObject(top(folders), StoreAs.CHANGE);
    }

    /** The canonical microdata of {@code obj}, verified as a peer's import would verify it. */
    static VerifiedEntry entry(final OneObject obj, final RecipeRegistry registry) {
        final byte[] md = MicrodataWriter.toMicrodata(obj, registry);
        return VerifiedEntry.object(md, Sha256.hash(md), registry);
    }

    private static String number(final long n) {
        return String.format(Locale.ROOT, "%012d", n);
    }

    /** ASCII filler sized so that a leaf renders to exactly {@value #LEAF_BYTES} bytes. */
    private static String filler() {
        final RecipeRegistry registry = RecipeRegistry.withCoreRecipes();
        registry.register(LEAF_RECIPE);
        final Map<String, Object> empty = new LinkedHashMap<>();
        empty.put("n", number(0));
        empty.put("text", "");
        final int budget = LEAF_BYTES - MicrodataWriter.toMicrodata(OneObject.of(LEAF, empty), registry).length;
        final StringBuilder sb = new StringBuilder(budget);
        final String words = "every write is an event in the log and every index is a projection of it ";
        while (sb.length() < budget) {
            sb.append(words.charAt(sb.length() % words.length()));
        }
        return sb.toString();
    }
}
