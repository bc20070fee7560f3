package io.chum.microdata;

import io.chum.ErrorCode;
import io.chum.model.CoreRecipes;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.OneObject;
import io.chum.model.Recipe;
import io.chum.model.RecipeRegistry;
import io.chum.testing.RandomObjects;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.chum.microdata.MicrodataWriterTest.H1;
import static io.chum.microdata.MicrodataWriterTest.H2;
import static io.chum.microdata.MicrodataWriterTest.code;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class MicrodataParserTest {
    private static final String PERSON = "<div itemscope itemtype=\"//refin.io/Person\"><span itemprop=\"email\">"
        + "a@b.c</span><span itemprop=\"name\">Al</span></div>";
    private static final String EDGE = "<div itemscope itemtype=\"//refin.io/VersionNodeEdge\"><a itemprop=\"data\" "
        + "data-type=\"obj\">" + H1 + "</a><span itemprop=\"depth\">DEPTH</span><span itemprop=\"creationTime\">5"
        + "</span></div>";

    private final RecipeRegistry registry = RecipeRegistry.withCoreRecipes();
    private final MicrodataParser parser = new MicrodataParser(registry);
    private final MicrodataWriter writer = new MicrodataWriter(registry);

    private static byte[] utf8(final String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private void roundTrip(final OneObject o) {
        final byte[] md = writer.render(o);
        final OneObject parsed = parser.parse(md);
        assertArrayEquals(md, writer.render(parsed), () -> new String(md, StandardCharsets.UTF_8));
        if (registry.recipe(o.type()).isVersioned()) {
            final byte[] id = writer.renderIdObject(o);
            assertArrayEquals(id, writer.renderIdObject(parser.parseIdObject(id)));
        }
    }

    @Test
    void shouldParseTheSpecExamplesBackToTheSameObject() {
        assertEquals(OneObject.of("Person", Map.of("email", "a@b.c", "name", "Al")), parser.parse(utf8(PERSON)));
        final OneObject access = OneObject.of("Access", Map.of("object", Hash.ofHex(H1),
            "person", List.of(IdHash.ofHex(H1), IdHash.ofHex(H2)), "group", List.of()));
        assertEquals(access, parser.parse(writer.render(access)));
        final OneObject change = OneObject.of("VersionNodeChange", Map.of("prev", Hash.ofHex(H1),
            "data", Hash.ofHex(H2), "depth", 1.0, "creationTime", 1.7e12));
        assertEquals(change, parser.parse(writer.render(change)));
        final OneObject chum = MicrodataWriterTest.chum(List.of(Hash.ofHex(H1)));
        assertEquals(chum, parser.parse(writer.render(chum)));
    }

    @Test
    void shouldRoundTripEveryCoreType() {
        final RandomObjects random = new RandomObjects(7);
        for (final Recipe recipe : CoreRecipes.ALL) {
            for (int i = 0; i < 20; i++) {
                roundTrip(random.randomObject(recipe));
            }
        }
    }

    @Test
    void shouldRejectIdObjectsAndObjectsInTheWrongMethod() {
        final byte[] id = writer.renderIdObject(OneObject.of("Person", Map.of("email", "a")));
        assertEquals(ErrorCode.BAD_MICRODATA, code(() -> parser.parse(id)));
        assertEquals(ErrorCode.BAD_MICRODATA, code(() -> parser.parseIdObject(utf8(PERSON))));
        assertEquals(ErrorCode.UNKNOWN_TYPE, code(() -> parser.parse(utf8(PERSON.replace("Person", "Persona")))));
        // A non-ID property inside ID-object microdata.
        assertEquals(ErrorCode.BAD_MICRODATA, code(() -> parser.parseIdObject(utf8(PERSON.replace(
            "<div itemscope", "<div data-id-object=\"true\" itemscope")))));
    }

    @Test
    void shouldRejectEverythingTheWriterWouldNotProduce() {
        final List<String> bad = List.of(
            PERSON.replace("a@b.c", "a&quot;b"),                       // other entity
            PERSON.replace("a@b.c", "a&amp"),                          // unterminated entity
            PERSON.replace("a@b.c", "a>b"),                            // raw '>'
            PERSON.replace("a@b.c", "a<b"),                            // raw '<'
            PERSON.replace("</span><span", "</span> <span"),           // whitespace between tags
            PERSON + "\n",                                              // trailing bytes
            PERSON.replace("itemprop=\"email\"", "itemprop='email'"),  // other quoting
            PERSON.replace("<span itemprop=\"name\">", "<span  itemprop=\"name\">"),
            PERSON.replace("span itemprop=\"name\">Al</span", "b itemprop=\"name\">Al</b"),
            "<div itemscope itemtype=\"//refin.io/Person\"><span itemprop=\"name\">Al</span><span itemprop=\"email\">"
                + "a@b.c</span></div>",                                  // wrong rule order
            "<div itemscope itemtype=\"//refin.io/Person\"><span itemprop=\"name\">Al</span></div>", // missing value
            PERSON.replace("<div itemscope", "<DIV itemscope"),
            PERSON.replace("</div>", ""),
            PERSON.substring(0, 60),
            "",
            EDGE.replace("DEPTH", "1.0"), EDGE.replace("DEPTH", "01"), EDGE.replace("DEPTH", "1E5"),
            EDGE.replace("DEPTH", "1e5"), EDGE.replace("DEPTH", "+1"), EDGE.replace("DEPTH", "-0"),
            EDGE.replace("DEPTH", " 1"), EDGE.replace("DEPTH", "NaN"), EDGE.replace("DEPTH", "Infinity"),
            EDGE.replace("DEPTH", "0x10"), EDGE.replace("DEPTH", "1d"), EDGE.replace("DEPTH", ""),
            EDGE.replace("DEPTH", "1e+400"), EDGE.replace("DEPTH", "0.10"), EDGE.replace("DEPTH", "1.5E-7"),
            EDGE.replace("DEPTH", "1").replace(H1, H1.toUpperCase()),
            EDGE.replace("DEPTH", "1").replace(H1, H1.substring(2)),
            EDGE.replace("DEPTH", "1").replace("data-type=\"obj\"", "data-type=\"id\""));
        for (final String s : bad) {
            assertEquals(ErrorCode.BAD_MICRODATA, code(() -> parser.parse(utf8(s))), s);
        }
        assertEquals(1.5e-7, parser.parse(utf8(EDGE.replace("DEPTH", "1.5e-7"))).get("depth"));
        assertEquals(1e21, parser.parse(utf8(EDGE.replace("DEPTH", "1e+21"))).get("depth"));
    }

    @Test
    void shouldRejectNonCanonicalIntegersAndCollections() {
        final String chum = new String(writer.render(MicrodataWriterTest.chum(List.of(Hash.ofHex(H1),
            Hash.ofHex(H2)))), StandardCharsets.UTF_8);
        final String exists = "<span itemprop=\"BtoAExists\">0</span>";
        for (final String n : List.of("00", "-0", "1.0", "9007199254740992", "-9007199254740992", "1e3", "")) {
            final String s = chum.replace(exists, exists.replace(">0<", ">" + n + "<"));
            assertEquals(ErrorCode.BAD_MICRODATA, code(() -> parser.parse(utf8(s))), n);
        }
        final String unsorted = chum.replace("<li><a data-type=\"obj\">" + H1 + "</a></li><li><a data-type=\"obj\">" + H2
            + "</a></li>", "<li><a data-type=\"obj\">" + H2 + "</a></li><li><a data-type=\"obj\">" + H1 + "</a></li>");
        assertEquals(ErrorCode.BAD_MICRODATA, code(() -> parser.parse(utf8(unsorted))));
        final OneObject merge = OneObject.of("VersionNodeMerge", Map.of("nodes", List.of(Hash.ofHex(H1)),
            "data", Hash.ofHex(H2), "depth", 1.0, "creationTime", 2.0));
        final String one = "<li><a data-type=\"obj\">" + H1 + "</a></li>";
        final String dup = new String(writer.render(merge), StandardCharsets.UTF_8).replace(one, one + one);
        assertEquals(ErrorCode.BAD_MICRODATA, code(() -> parser.parse(utf8(dup))));
        assertEquals(ErrorCode.BAD_MICRODATA, code(() -> parser.parse(utf8(chum.replace("<li>zeta</li>",
            "<li>zeta</li><li></li >")))));
    }

    @Test
    void shouldRejectListItemsWhoseTagsAreBroken() {
        final String chum = new String(writer.render(MicrodataWriterTest.chum(List.of(Hash.ofHex(H1),
            Hash.ofHex(H2)))), StandardCharsets.UTF_8);
        final String a1 = "<a data-type=\"obj\">" + H1 + "</a>";
        final String a2 = "<a data-type=\"obj\">" + H2 + "</a>";
        final String items = "<li>" + a1 + "</li><li>" + a2 + "</li>";
        assertEquals(MicrodataWriterTest.chum(List.of(Hash.ofHex(H1), Hash.ofHex(H2))), parser.parse(utf8(chum)));
        for (final String broken : List.of(
            "<li>" + a1 + "<li>" + a2 + "</li>",                               // no </li> between two items
            "<li>" + a1 + "</li><li>" + a2,                                     // none after the last
            "<li>" + a1 + "</li> <li>" + a2 + "</li>",                          // whitespace between items
            "<li>" + a1 + "</li><li>" + a2 + "</li><li></li>",                  // an empty item after them
            "<li>" + a1 + "</li><li>" + a2 + "</li><li>",                       // an item that does not end
            "<li>" + H1 + "</li><li>" + a2 + "</li>",                           // an item without its <a>
            "<li>" + a1 + "</li><li>" + a2.replace("obj", "id") + "</li>",      // another kind of reference
            "<li>" + a1 + "</li><li>" + a2.replace("</a>", "") + "</li>",       // an <a> that does not end
            "<li><li>" + a1 + "</li>" + a2 + "</li>")) {                        // tags out of place
            final String s = chum.replace(items, broken);
            assertEquals(ErrorCode.BAD_MICRODATA, code(() -> parser.parse(utf8(s))), broken);
        }
    }

    @Test
    void shouldRejectNonCanonicalJson() {
        final String base = new String(writer.render(MicrodataWriterTest.chum(List.of())), StandardCharsets.UTF_8);
        final String stats = "{\"requestsReceivedInvalid\":0,\"requestsReceivedTotal\":2,\"requestsSentTotal\":3}";
        for (final String json : List.of(
            "{\"requestsReceivedTotal\":2,\"requestsReceivedInvalid\":0,\"requestsSentTotal\":3}", // unsorted keys
            "{\"requestsReceivedInvalid\":0.0,\"requestsReceivedTotal\":2,\"requestsSentTotal\":3}",
            "{ \"requestsReceivedInvalid\":0,\"requestsReceivedTotal\":2,\"requestsSentTotal\":3}",
            "{\"requests\\u0052eceivedInvalid\":0,\"requestsReceivedTotal\":2,\"requestsSentTotal\":3}",
            "{\"a\":1,\"a\":1}", "{\"a\":\"\\/\"}", "{\"a\":\"\\u001F\"}", "'x'", "[1,]", "", "{\"a\":NaN}",
            "\"x\" 1")) {
            final String s = base.replace(stats, json.replace("&", "&amp;").replace("<", "&lt;"));
            assertEquals(ErrorCode.BAD_MICRODATA, code(() -> parser.parse(utf8(s))), json);
        }
        for (final String json : List.of("{\"a\":\"\\u001f\\ud800<&>\"}", "[null,true,-1.5e-7,\"\u2028\"]",
            "{\"\\udc00\":{}}", "1152921504606847000")) {
            final String s = base.replace(stats, json.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"));
            assertArrayEquals(utf8(s), writer.render(parser.parse(utf8(s))), json);
        }
    }

    @Test
    void shouldRejectInvalidUtf8() {
        final byte[] ok = utf8(PERSON);
        final int at = PERSON.indexOf("Al");
        for (final byte[] seq : List.of(new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xC0, (byte) 0xAF},
            new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xE2, (byte) 0x82})) {
            final byte[] md = new byte[ok.length + seq.length];
            System.arraycopy(ok, 0, md, 0, at);
            System.arraycopy(seq, 0, md, at, seq.length);
            System.arraycopy(ok, at, md, at + seq.length, ok.length - at);
            assertEquals(ErrorCode.BAD_MICRODATA, code(() -> parser.parse(md)));
        }
    }
}
