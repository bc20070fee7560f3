package io.chum.microdata;

import io.chum.model.ItemType;
import io.chum.model.OneObject;
import io.chum.model.Recipe;
import io.chum.model.RecipeRegistry;
import io.chum.model.Rule;
import io.chum.testing.RandomObjects;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BytesAndOrderTest {

    @Test
    void shouldFindBytesLikeANaiveSearch() {
        final long seed = 4242;
        final Random random = new Random(seed);
        final byte[] alphabet = {'<', '=', ';', '>', 'a', 0, (byte) 0x80, (byte) 0xBC, (byte) 0xFF, 0x3B};
        for (int round = 0; round < 2000; round++) {
            final byte[] b = new byte[random.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                b[i] = alphabet[random.nextInt(alphabet.length)];
            }
            final byte x = alphabet[random.nextInt(alphabet.length)];
            final int from = random.nextInt(b.length + 2) - 1;
            int expected = -1;
            for (int i = Math.max(from, 0); i < b.length; i++) {
                if (b[i] == x) {
                    expected = i;
                    break;
                }
            }
            assertEquals(expected, Bytes.indexOf(b, x, from), "seed " + seed + ", round " + round);
        }
    }

    /** The rendered bag must list its items in String.compareTo order of the complete {@code <li>} strings. */
    @Test
    void shouldOrderBagItemsExactlyAsJavaScriptSortsTheLiStrings() {
        final long seed = 777;
        final RandomObjects random = new RandomObjects(seed);
        final RecipeRegistry registry = RecipeRegistry.withCoreRecipes();
        registry.register(new Recipe("Words", List.of(
            Rule.of("w", new ItemType.BagType(ItemType.StringType.PLAIN)))));
        final MicrodataWriter writer = new MicrodataWriter(registry);
        for (int round = 0; round < 300; round++) {
            final List<String> words = new ArrayList<>();
            for (int i = random.random().nextInt(8); i > 0; i--) {
                words.add(random.randomString());
            }
            final List<String> li = new ArrayList<>();
            for (final String w : words) {
                li.add("<li>" + w.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + "</li>");
            }
            li.sort(null);
            final String expected = Microdata.MICRODATA_START + "Words\"><ul itemprop=\"w\">" + String.join("", li)
                + "</ul></div>";
            final byte[] actual = writer.render(OneObject.of("Words", Map.of("w", words)));
            assertEquals(expected, new String(actual, StandardCharsets.UTF_8), "seed " + seed + ", round " + round);
        }
    }
}
