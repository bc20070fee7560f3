package io.chum.bench;

import io.chum.microdata.Microdata;
import io.chum.model.OneObject;
import io.chum.model.RecipeRegistry;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmark objects are what the benchmarks claim: exact sizes, the right kind of text, deterministic. */
class BenchObjectsTest {
    private final RecipeRegistry registry = BenchObjects.registry();

    @Test
    void shouldRenderNotesToExactlyTheRequestedSize() {
        for (final int size : new int[] {1024, 4096}) {
            for (final BenchObjects.Text text : BenchObjects.Text.values()) {
                final OneObject note = BenchObjects.note(registry, size, text);
                assertEquals(size, BenchObjects.microdata(note, registry).length, size + " " + text);
            }
        }
    }

    @Test
    void shouldUseNonAsciiTextOnlyInTheUtf8Variant() {
        final String ascii = BenchObjects.note(registry, 1024, BenchObjects.Text.ASCII).getString("text");
        final String utf8 = BenchObjects.note(registry, 1024, BenchObjects.Text.UTF8).getString("text");
        assertTrue(ascii.chars().allMatch(c -> c < 0x80), ascii);
        assertFalse(utf8.chars().allMatch(c -> c < 0x80), utf8);
        assertTrue(ascii.length() > 500, "the text should be the bulk of the note: " + ascii.length());
    }

    @Test
    void shouldBuildTheSameBytesEveryTime() {
        final OneObject a = BenchObjects.note(registry, 1024, BenchObjects.Text.UTF8);
        final OneObject b = BenchObjects.note(BenchObjects.registry(), 1024, BenchObjects.Text.UTF8);
        assertArrayEquals(BenchObjects.microdata(a, registry), BenchObjects.microdata(b, registry));
    }

    @Test
    void shouldPutEveryLinkAndTheAuthorIntoTheLinkedNote() {
        final byte[] md = BenchObjects.microdata(BenchObjects.noteWithLinks(256), registry);
        assertEquals(257, Microdata.references(md).size());
    }

    @Test
    void shouldRefuseASizeTooSmallForTheFixedProperties() {
        assertThrows(IllegalArgumentException.class, () -> BenchObjects.note(registry, 100, BenchObjects.Text.ASCII));
    }
}
