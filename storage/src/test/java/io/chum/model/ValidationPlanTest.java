package io.chum.model;

import io.chum.ChumException;
import io.chum.testing.RandomObjects;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fast validation path must never accept what the full check rejects, and must accept the usual object. */
class ValidationPlanTest {
    private static final long BASE_SEED = 0xA11_0CA7EL;

    @Test
    void shouldAcceptValidObjectsAndNeverAcceptBrokenOnes() {
        int valid = 0;
        int fast = 0;
        int broken = 0;
        for (int s = 0; s < 30; s++) {
            final long seed = BASE_SEED + s;
            final RandomObjects random = new RandomObjects(seed);
            final RecipeRegistry registry = random.registryWithRandomRecipes(6);
            for (final Recipe recipe : new ArrayList<>(registry.all())) {
                final ValidationPlan plan = ValidationPlan.of(recipe);
                for (int i = 0; i < 5; i++) {
                    final OneObject o = random.randomObject(recipe);
                    assertDoesNotThrow(() -> OneObjects.validate(o, registry), () -> "seed " + seed + ": " + o);
                    valid++;
                    fast += plan.rules.accepts(o.values()) ? 1 : 0;
                    for (final Map<String, Object> bad : breakages(recipe, o.values())) {
                        assertFalse(plan.rules.accepts(bad), () -> "seed " + seed + ": accepted " + bad);
                        assertThrows(ChumException.class, () -> OneObjects.validate(OneObject.of(recipe.name(), bad),
                            registry), () -> "seed " + seed + ": " + bad);
                        broken++;
                    }
                }
            }
        }
        assertTrue(fast * 10 >= valid * 7, "fast path accepted only " + fast + " of " + valid);
        assertTrue(broken >= valid, "broken variants: " + broken);
    }

    /** Variants that violate the recipe: each value of the wrong Java type, a required value missing, a stray key. */
    private static List<Map<String, Object>> breakages(final Recipe recipe, final Map<String, Object> values) {
        final List<Map<String, Object>> out = new ArrayList<>();
        for (final Rule r : recipe.rules()) {
            final Map<String, Object> wrong = new LinkedHashMap<>(values);
            wrong.put(r.itemprop(), r.itemtype() instanceof ItemType.StringType ? (Object) 1L : (Object) "x");
            out.add(wrong);
            if (!r.optional()) {
                final Map<String, Object> missing = new LinkedHashMap<>(values);
                missing.remove(r.itemprop());
                out.add(missing);
            }
        }
        final Map<String, Object> stray = new LinkedHashMap<>(values);
        stray.put("no such rule", "x");
        out.add(stray);
        return out;
    }
}
