package io.chum.microdata;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.model.CoreRecipes;
import io.chum.model.OneObject;
import io.chum.model.OneObjects;
import io.chum.model.Recipe;
import io.chum.model.RecipeRegistry;
import io.chum.model.Reference;
import io.chum.testing.RandomObjects;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Random recipes and objects through every part of the encoding; each failure names its seed. */
class RandomRoundTripTest {
    private static final long BASE_SEED = 0x5EED_C0DEL;
    private static final int SEEDS = 40;
    private static final int RECIPES_PER_SEED = 6;
    private static final int OBJECTS_PER_RECIPE = 5;

    @Test
    void shouldRoundTripRandomObjectsThroughEveryPartOfTheEncoding() throws Exception {
        int roundTrips = 0;
        for (int s = 0; s < SEEDS; s++) {
            final long seed = BASE_SEED + s;
            final RandomObjects random = new RandomObjects(seed);
            final RecipeRegistry registry = random.registryWithRandomRecipes(RECIPES_PER_SEED);
            final List<Recipe> recipes = new ArrayList<>(registry.all());
            for (final Recipe recipe : recipes) {
                for (int i = 0; i < OBJECTS_PER_RECIPE; i++) {
                    final OneObject o = random.randomObject(recipe);
                    try {
                        check(o, registry);
                    } catch (final AssertionError | RuntimeException e) {
                        throw new AssertionError("seed " + seed + ", " + o + ": " + e, e);
                    }
                    roundTrips++;
                }
            }
        }
        assertTrue(roundTrips >= 1000, "round trips: " + roundTrips);
    }

    private static void check(final OneObject o, final RecipeRegistry registry) throws Exception {
        final Canonical.Encoded e = Canonical.encode(o, registry);
        final byte[] md = e.microdata();
        assertEquals(e.hash().toHex(), sha256(md));
        assertEquals(o.type(), Microdata.typeOf(md));

        final MicrodataParser parser = new MicrodataParser(registry);
        final OneObject parsed = parser.parse(md);
        assertArrayEquals(md, MicrodataWriter.toMicrodata(parsed, registry));
        assertEquals(e.hash(), Canonical.encode(parsed, registry).hash());

        assertEquals(MicrodataTest.sorted(RandomObjects.referencesOf(o, registry)),
            MicrodataTest.sorted(Microdata.references(md)));
        final List<Reference> whileParsing = new ArrayList<>();
        assertEquals(parsed, parser.parse(md, (kind, target) -> whileParsing.add(new Reference(kind, target))));
        assertEquals(Microdata.references(md), whileParsing, "the same references in the same order");

        final Recipe recipe = registry.recipe(o.type());
        if (recipe.isVersioned()) {
            assertEquals(e.idHash().toHex(), sha256(e.idMicrodata()));
            assertArrayEquals(e.idMicrodata(), Microdata.extractIdMicrodata(md, recipe));
            assertTrue(Microdata.isIdObject(e.idMicrodata()));
            final OneObject idObject = parser.parseIdObject(e.idMicrodata());
            assertEquals(OneObjects.idObjectOf(parsed, registry), idObject);
            final List<Reference> idReferences = new ArrayList<>();
            parser.parseIdObject(e.idMicrodata(), (kind, target) -> idReferences.add(new Reference(kind, target)));
            assertEquals(Microdata.references(e.idMicrodata()), idReferences);
            assertEquals(e.idHash(), Canonical.idHashOf(idObject, registry));
            assertEquals(e.idHash(), Canonical.idHashOf(o, registry));
        }
    }

    /** Corrupted microdata must fail with a coded error or be canonical itself; nothing else may escape. */
    @Test
    void shouldNeverAcceptOrCrashOnCorruptedMicrodata() {
        final Set<ErrorCode> allowed = Set.of(ErrorCode.BAD_MICRODATA, ErrorCode.UNKNOWN_TYPE,
            ErrorCode.NOT_VERSIONED);
        for (int s = 0; s < 10; s++) {
            final long seed = BASE_SEED * 31 + s;
            final RandomObjects random = new RandomObjects(seed);
            final Random mutations = new Random(seed);
            final RecipeRegistry registry = random.registryWithRandomRecipes(4);
            final MicrodataParser parser = new MicrodataParser(registry);
            for (final Recipe recipe : registry.all()) {
                final byte[] md = MicrodataWriter.toMicrodata(random.randomObject(recipe), registry);
                for (int m = 0; m < 20; m++) {
                    final byte[] bad = mutate(md, mutations);
                    try {
                        final OneObject o = parser.parse(bad);
                        assertArrayEquals(bad, MicrodataWriter.toMicrodata(o, registry));
                    } catch (final ChumException e) {
                        assertTrue(allowed.contains(e.errorCode()), "seed " + seed + ": " + e);
                    } catch (final RuntimeException e) {
                        fail("seed " + seed + ", input " + new String(bad, StandardCharsets.UTF_8) + ": " + e, e);
                    }
                    scanOnly(bad, registry, seed, allowed);
                }
            }
        }
    }

    private static void scanOnly(final byte[] md, final RecipeRegistry registry, final long seed,
                                 final Set<ErrorCode> allowed) {
        try {
            Microdata.references(md);
            final Recipe recipe = registry.find(Microdata.typeOf(md));
            if (recipe != null) {
                Microdata.extractIdMicrodata(md, recipe);
            }
        } catch (final ChumException e) {
            assertTrue(allowed.contains(e.errorCode()), "seed " + seed + ": " + e);
        } catch (final RuntimeException e) {
            fail("seed " + seed + ", input " + new String(md, StandardCharsets.UTF_8) + ": " + e, e);
        }
    }

    private static byte[] mutate(final byte[] md, final Random r) {
        final int at = r.nextInt(md.length);
        final byte[] pool = "<>/\"& =ab0-.e\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        return switch (r.nextInt(4)) {
            case 0 -> {
                final byte[] out = md.clone();
                out[at] = pool[r.nextInt(pool.length)];
                yield out;
            }
            case 1 -> {
                final byte[] out = new byte[md.length - 1];
                System.arraycopy(md, 0, out, 0, at);
                System.arraycopy(md, at + 1, out, at, md.length - at - 1);
                yield out;
            }
            case 2 -> {
                final byte[] out = new byte[md.length + 1];
                System.arraycopy(md, 0, out, 0, at);
                out[at] = pool[r.nextInt(pool.length)];
                System.arraycopy(md, at, out, at + 1, md.length - at);
                yield out;
            }
            default -> Arrays.copyOf(md, at);
        };
    }

    private static String sha256(final byte[] data) throws Exception {
        return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    @Test
    void shouldGenerateTheSameObjectsForTheSameSeed() {
        final RandomObjects a = new RandomObjects(99);
        final RandomObjects b = new RandomObjects(99);
        final Recipe chum = CoreRecipes.CHUM_RECIPE;
        assertEquals(a.randomObject(chum), b.randomObject(chum));
        assertEquals(a.randomRecipe(), b.randomRecipe());
    }
}
