package io.chum.microdata;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.model.CoreRecipes;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.OneObject;
import io.chum.model.Recipe;
import io.chum.model.RecipeRegistry;
import io.chum.model.Reference;
import io.chum.model.ReferenceKind;
import io.chum.testing.RandomObjects;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static io.chum.microdata.MicrodataWriterTest.H1;
import static io.chum.microdata.MicrodataWriterTest.H2;
import static io.chum.microdata.MicrodataWriterTest.H3;
import static io.chum.microdata.MicrodataWriterTest.code;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MicrodataTest {
    private final RecipeRegistry registry = RecipeRegistry.withCoreRecipes();
    private final MicrodataWriter writer = new MicrodataWriter(registry);

    private static byte[] utf8(final String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static List<Reference> sorted(final List<Reference> refs) {
        return refs.stream().sorted(Comparator.comparing((Reference r) -> r.kind())
            .thenComparing(Reference::target)).toList();
    }

    @Test
    void shouldReadTypeAndIdFlagFromTheHeader() {
        final OneObject p = OneObject.of("Person", Map.of("email", "x"));
        assertEquals("Person", Microdata.typeOf(writer.render(p)));
        assertEquals("Person", Microdata.typeOf(writer.renderIdObject(p)));
        assertFalse(Microdata.isIdObject(writer.render(p)));
        assertTrue(Microdata.isIdObject(writer.renderIdObject(p)));
        assertEquals("Tÿpe", Microdata.typeOf(utf8(Microdata.MICRODATA_START + "Tÿpe\"></div>")));
        for (final String bad : List.of("", "<div>", Microdata.MICRODATA_START + "\"></div>",
            Microdata.MICRODATA_START + "Person", Microdata.MICRODATA_START + "Per<son\"></div>",
            Microdata.MICRODATA_START + "Person\" ></div>", "<div  itemscope itemtype=\"//refin.io/Person\">")) {
            assertEquals(ErrorCode.BAD_MICRODATA, code(() -> Microdata.typeOf(utf8(bad))), bad);
        }
        final byte[] invalidUtf8 = utf8(Microdata.MICRODATA_START + "X\"></div>");
        invalidUtf8[Microdata.MICRODATA_START.length()] = (byte) 0xFF;
        assertEquals(ErrorCode.BAD_MICRODATA, code(() -> Microdata.typeOf(invalidUtf8)));
    }

    @Test
    void shouldFindReferencesInMicrodataOrder() {
        final OneObject chum = MicrodataWriterTest.chum(List.of(Hash.ofHex(H2), Hash.ofHex(H1)));
        final List<Reference> refs = Microdata.references(writer.render(chum));
        assertEquals(List.of(new Reference(ReferenceKind.OBJ, Hash.ofHex(H1)),
            new Reference(ReferenceKind.OBJ, Hash.ofHex(H2)), new Reference(ReferenceKind.ID, IdHash.ofHex(H1)),
            new Reference(ReferenceKind.CLOB, Hash.ofHex(H3)), new Reference(ReferenceKind.BLOB, Hash.ofHex(H2)),
            new Reference(ReferenceKind.BLOB, Hash.ofHex(H2))), refs);
        assertEquals(sorted(RandomObjects.referencesOf(chum, registry)), sorted(refs));
        assertEquals(List.of(), Microdata.references(writer.render(OneObject.of("Person", Map.of("email", "<a ")))));
    }

    @Test
    void shouldRejectMalformedAnchors() {
        final String ok = "<a itemprop=\"object\" data-type=\"obj\">" + H1 + "</a>";
        for (final String bad : List.of("<a itemprop=\"object\" data-type=\"xyz\">" + H1 + "</a>",
            "<a itemprop=\"object\">" + H1 + "</a>", "<a data-type=\"obj\">" + H1.toUpperCase() + "</a>",
            "<a data-type=\"obj\">" + H1.substring(1) + "</a>", "<a data-type=\"obj\">" + H1 + "</b>",
            "<a itemprop=\"\" data-type=\"obj\">" + H1 + "</a>", "<a itemprop=\"x data-type=\"obj\">" + H1 + "</a>",
            "<a data-type=\"obj\" >" + H1 + "</a>", "<a data-type=\"obj\">" + H1)) {
            final byte[] md = utf8(Microdata.MICRODATA_START + "Access\">" + bad + "</div>");
            assertEquals(ErrorCode.BAD_MICRODATA, code(() -> Microdata.references(md)), bad);
        }
        assertEquals(1, Microdata.references(utf8(Microdata.MICRODATA_START + "Access\">" + ok + "</div>")).size());
    }

    @Test
    void shouldRejectAReferenceTargetThatIsNotSixtyFourHexDigitsAsMicrodata() {
        // the digits are validated once, by the hash parser; its error becomes the microdata's, with the position
        final String start = Microdata.MICRODATA_START + "Access\">";
        for (final String bad : List.of(start + "<a data-type=\"id\">" + H1.toUpperCase() + "</a></div>",
            start + "<a data-type=\"blob\">" + H1.substring(0, 63) + "g</a></div>",
            start + "<a data-type=\"obj\">" + H1.substring(0, 40))) {
            final ChumException e = assertThrows(ChumException.class, () -> Microdata.references(utf8(bad)), bad);
            assertEquals(ErrorCode.BAD_MICRODATA, e.errorCode(), bad);
            assertEquals("reference target is not 64 lowercase hex characters at byte " + start.length(), e.reason(),
                bad);
            assertEquals(ErrorCode.BAD_HASH, ((ChumException) e.getCause()).errorCode(), "the parser's error is kept");
        }
    }

    @Test
    void shouldExtractIdMicrodataEqualToRenderingTheIdObject() {
        final RandomObjects random = new RandomObjects(11);
        for (final Recipe recipe : CoreRecipes.ALL) {
            if (!recipe.isVersioned()) {
                continue;
            }
            for (int i = 0; i < 20; i++) {
                final OneObject o = random.randomObject(recipe);
                assertArrayEquals(writer.renderIdObject(o), Microdata.extractIdMicrodata(writer.render(o), recipe),
                    recipe.name());
            }
        }
    }

    @Test
    void shouldRefuseIdExtractionItCannotDo() {
        final byte[] person = writer.render(OneObject.of("Person", Map.of("email", "x")));
        final byte[] idObject = writer.renderIdObject(OneObject.of("Person", Map.of("email", "x")));
        assertEquals(ErrorCode.BAD_MICRODATA,
            code(() -> Microdata.extractIdMicrodata(person, CoreRecipes.GROUP_RECIPE)));
        assertEquals(ErrorCode.BAD_MICRODATA,
            code(() -> Microdata.extractIdMicrodata(idObject, CoreRecipes.PERSON_RECIPE)));
        final byte[] edge = writer.render(OneObject.of("VersionNodeEdge", Map.of("data", Hash.ofHex(H1),
            "depth", 0.0, "creationTime", 1.0)));
        assertEquals(ErrorCode.NOT_VERSIONED,
            code(() -> Microdata.extractIdMicrodata(edge, CoreRecipes.VERSION_NODE_EDGE_RECIPE)));
        final byte[] noEmail = utf8(Microdata.MICRODATA_START + "Person\"><span itemprop=\"name\">n</span></div>");
        assertEquals(ErrorCode.BAD_MICRODATA,
            code(() -> Microdata.extractIdMicrodata(noEmail, CoreRecipes.PERSON_RECIPE)));
        final byte[] unclosed = utf8(Microdata.MICRODATA_START + "Person\"><span itemprop=\"email\">n</div>");
        assertEquals(ErrorCode.BAD_MICRODATA,
            code(() -> Microdata.extractIdMicrodata(unclosed, CoreRecipes.PERSON_RECIPE)));
        final byte[] trailing = utf8(new String(person, StandardCharsets.UTF_8) + "x");
        assertEquals(ErrorCode.BAD_MICRODATA,
            code(() -> Microdata.extractIdMicrodata(trailing, CoreRecipes.PERSON_RECIPE)));
    }
}
