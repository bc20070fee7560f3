package io.chum.microdata;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.model.CoreRecipes;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.ItemType;
import io.chum.model.ObjectJson;
import io.chum.model.OneObject;
import io.chum.model.Recipe;
import io.chum.model.RecipeRegistry;
import io.chum.model.Rule;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MicrodataWriterTest {
    static final String H1 = "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9";
    static final String H2 = "ff00ee11dd22cc33bb44aa5599668877ff00ee11dd22cc33bb44aa5599668877";
    static final String H3 = "1234567890abcdef1234567890abcdef1234567890abcdef1234567890abcdef";

    private final RecipeRegistry registry = RecipeRegistry.withCoreRecipes();
    private final MicrodataWriter writer = new MicrodataWriter(registry);

    static OneObject person(final String email, final String name) {
        final Map<String, Object> v = new LinkedHashMap<>();
        v.put("email", email);
        if (name != null) {
            v.put("name", name);
        }
        return OneObject.of(CoreRecipes.PERSON, v);
    }

    static String sha256Hex(final String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    private String render(final OneObject o) {
        return new String(writer.render(o), StandardCharsets.UTF_8);
    }

    @Test
    void shouldRenderTheSpecPersonExamplesByteForByte() throws Exception {
        final String person = "<div itemscope itemtype=\"//refin.io/Person\"><span itemprop=\"email\">alice@mail.com"
            + "</span><span itemprop=\"name\">Alice</span></div>";
        final String personId = "<div data-id-object=\"true\" itemscope itemtype=\"//refin.io/Person\">"
            + "<span itemprop=\"email\">alice@mail.com</span></div>";
        // Property order in the Java map must not matter: the recipe order does.
        final OneObject alice = OneObject.of("Person", Map.of("name", "Alice", "email", "alice@mail.com"));
        assertEquals(person, render(alice));
        assertEquals(personId, new String(writer.renderIdObject(alice), StandardCharsets.UTF_8));

        final Canonical.Encoded e = Canonical.encode(alice, registry);
        assertArrayEquals(person.getBytes(StandardCharsets.UTF_8), e.microdata());
        assertEquals(sha256Hex(person), e.hash().toHex());
        assertEquals(sha256Hex(personId), e.idHash().toHex());
        assertEquals(e.idHash(), Canonical.idHashOf(person("alice@mail.com", null), registry));
    }

    @Test
    void shouldRenderTheSpecAccessExample() throws Exception {
        final String access = "<div itemscope itemtype=\"//refin.io/Access\"><a itemprop=\"object\" data-type=\"obj\">"
            + H1 + "</a><ul itemprop=\"person\"><li><a data-type=\"id\">" + H2 + "</a></li></ul>"
            + "<ul itemprop=\"group\"></ul></div>";
        final OneObject o = OneObject.of("Access", Map.of("object", Hash.ofHex(H1),
            "person", List.of(IdHash.ofHex(H2)), "group", List.of()));
        assertEquals(access, render(o));
        final Canonical.Encoded e = Canonical.encode(o, registry);
        assertEquals(sha256Hex(access), e.hash().toHex());
        final String accessId = "<div data-id-object=\"true\" itemscope itemtype=\"//refin.io/Access\">"
            + "<a itemprop=\"object\" data-type=\"obj\">" + H1 + "</a></div>";
        assertEquals(sha256Hex(accessId), e.idHash().toHex());
    }

    @Test
    void shouldRenderTheSpecVersionNodeChangeExample() throws Exception {
        final String node = "<div itemscope itemtype=\"//refin.io/VersionNodeChange\"><a itemprop=\"prev\" "
            + "data-type=\"obj\">" + H1 + "</a><a itemprop=\"data\" data-type=\"obj\">" + H2 + "</a>"
            + "<span itemprop=\"depth\">1</span><span itemprop=\"creationTime\">1700000000000</span></div>";
        final OneObject o = OneObject.of("VersionNodeChange", Map.of("prev", Hash.ofHex(H1), "data", Hash.ofHex(H2),
            "depth", 1.0, "creationTime", 1.7e12));
        assertEquals(node, render(o));
        final Canonical.Encoded e = Canonical.encode(o, registry);
        assertEquals(sha256Hex(node), e.hash().toHex());
        assertEquals(null, e.idHash());
        assertEquals(null, e.idMicrodata());
    }

    @Test
    void shouldEscapeOnlyAmpersandAndAngleBrackets() {
        final String s = render(person("a&b<c>d\"e'f&amp;", null));
        assertTrue(s.contains(">a&amp;b&lt;c&gt;d\"e'f&amp;amp;</span>"), s);
        final String longText = "x".repeat(100) + "&<>\"" + "é".repeat(30);
        final String l = render(person(longText, null));
        assertTrue(l.contains(">" + "x".repeat(100) + "&amp;&lt;&gt;\"" + "é".repeat(30) + "</span>"), l);
    }

    @Test
    void shouldEncodeNonAsciiAsUtf8() {
        final String text = "ünï 中文 \uFB01 😀 \u0000\u007f";
        final byte[] md = writer.render(person(text, "x".repeat(40) + "ß"));
        final String expected = "<div itemscope itemtype=\"//refin.io/Person\"><span itemprop=\"email\">" + text
            + "</span><span itemprop=\"name\">" + "x".repeat(40) + "ß</span></div>";
        assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8), md);
    }

    @Test
    void shouldRefuseUnpairedSurrogates() {
        for (final String bad : List.of("a\uD800", "\uDC00b", "x".repeat(40) + "\uD83D", "\uD83D\uD83D")) {
            final ChumException e = assertThrows(ChumException.class, () -> writer.render(person(bad, null)));
            assertEquals(ErrorCode.WRONG_TYPE, e.errorCode());
            assertTrue(e.getMessage().contains("Person.email"), e.getMessage());
        }
    }

    @Test
    void shouldSortBagItemsByUtf16CodeUnitsOfTheRenderedItems() {
        final RecipeRegistry reg = RecipeRegistry.withCoreRecipes();
        reg.register(new Recipe("Tags", List.of(Rule.of("tag", new ItemType.BagType(ItemType.StringType.PLAIN)))));
        final MicrodataWriter w = new MicrodataWriter(reg);
        // U+FB01 (EF AC 81) precedes 😀 (F0 9F 98 80) in code point order; UTF-16 puts 😀 (D83D…) first.
        final List<String> items = List.of("\uFB01", "\uD83D\uDE00", "b", "a<", "a", "10", "9", "a&", "");
        assertTrue("\uFB01".codePointAt(0) < "\uD83D\uDE00".codePointAt(0));
        final List<String> sortedLi = new ArrayList<>();
        for (final String it : items) {
            sortedLi.add("<li>" + it.replace("&", "&amp;").replace("<", "&lt;") + "</li>");
        }
        sortedLi.sort(null);
        final String expected = "<div itemscope itemtype=\"//refin.io/Tags\"><ul itemprop=\"tag\">"
            + String.join("", sortedLi) + "</ul></div>";
        final String actual = new String(w.render(OneObject.of("Tags", Map.of("tag", items))), StandardCharsets.UTF_8);
        assertEquals(expected, actual);
        assertTrue(actual.indexOf("\uD83D\uDE00") < actual.indexOf("\uFB01"), actual);
        // "a" < "a&" as strings, but "<li>a</li>" > "<li>a&amp;</li>" ('<' 0x3C > '&' 0x26): JS sorts the <li> strings.
        assertTrue(actual.indexOf("<li>a&amp;</li>") < actual.indexOf("<li>a</li>"), actual);
        assertTrue(actual.indexOf("<li>10</li>") < actual.indexOf("<li>9</li>"), actual);
    }

    @Test
    void shouldSortReferenceBagsAndKeepArraysInOrder() {
        final OneObject chum = chum(List.of(Hash.ofHex(H2), Hash.ofHex(H1), Hash.ofHex(H3)));
        final String s = render(chum);
        assertTrue(s.indexOf(H1) < s.indexOf(H3) && s.indexOf(H3) < s.indexOf(H2), s);
        assertTrue(s.contains("<ol itemprop=\"instance\"><li>zeta</li><li>alpha</li></ol>"), s);
    }

    static OneObject chum(final List<Hash> atoBObjects) {
        final Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", "chum");
        v.put("instance", List.of("zeta", "alpha"));
        v.put("person", List.of(H1, "undefined"));
        v.put("highestRemoteTimestamp", 1_700_000_000_123L);
        v.put("AtoBObjects", atoBObjects);
        v.put("AtoBIdObjects", List.of(IdHash.ofHex(H1)));
        v.put("AtoBBlob", List.of());
        v.put("AtoBClob", List.of(Hash.ofHex(H3)));
        v.put("BtoAObjects", List.of());
        v.put("BtoAIdObjects", List.of());
        v.put("BtoABlob", List.of(Hash.ofHex(H2), Hash.ofHex(H2)));
        v.put("BtoAClob", List.of());
        v.put("BtoAExists", 0L);
        final ObjectNode stats = JsonNodeFactory.instance.objectNode();
        stats.put("requestsSentTotal", 3).put("requestsReceivedTotal", 2).put("requestsReceivedInvalid", 0);
        v.put("statistics", stats);
        return OneObject.of(CoreRecipes.CHUM, v);
    }

    @Test
    void shouldRenderTheWholeChumObject() throws Exception {
        final String expected = "<div itemscope itemtype=\"//refin.io/Chum\"><span itemprop=\"name\">chum</span>"
            + "<ol itemprop=\"instance\"><li>zeta</li><li>alpha</li></ol>"
            + "<ol itemprop=\"person\"><li>" + H1 + "</li><li>undefined</li></ol>"
            + "<span itemprop=\"highestRemoteTimestamp\">1700000000123</span>"
            + "<ul itemprop=\"AtoBObjects\"><li><a data-type=\"obj\">" + H1 + "</a></li></ul>"
            + "<ul itemprop=\"AtoBIdObjects\"><li><a data-type=\"id\">" + H1 + "</a></li></ul>"
            + "<ul itemprop=\"AtoBBlob\"></ul>"
            + "<ul itemprop=\"AtoBClob\"><li><a data-type=\"clob\">" + H3 + "</a></li></ul>"
            + "<ul itemprop=\"BtoAObjects\"></ul><ul itemprop=\"BtoAIdObjects\"></ul>"
            + "<ul itemprop=\"BtoABlob\"><li><a data-type=\"blob\">" + H2 + "</a></li><li><a data-type=\"blob\">" + H2
            + "</a></li></ul><ul itemprop=\"BtoAClob\"></ul><span itemprop=\"BtoAExists\">0</span>"
            + "<span itemprop=\"statistics\">{\"requestsReceivedInvalid\":0,\"requestsReceivedTotal\":2,"
            + "\"requestsSentTotal\":3}</span></div>";
        final Canonical.Encoded e = Canonical.encode(chum(List.of(Hash.ofHex(H1))), registry);
        assertEquals(expected, new String(e.microdata(), StandardCharsets.UTF_8));
        assertEquals(sha256Hex(expected), e.hash().toHex());
        assertEquals(sha256Hex("<div data-id-object=\"true\" itemscope itemtype=\"//refin.io/Chum\">"
            + "<span itemprop=\"name\">chum</span><ol itemprop=\"instance\"><li>zeta</li><li>alpha</li></ol>"
            + "<ol itemprop=\"person\"><li>" + H1 + "</li><li>undefined</li></ol></div>"), e.idHash().toHex());
    }

    @Test
    void shouldRenderARecipeObjectsRulesInTheOrderOfOnesRecipeRecipe() {
        final OneObject recipe = ObjectJson.fromJson("{\"rule\":[{\"inheritFrom\":\"Foo.bar\",\"itemtype\":"
            + "{\"type\":\"string\"},\"isId\":true,\"optional\":true,\"itemprop\":\"a\"}],\"name\":\"App$X\"}",
            CoreRecipes.RECIPE, registry);
        // one.core's CORE_RECIPES: itemprop, optional, isId, itemtype, inheritFrom (one-spec.md §2)
        assertEquals("<div itemscope itemtype=\"//refin.io/Recipe\"><span itemprop=\"name\">App$X</span>"
            + "<ol itemprop=\"rule\"><li><div><span itemprop=\"itemprop\">a</span><span itemprop=\"optional\">true"
            + "</span><span itemprop=\"isId\">true</span><span itemprop=\"itemtype\">{\"type\":\"string\"}</span>"
            + "<span itemprop=\"inheritFrom\">\"Foo.bar\"</span></div></li></ol></div>",
            new String(new MicrodataWriter(registry).render(recipe), StandardCharsets.UTF_8));
    }

    @Test
    void shouldRenderNestedCollectionsAndObjects() {
        final RecipeRegistry reg = RecipeRegistry.withCoreRecipes();
        final ItemType.ObjectType point = new ItemType.ObjectType(List.of(
            Rule.of("x", ItemType.IntegerType.ANY), Rule.optional("label", ItemType.StringType.PLAIN)));
        reg.register(new Recipe("Nest", List.of(
            Rule.of("bagOfArrays", new ItemType.BagType(new ItemType.ArrayType(ItemType.IntegerType.ANY))),
            Rule.of("mapOfSets", new ItemType.MapType(ItemType.StringType.PLAIN,
                new ItemType.SetType(ItemType.StringType.PLAIN))),
            Rule.of("points", new ItemType.ArrayType(point)),
            Rule.of("one", point),
            Rule.of("flag", ItemType.BooleanType.INSTANCE),
            Rule.of("ratio", ItemType.NumberType.INSTANCE))));
        final Map<String, Object> mapOfSets = new LinkedHashMap<>();
        mapOfSets.put("z", List.of("b", "a"));
        mapOfSets.put("a", List.of());
        final OneObject o = OneObject.of("Nest", Map.of(
            "bagOfArrays", List.of(List.of(2L, 1L), List.of(), List.of(10L)),
            "mapOfSets", mapOfSets,
            "points", List.of(Map.of("x", 1L, "label", "<p>"), Map.of("x", -2L)),
            "one", Map.of("x", 3L),
            "flag", false,
            "ratio", -0.25));
        final String expected = "<div itemscope itemtype=\"//refin.io/Nest\">"
            + "<ul itemprop=\"bagOfArrays\"><li><ol></ol></li><li><ol><li>10</li></ol></li>"
            + "<li><ol><li>2</li><li>1</li></ol></li></ul>"
            + "<dl itemprop=\"mapOfSets\"><dt>z</dt><dd><ul><li>a</li><li>b</li></ul></dd><dt>a</dt><dd><ul></ul></dd>"
            + "</dl><ol itemprop=\"points\"><li><div><span itemprop=\"x\">1</span><span itemprop=\"label\">&lt;p&gt;"
            + "</span></div></li><li><div><span itemprop=\"x\">-2</span></div></li></ol>"
            + "<div itemprop=\"one\"><span itemprop=\"x\">3</span></div>"
            + "<span itemprop=\"flag\">false</span><span itemprop=\"ratio\">-0.25</span></div>";
        assertEquals(expected, new String(new MicrodataWriter(reg).render(o), StandardCharsets.UTF_8));
    }

    @Test
    void shouldOmitAbsentOptionalValuesAndIgnoreNonIdPropertiesInIdObjects() {
        assertEquals("<div itemscope itemtype=\"//refin.io/Person\"><span itemprop=\"email\">a</span></div>",
            render(person("a", null)));
        assertEquals(new String(writer.renderIdObject(person("a", null)), StandardCharsets.UTF_8),
            new String(writer.renderIdObject(person("a", "Name")), StandardCharsets.UTF_8));
    }

    @Test
    void shouldReportRenderingErrorsWithCodes() {
        assertEquals(ErrorCode.MISSING_VALUE, code(() -> writer.render(OneObject.of("Person", Map.of()))));
        assertEquals(ErrorCode.UNKNOWN_PROPERTY,
            code(() -> writer.render(OneObject.of("Person", Map.of("email", "a", "age", 3L)))));
        assertEquals(ErrorCode.WRONG_TYPE, code(() -> writer.render(OneObject.of("Person", Map.of("email", 3L)))));
        assertEquals(ErrorCode.UNKNOWN_TYPE, code(() -> writer.render(OneObject.of("Nope", Map.of()))));
        assertEquals(ErrorCode.NOT_VERSIONED, code(() -> writer.renderIdObject(OneObject.of("VersionNodeEdge",
            Map.of("data", Hash.ofHex(H1), "depth", 0.0, "creationTime", 1.0)))));
        assertEquals(ErrorCode.WRONG_TYPE, code(() -> writer.render(OneObject.of("VersionNodeMerge", Map.of(
            "nodes", List.of(Hash.ofHex(H1), Hash.ofHex(H1)), "data", Hash.ofHex(H1), "depth", 0.0,
            "creationTime", 1.0)))));
    }

    @Test
    void shouldExposeTheBufferWithoutCopying() {
        final int n = writer.renderToBuffer(person("a", "b"));
        assertEquals(n, writer.length());
        assertArrayEquals(writer.render(person("a", "b")), java.util.Arrays.copyOf(writer.buffer(), n));
        assertArrayEquals(writer.render(person("a", "b")), MicrodataWriter.toMicrodata(person("a", "b"), registry));
        assertNotEquals(0, MicrodataWriter.toIdMicrodata(person("a", "b"), registry).length);
    }

    @Test
    void shouldRefuseRecipesWhoseNamesWouldBreakTheMarkup() {
        final RecipeRegistry reg = RecipeRegistry.withCoreRecipes();
        assertEquals(ErrorCode.BAD_RECIPE,
            code(() -> reg.register(new Recipe("Quote", List.of(Rule.of("a\"b", ItemType.StringType.PLAIN))))),
            "refused when registered");
        assertEquals(ErrorCode.BAD_RECIPE, code(() -> reg.register(new Recipe("Quote<", List.of()))));
        assertEquals(ErrorCode.BAD_RECIPE, code(() -> reg.register(new Recipe("Quote",
            List.of(Rule.of("$type$", ItemType.StringType.PLAIN))))), "$type$ names the type in JSON");
    }

    static ErrorCode code(final Runnable r) {
        return assertThrows(ChumException.class, r::run).errorCode();
    }
}
