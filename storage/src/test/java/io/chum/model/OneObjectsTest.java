package io.chum.model;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.chum.ChumException;
import io.chum.ErrorCode;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OneObjectsTest {
    private static final String HEX = "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final RecipeRegistry registry = registryWithTestRecipe();

    private static RecipeRegistry registryWithTestRecipe() {
        final RecipeRegistry r = RecipeRegistry.withCoreRecipes();
        r.register(new Recipe("Everything", List.of(
            Rule.of("int", new ItemType.IntegerType(0L, 10L)),
            Rule.optional("num", ItemType.NumberType.INSTANCE),
            Rule.optional("json", ItemType.StringifiableType.INSTANCE),
            Rule.optional("set", new ItemType.SetType(ItemType.NumberType.INSTANCE)),
            Rule.optional("keys", new ItemType.MapType(ItemType.NumberType.INSTANCE, ItemType.BooleanType.INSTANCE)),
            Rule.optional("nested", new ItemType.ArrayType(new ItemType.ObjectType(List.of(
                Rule.of("s", ItemType.StringType.matching("^a")))))))));
        return r;
    }

    private static Map<String, Object> chumValues() {
        final Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", "c");
        v.put("instance", List.of("i1", "i2"));
        v.put("person", List.of(HEX, "undefined"));
        v.put("highestRemoteTimestamp", 5L);
        for (final String p : List.of("AtoBObjects", "AtoBIdObjects", "AtoBBlob", "AtoBClob", "BtoAObjects",
            "BtoAIdObjects", "BtoABlob", "BtoAClob")) {
            v.put(p, List.of());
        }
        v.put("BtoAExists", 0L);
        return v;
    }

    private ChumException fails(final String type, final Map<String, Object> values) {
        return assertThrows(ChumException.class, () -> OneObjects.validate(OneObject.of(type, values), registry));
    }

    private static Map<String, Object> with(final Map<String, Object> base, final String key, final Object value) {
        final Map<String, Object> m = new LinkedHashMap<>(base);
        m.put(key, value);
        return m;
    }

    @Test
    void shouldAcceptValidObjects() {
        assertDoesNotThrow(() -> OneObjects.validate(OneObject.of("Chum", chumValues()), registry));
        assertDoesNotThrow(() -> OneObjects.validate(OneObject.of("Everything", Map.of("int", 10L, "num", -0.0,
            "set", List.of(0.5, 1.0), "nested", List.of(Map.of("s", "abc")))), registry));
    }

    @Test
    void shouldReportUnknownTypeAndMissingValue() {
        assertEquals(ErrorCode.UNKNOWN_TYPE, fails("NoSuchType", Map.of()).errorCode());
        final Map<String, Object> v = chumValues();
        v.remove("BtoAExists");
        final ChumException e = fails("Chum", v);
        assertEquals(ErrorCode.MISSING_VALUE, e.errorCode());
        assertTrue(e.getMessage().contains("Chum.BtoAExists"), e.getMessage());
        assertEquals(ErrorCode.MISSING_VALUE,
            fails("Everything", Map.of("int", 1L, "nested", List.of(Map.of()))).errorCode());
    }

    @Test
    void shouldReportUnknownPropertiesIncludingVersionHash() {
        assertEquals(ErrorCode.UNKNOWN_PROPERTY, fails("Chum", with(chumValues(), "extra", "x")).errorCode());
        final ChumException e = fails("Chum", with(chumValues(), "$versionHash$", HEX));
        assertEquals(ErrorCode.UNKNOWN_PROPERTY, e.errorCode());
        assertTrue(e.getMessage().contains("$versionHash$"), e.getMessage());
        assertEquals(ErrorCode.UNKNOWN_PROPERTY, fails("Everything",
            Map.of("int", 1L, "nested", List.of(Map.of("s", "a", "t", "b")))).errorCode());
    }

    @Test
    void shouldReportWrongJavaTypes() {
        final Map<String, Object> base = Map.of("int", 1L);
        assertEquals(ErrorCode.WRONG_TYPE, fails("Everything", Map.of("int", 1)).errorCode());
        assertEquals(ErrorCode.WRONG_TYPE, fails("Everything", with(base, "num", 1L)).errorCode());
        assertEquals(ErrorCode.WRONG_TYPE, fails("Everything", with(base, "json", "text")).errorCode());
        assertEquals(ErrorCode.WRONG_TYPE, fails("Everything", with(base, "set", Map.of())).errorCode());
        assertEquals(ErrorCode.WRONG_TYPE, fails("Everything", with(base, "nested", List.of("x"))).errorCode());
        assertEquals(ErrorCode.WRONG_TYPE,
            fails("Everything", with(base, "json", JSON.arrayNode().add(JSON.binaryNode(new byte[1])))).errorCode());
        assertEquals(ErrorCode.WRONG_TYPE, fails("Chum", with(chumValues(), "AtoBIdObjects",
            List.of(Hash.ofHex(HEX)))).errorCode());
        assertEquals(ErrorCode.WRONG_TYPE, fails("Chum", with(chumValues(), "AtoBObjects",
            List.of(IdHash.ofHex(HEX)))).errorCode());
        assertEquals(ErrorCode.WRONG_TYPE, fails("Chum", with(chumValues(), "AtoBObjects", List.of(HEX))).errorCode());
        final ChumException e = fails("Chum", with(chumValues(), "instance", List.of("a", 2L)));
        assertTrue(e.getMessage().contains("Chum.instance[1]"), e.getMessage());
    }

    @Test
    void shouldReportSetDuplicatesByRenderingAsWrongType() {
        final Map<String, Object> base = Map.of("int", 1L);
        // 0.0 and -0.0 are different Doubles but both render as "0".
        final ChumException e = fails("Everything", with(base, "set", List.of(0.0, -0.0)));
        assertEquals(ErrorCode.WRONG_TYPE, e.errorCode());
        assertTrue(e.getMessage().contains("Everything.set[1]"), e.getMessage());
        final Map<Object, Object> keys = new LinkedHashMap<>();
        keys.put(0.0, true);
        keys.put(-0.0, false);
        assertEquals(ErrorCode.WRONG_TYPE, fails("Everything", with(base, "keys", keys)).errorCode());
        assertEquals(ErrorCode.WRONG_TYPE, fails("VersionNodeMerge", Map.of("nodes",
            List.of(Hash.ofHex(HEX), Hash.ofHex(HEX)), "data", Hash.ofHex(HEX), "depth", 1.0, "creationTime", 2.0))
            .errorCode());
    }

    @Test
    void shouldCheckRegexpsWithFindSemantics() {
        final ChumException e = fails("Chum", with(chumValues(), "person", List.of(HEX, HEX.toUpperCase())));
        assertEquals(ErrorCode.REGEXP, e.errorCode());
        assertTrue(e.getMessage().contains("Chum.person[1]"), e.getMessage());
        assertEquals(ErrorCode.REGEXP, fails("Chum", with(chumValues(), "person", List.of("undefinedx"))).errorCode());
        final ChumException lineBreak = fails("Chum", with(chumValues(), "person", List.of("undefined\n")));
        assertEquals(ErrorCode.REGEXP, lineBreak.errorCode(), "JavaScript's $ is the end, not a final line break");
        assertTrue(lineBreak.getMessage().contains(": \"undefined\\n\" does not match"), lineBreak.getMessage());
        // "^a" without "$": RegExp.test finds a prefix match.
        assertDoesNotThrow(() -> OneObjects.validate(OneObject.of("Everything",
            Map.of("int", 1L, "nested", List.of(Map.of("s", "abc")))), registry));
        final ChumException n = fails("Everything", Map.of("int", 1L, "nested", List.of(Map.of("s", "ba"))));
        assertEquals(ErrorCode.REGEXP, n.errorCode());
        assertTrue(n.getMessage().contains("Everything.nested[0].s"), n.getMessage());
    }

    @Test
    void shouldCheckRanges() {
        assertEquals(ErrorCode.RANGE, fails("Everything", Map.of("int", 11L)).errorCode());
        assertEquals(ErrorCode.RANGE, fails("Everything", Map.of("int", -1L)).errorCode());
        assertEquals(ErrorCode.RANGE, fails("Chum", with(chumValues(), "BtoAExists", 1L << 53)).errorCode());
        assertDoesNotThrow(() -> OneObjects.validate(OneObject.of("Chum",
            with(chumValues(), "BtoAExists", -((1L << 53) - 1))), registry));
        assertEquals(ErrorCode.RANGE, fails("Everything", Map.of("int", 1L, "num", Double.NaN)).errorCode());
        assertEquals(ErrorCode.RANGE,
            fails("Everything", Map.of("int", 1L, "num", Double.POSITIVE_INFINITY)).errorCode());
        assertEquals(ErrorCode.RANGE, fails("Everything",
            Map.of("int", 1L, "json", JSON.objectNode().put("x", Double.NaN))).errorCode());
    }

    @Test
    void shouldBuildIdObjects() {
        final OneObject chum = OneObject.of("Chum", chumValues());
        final OneObject id = OneObjects.idObjectOf(chum, registry);
        assertEquals(List.of("name", "instance", "person"), List.copyOf(id.values().keySet()));
        assertDoesNotThrow(() -> OneObjects.validateIdObject(id, registry));
        assertEquals(ErrorCode.UNKNOWN_PROPERTY,
            assertThrows(ChumException.class, () -> OneObjects.validateIdObject(chum, registry)).errorCode());
        final OneObject edge = OneObject.of("VersionNodeEdge", Map.of("data", Hash.ofHex(HEX), "depth", 0.0,
            "creationTime", 1.0));
        assertEquals(ErrorCode.NOT_VERSIONED,
            assertThrows(ChumException.class, () -> OneObjects.idObjectOf(edge, registry)).errorCode());
    }
}
