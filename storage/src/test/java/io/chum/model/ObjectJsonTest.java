package io.chum.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.testing.OneTestRecipes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ObjectJsonTest {
    private static final String H1 = "1".repeat(64);
    private static final String H2 = "2".repeat(64);
    private static final String H3 = "3".repeat(64);
    private static final String HA = "a".repeat(64);
    private static final String HF = "f".repeat(64);
    private static final String KEY = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789+/abcdefghijklmnopqrstuvwxyz";

    private static final RecipeRegistry CORE = RecipeRegistry.withCoreRecipes();

    /** One realistic document per core type, members in recipe order. */
    static Stream<String> coreDocuments() {
        return Stream.of(
            "{'$type$':'Person','email':'alice@mail.com','name':'Alice'}",
            "{'$type$':'Instance','name':'MainAlice','owner':'" + H1 + "','recipe':['" + H2 + "','" + H3 + "'],"
                + "'enabledReverseMapTypes':{'OneTest$Email':['from','to'],'Person':[]},"
                + "'enabledReverseMapTypesForIdObjects':{}}",
            "{'$type$':'Group','name':'friends','person':['" + H1 + "','" + H2 + "']}",
            "{'$type$':'Access','object':'" + HA + "','person':['" + H1 + "'],'group':[]}",
            "{'$type$':'IdAccess','id':'" + HA + "','person':[],'group':['" + H3 + "']}",
            "{'$type$':'Chum','name':'MochaTest','instance':['MainAlice','MainBob'],"
                + "'person':['" + H1 + "','undefined'],'highestRemoteTimestamp':1700000000000,"
                + "'AtoBObjects':['" + H1 + "','" + H1 + "'],'AtoBIdObjects':['" + H2 + "'],'AtoBBlob':[],"
                + "'AtoBClob':['" + H3 + "'],'BtoAObjects':[],'BtoAIdObjects':[],'BtoABlob':['" + HA + "'],"
                + "'BtoAClob':[],'BtoAExists':3,"
                + "'statistics':{'requestsSentTotal':12,'requestsReceivedTotal':11,'requestsReceivedInvalid':0},"
                + "'errors':[{'code':'CS-TIMEOUT','message':'idle for 30 s','nested':[1.5,null,true]}]}",
            "{'$type$':'VersionNodeEdge','data':'" + H1 + "','depth':0,'creationTime':1700000000000}",
            "{'$type$':'VersionNodeChange','prev':'" + H2 + "','data':'" + H1 + "','depth':1,"
                + "'creationTime':1700000000001.5}",
            "{'$type$':'VersionNodeMerge','nodes':['" + H2 + "','" + H3 + "'],'data':'" + H1 + "','depth':2,"
                + "'creationTime':1700000000002}",
            "{'$type$':'Keys','owner':'" + HF + "','publicKey':'" + KEY + "','publicSignKey':'" + KEY + "'}",
            "{'$type$':'Recipe','name':'OneTest$ClobAttachment','crdtConfig':{'data':'lww'},'rule':["
                + "{'itemprop':'dataType'},"
                + "{'itemprop':'data','optional':true,'itemtype':{'type':'referenceToClob'}},"
                + "{'itemprop':'alias','optional':false,'isId':false,'inheritFrom':'Person.name'}]}");
    }

    @ParameterizedTest
    @MethodSource("coreDocuments")
    void shouldRoundTripEveryCoreType(final String document) {
        final JsonNode input = json(document);
        final OneObject obj = ObjectJson.fromJson(input, CORE);
        assertEquals(input.get("$type$").textValue(), obj.type());
        assertJson(input, ObjectJson.toJson(obj, CORE));
    }

    @Test
    void shouldRoundTripWithoutTypeMemberAndWriteItFirst() {
        final JsonNode input = json("{'email':'bob@mail.com'}");
        final ObjectNode out = ObjectJson.toJson(ObjectJson.fromJson(input, "Person", CORE), CORE);
        assertEquals("$type$", out.fieldNames().next());
        out.remove("$type$");
        assertJson(input, out);
    }

    @Test
    void shouldProduceThePrescribedJavaTypes() {
        final OneObject chum = ObjectJson.fromJson(json(coreDocuments().skip(5).findFirst().orElseThrow()), CORE);
        assertEquals(1700000000000L, chum.get("highestRemoteTimestamp"));
        assertInstanceOf(Long.class, chum.get("BtoAExists"));
        assertEquals(List.of("MainAlice", "MainBob"), chum.get("instance"));
        assertEquals(List.of(Hash.ofHex(H1), Hash.ofHex(H1)), chum.get("AtoBObjects"));
        assertEquals(List.of(IdHash.ofHex(H2)), chum.get("AtoBIdObjects"));
        assertInstanceOf(JsonNode.class, chum.get("statistics"));

        final OneObject change = ObjectJson.fromJson(json(coreDocuments().skip(7).findFirst().orElseThrow()), CORE);
        assertEquals(1.0, change.get("depth"));
        assertEquals(1700000000001.5, change.get("creationTime"));
        assertEquals(Hash.ofHex(H2), change.get("prev"));

        final OneObject instance = ObjectJson.fromJson(json(coreDocuments().skip(1).findFirst().orElseThrow()), CORE);
        assertEquals(IdHash.ofHex(H1), instance.get("owner"));
        final Map<?, ?> enabled = (Map<?, ?>) instance.get("enabledReverseMapTypes");
        assertEquals(List.of("OneTest$Email", "Person"), new ArrayList<>(enabled.keySet()));
        assertEquals(List.of("from", "to"), enabled.get("OneTest$Email"));

        final OneObject recipe = ObjectJson.fromJson(json(coreDocuments().skip(10).findFirst().orElseThrow()), CORE);
        final Map<?, ?> rule = (Map<?, ?>) recipe.getList("rule").get(2);
        assertEquals(Boolean.FALSE, rule.get("isId"));
        assertTrue(((JsonNode) rule.get("inheritFrom")).isTextual());
    }

    @Test
    void shouldIgnoreVersionHashAndTreatNullAsAbsentForOptionalProperties() {
        final OneObject p = ObjectJson.fromJson(
            json("{'$type$':'Person','$versionHash$':'whatever','email':'a@b.c','name':null}"), CORE);
        assertEquals(Map.of("email", "a@b.c"), p.values());
        assertJson(json("{'$type$':'Person','email':'a@b.c'}"), ObjectJson.toJson(p, CORE));
    }

    @Test
    void shouldTakeTheTypeFromTheTypeMember() {
        final OneObject p = ObjectJson.fromJson("{\"$type$\":\"Person\",\"email\":\"x@y.z\"}", CORE);
        assertEquals("Person", p.type());
        assertEquals("x@y.z", p.getString("email"));
        expectError(ErrorCode.MISSING_VALUE, "$type$", () -> ObjectJson.fromJson("{\"email\":\"x\"}", CORE));
        expectError(ErrorCode.WRONG_TYPE, "$type$",
            () -> ObjectJson.fromJson("{\"$type$\":7,\"email\":\"x\"}", CORE));
    }

    @Test
    void shouldKeepMapsWithReferenceKeysInInsertionOrder() {
        final RecipeRegistry registry = OneTestRecipes.registry();
        final JsonNode input = json("{'$type$':'OneTest$ReferenceTest','mapRef':{'" + HF + "':'" + H1 + "','"
            + H2 + "':'" + H3 + "','" + HA + "':'" + H1 + "'}}");
        final OneObject obj = ObjectJson.fromJson(input, registry);
        final Map<?, ?> map = (Map<?, ?>) obj.get("mapRef");
        assertEquals(List.of(IdHash.ofHex(HF), IdHash.ofHex(H2), IdHash.ofHex(HA)), new ArrayList<>(map.keySet()));
        assertEquals(Hash.ofHex(H3), map.get(IdHash.ofHex(H2)));
        assertJson(input, ObjectJson.toJson(obj, registry));
    }

    @Test
    void shouldRemoveDuplicatesFromSetsKeepingFirstOccurrence() {
        final OneObject merge = ObjectJson.fromJson(json("{'$type$':'VersionNodeMerge','nodes':['" + H3 + "','"
            + H2 + "','" + H3 + "','" + H2 + "'],'data':'" + H1 + "','depth':3,'creationTime':5}"), CORE);
        assertEquals(List.of(Hash.ofHex(H3), Hash.ofHex(H2)), merge.get("nodes"));

        final OneObject instance = ObjectJson.fromJson(json("{'$type$':'Instance','name':'i','owner':'" + H1
            + "','recipe':[],'enabledReverseMapTypes':{'T':['b','a','b']},"
            + "'enabledReverseMapTypesForIdObjects':{}}"), CORE);
        assertEquals(Map.of("T", List.of("b", "a")), instance.get("enabledReverseMapTypes"));
    }

    @Test
    void shouldKeepDuplicatesInBagsAndArrays() {
        final RecipeRegistry registry = OneTestRecipes.registry();
        final OneObject obj = ObjectJson.fromJson(json("{'$type$':'OneTest$VersionedReferenceTest','name':'n',"
            + "'idRef':['" + H1 + "','" + H1 + "'],'blob':['" + H2 + "','" + H1 + "','" + H2 + "']}"), registry);
        assertEquals(List.of(IdHash.ofHex(H1), IdHash.ofHex(H1)), obj.get("idRef"));
        assertEquals(3, obj.getList("blob").size());
    }

    @Test
    void shouldAcceptSafeIntegersOnly() {
        assertEquals(9007199254740991L, timestamp("9007199254740991"));
        assertEquals(-9007199254740991L, timestamp("-9007199254740991"));
        assertEquals(1000L, timestamp("1e3"));
        assertEquals(3L, timestamp("3.0"));
        assertEquals(0L, timestamp("-0.0"));
        expectError(ErrorCode.RANGE, "Chum.highestRemoteTimestamp", () -> timestamp("9007199254740992"));
        expectError(ErrorCode.RANGE, "Chum.highestRemoteTimestamp", () -> timestamp("-9007199254740992"));
        expectError(ErrorCode.RANGE, "Chum.highestRemoteTimestamp", () -> timestamp("1.5"));
        expectError(ErrorCode.RANGE, "Chum.highestRemoteTimestamp", () -> timestamp("1e16"));
        expectError(ErrorCode.RANGE, "Chum.highestRemoteTimestamp", () -> timestamp("123456789012345678901234"));
        expectError(ErrorCode.WRONG_TYPE, "Chum.highestRemoteTimestamp", () -> timestamp("\"12\""));
    }

    @Test
    void shouldReadNumbersAsFiniteDoublesAndWriteIntegralOnesWithoutFraction() {
        final OneObject edge = ObjectJson.fromJson(
            "{\"$type$\":\"VersionNodeEdge\",\"data\":\"" + H1 + "\",\"depth\":2.0,\"creationTime\":-0}", CORE);
        assertEquals(2.0, edge.get("depth"));
        assertEquals(0.0, edge.get("creationTime"));
        assertEquals("{\"$type$\":\"VersionNodeEdge\",\"data\":\"" + H1 + "\",\"depth\":2,\"creationTime\":0}",
            Json.write(ObjectJson.toJson(edge, CORE)));
        final OneObject big = edge.with("depth", 1e20).with("creationTime", 0.25);
        assertEquals("{\"$type$\":\"VersionNodeEdge\",\"data\":\"" + H1
            + "\",\"depth\":100000000000000000000,\"creationTime\":0.25}", Json.write(ObjectJson.toJson(big, CORE)));
        expectError(ErrorCode.RANGE, "VersionNodeEdge.depth", () -> ObjectJson.fromJson(
            "{\"$type$\":\"VersionNodeEdge\",\"data\":\"" + H1 + "\",\"depth\":1e400,\"creationTime\":0}", CORE));
        expectError(ErrorCode.RANGE, "Chum.statistics", () -> ObjectJson.fromJson(chum("'statistics':{'x':[1e999]}"),
            CORE));
    }

    /** Expected texts: what {@code JSON.stringify} prints for the same numbers in node v20.20.2. */
    @Test
    void shouldWriteNumbersAsJavaScriptDoes() {
        final OneObject edge = ObjectJson.fromJson(
            "{\"$type$\":\"VersionNodeEdge\",\"data\":\"" + H1 + "\",\"depth\":4.9e-324,\"creationTime\":1e21}", CORE);
        assertEquals("{\"$type$\":\"VersionNodeEdge\",\"data\":\"" + H1 + "\",\"depth\":5e-324,\"creationTime\":1e+21}",
            Json.write(ObjectJson.toJson(edge, CORE)));
        final OneObject above53 = edge.with("depth", 0x1p60).with("creationTime", -0x1p63);
        assertEquals("{\"$type$\":\"VersionNodeEdge\",\"data\":\"" + H1
                + "\",\"depth\":1152921504606847000,\"creationTime\":-9223372036854776000}",
            Json.write(ObjectJson.toJson(above53, CORE)));

        final RecipeRegistry registry = nestedRegistry();
        final OneObject keys = ObjectJson.fromJson(
            json("{'$type$':'Test$Nested','numberKeys':{'1e21':true,'0.000001':false,'1e-7':true}}"), registry);
        assertEquals("{\"1e+21\":true,\"0.000001\":false,\"1e-7\":true}",
            Json.write(ObjectJson.toJson(keys, registry).get("numberKeys")));

        final OneObject stats = ObjectJson.fromJson(
            chum("'statistics':{'big':123456789012345678901234567890,'unsafe':9007199254740993,'safe':12,'f':1E-7}"),
            CORE);
        assertEquals("{\"big\":1.2345678901234568e+29,\"unsafe\":9007199254740992,\"safe\":12,\"f\":1e-7}",
            Json.write(ObjectJson.toJson(stats, CORE).get("statistics")));

        expectError(ErrorCode.RANGE, "Chum.highestRemoteTimestamp: 1e+21 is beyond", () -> timestamp("1e21"));
        expectError(ErrorCode.RANGE, "Chum.highestRemoteTimestamp: 1e-7 is not an integer", () -> timestamp("1E-7"));
    }

    @Test
    void shouldCopyStringifiableValues() {
        final ObjectNode input = (ObjectNode) chum("'statistics':{'requestsSentTotal':1}");
        final OneObject obj = ObjectJson.fromJson(input, CORE);
        ((ObjectNode) input.get("statistics")).put("requestsSentTotal", 99);
        assertEquals(1, ((JsonNode) obj.get("statistics")).get("requestsSentTotal").intValue());
    }

    @Test
    void shouldConvertNestedCollections() {
        final RecipeRegistry registry = nestedRegistry();
        final JsonNode input = json("{'$type$':'Test$Nested',"
            + "'bagOfArrays':[[3,1,2],[],[7]],"
            + "'mapOfSets':{'3':['x','y'],'-1':[],'2':['z']},"
            + "'arrayOfObjects':[{'title':'first','score':1.5,'tags':['a','b'],'link':'" + H1 + "'},"
            + "{'title':'second'}],"
            + "'numberKeys':{'1.5':true,'2':false,'-0.25':true},"
            + "'booleanKeys':{'true':'yes','false':'no'},"
            + "'setOfMaps':[{'a':1},{'b':2}]}");
        final OneObject obj = ObjectJson.fromJson(input, registry);
        assertEquals(List.of(List.of(3L, 1L, 2L), List.of(), List.of(7L)), obj.get("bagOfArrays"));
        final Map<?, ?> mapOfSets = (Map<?, ?>) obj.get("mapOfSets");
        assertEquals(List.of(3L, -1L, 2L), new ArrayList<>(mapOfSets.keySet()));
        assertEquals(List.of("x", "y"), mapOfSets.get(3L));
        final Map<?, ?> first = (Map<?, ?>) obj.getList("arrayOfObjects").get(0);
        assertEquals(List.of("title", "score", "tags", "link"), new ArrayList<>(first.keySet()));
        assertEquals(1.5, first.get("score"));
        assertEquals(Hash.ofHex(H1), first.get("link"));
        assertEquals(Map.of("title", "second"), obj.getList("arrayOfObjects").get(1));
        assertEquals(List.of(1.5, 2.0, -0.25), new ArrayList<>(((Map<?, ?>) obj.get("numberKeys")).keySet()));
        assertEquals(List.of(true, false), new ArrayList<>(((Map<?, ?>) obj.get("booleanKeys")).keySet()));
        assertEquals(2, obj.getList("setOfMaps").size());
        assertJson(input, ObjectJson.toJson(obj, registry));
    }

    @Test
    void shouldReadIntegerMapKeysLikeIntegerValues() {
        final RecipeRegistry registry = nestedRegistry();
        final OneObject obj = ObjectJson.fromJson(json("{'$type$':'Test$Nested','mapOfSets':{'1e3':['a']}}"),
            registry);
        assertEquals(List.of(1000L), new ArrayList<>(((Map<?, ?>) obj.get("mapOfSets")).keySet()));
        expectError(ErrorCode.RANGE, "Test$Nested.mapOfSets.1.5",
            () -> ObjectJson.fromJson(json("{'$type$':'Test$Nested','mapOfSets':{'1.5':[]}}"), registry));
        expectError(ErrorCode.RANGE, "Test$Nested.mapOfSets.9007199254740992",
            () -> ObjectJson.fromJson(json("{'$type$':'Test$Nested','mapOfSets':{'9007199254740992':[]}}"),
                registry));
        expectError(ErrorCode.WRONG_TYPE, "Test$Nested.mapOfSets.one",
            () -> ObjectJson.fromJson(json("{'$type$':'Test$Nested','mapOfSets':{'one':[]}}"), registry));
        expectError(ErrorCode.WRONG_TYPE, "duplicate map key",
            () -> ObjectJson.fromJson(json("{'$type$':'Test$Nested','mapOfSets':{'1':[],'1.0':[]}}"), registry));
        expectError(ErrorCode.WRONG_TYPE, "Test$Nested.numberKeys.NaN",
            () -> ObjectJson.fromJson(json("{'$type$':'Test$Nested','numberKeys':{'NaN':true}}"), registry));
        expectError(ErrorCode.WRONG_TYPE, "Test$Nested.booleanKeys.yes",
            () -> ObjectJson.fromJson(json("{'$type$':'Test$Nested','booleanKeys':{'yes':'y'}}"), registry));
    }

    @Test
    void shouldReportEveryErrorWithItsPropertyPath() {
        final RecipeRegistry nested = nestedRegistry();
        final RecipeRegistry tests = OneTestRecipes.registry();
        expectError(ErrorCode.UNKNOWN_TYPE, "Nope", () -> ObjectJson.fromJson(json("{}"), "Nope", CORE));
        expectError(ErrorCode.WRONG_TYPE, "Person", () -> ObjectJson.fromJson(json("[]"), "Person", CORE));
        expectError(ErrorCode.WRONG_TYPE, "\"Group\"",
            () -> ObjectJson.fromJson(json("{'$type$':'Group','email':'a'}"), "Person", CORE));
        expectError(ErrorCode.UNKNOWN_PROPERTY, "Person.nmae",
            () -> ObjectJson.fromJson(json("{'email':'a','nmae':'b'}"), "Person", CORE));
        expectError(ErrorCode.MISSING_VALUE, "Person.email",
            () -> ObjectJson.fromJson(json("{'name':'b'}"), "Person", CORE));
        expectError(ErrorCode.MISSING_VALUE, "Person.email",
            () -> ObjectJson.fromJson(json("{'email':null}"), "Person", CORE));
        expectError(ErrorCode.WRONG_TYPE, "Person.email",
            () -> ObjectJson.fromJson(json("{'email':42}"), "Person", CORE));
        expectError(ErrorCode.WRONG_TYPE, "Chum.person[1]",
            () -> ObjectJson.fromJson(chum("'person':['" + H1 + "',7]"), CORE));
        expectError(ErrorCode.WRONG_TYPE, "Chum.instance",
            () -> ObjectJson.fromJson(chum("'instance':'MainAlice'"), CORE));
        expectError(ErrorCode.WRONG_TYPE, "Chum.AtoBObjects[0]",
            () -> ObjectJson.fromJson(chum("'AtoBObjects':[null]"), CORE));
        expectError(ErrorCode.BAD_HASH, "Access.person[0]", () -> ObjectJson.fromJson(
            json("{'$type$':'Access','object':'" + H1 + "','person':['" + HA.toUpperCase() + "'],'group':[]}"),
            CORE));
        expectError(ErrorCode.BAD_HASH, "Access.object", () -> ObjectJson.fromJson(
            json("{'$type$':'Access','object':'" + H1.substring(1) + "','person':[],'group':[]}"), CORE));
        expectError(ErrorCode.WRONG_TYPE, "Access.object", () -> ObjectJson.fromJson(
            json("{'$type$':'Access','object':17,'person':[],'group':[]}"), CORE));
        expectError(ErrorCode.BAD_HASH, "OneTest$ReferenceTest.mapRef.xyz",
            () -> ObjectJson.fromJson(json("{'$type$':'OneTest$ReferenceTest','mapRef':{'xyz':'" + H1 + "'}}"),
                tests));
        expectError(ErrorCode.BAD_HASH, "OneTest$ReferenceTest.mapRef." + H2,
            () -> ObjectJson.fromJson(json("{'$type$':'OneTest$ReferenceTest','mapRef':{'" + H2 + "':'no'}}"),
                tests));
        expectError(ErrorCode.WRONG_TYPE, "Instance.enabledReverseMapTypes.Person[0]",
            () -> ObjectJson.fromJson(json("{'$type$':'Instance','name':'i','owner':'" + H1 + "','recipe':[],"
                + "'enabledReverseMapTypes':{'Person':[1]},'enabledReverseMapTypesForIdObjects':{}}"), CORE));
        expectError(ErrorCode.WRONG_TYPE, "Instance.enabledReverseMapTypes", () -> ObjectJson.fromJson(
            json("{'$type$':'Instance','name':'i','owner':'" + H1 + "','recipe':[],"
                + "'enabledReverseMapTypes':[],'enabledReverseMapTypesForIdObjects':{}}"), CORE));
        expectError(ErrorCode.WRONG_TYPE, "VersionNodeEdge.depth", () -> ObjectJson.fromJson(
            json("{'$type$':'VersionNodeEdge','data':'" + H1 + "','depth':'1','creationTime':0}"), CORE));
        expectError(ErrorCode.WRONG_TYPE, "Test$Nested.flag",
            () -> ObjectJson.fromJson(json("{'$type$':'Test$Nested','flag':'true'}"), nested));
        expectError(ErrorCode.WRONG_TYPE, "Test$Nested.arrayOfObjects[0]",
            () -> ObjectJson.fromJson(json("{'$type$':'Test$Nested','arrayOfObjects':['x']}"), nested));
        expectError(ErrorCode.MISSING_VALUE, "Test$Nested.arrayOfObjects[1].title",
            () -> ObjectJson.fromJson(json("{'$type$':'Test$Nested','arrayOfObjects':[{'title':'a'},{}]}"),
                nested));
        expectError(ErrorCode.UNKNOWN_PROPERTY, "Test$Nested.arrayOfObjects[0].bogus",
            () -> ObjectJson.fromJson(json("{'$type$':'Test$Nested','arrayOfObjects':[{'title':'a','bogus':1}]}"),
                nested));
        expectError(ErrorCode.UNKNOWN_PROPERTY, "Test$Nested.arrayOfObjects[0].$type$",
            () -> ObjectJson.fromJson(json("{'$type$':'Test$Nested','arrayOfObjects':[{'$type$':'x','title':'a'}]}"),
                nested));
        expectError(ErrorCode.WRONG_TYPE, "Test$Nested.bagKeys",
            () -> ObjectJson.fromJson(json("{'$type$':'Test$Nested','bagKeys':{'a':'b'}}"), nested));
        expectError(ErrorCode.MISSING_VALUE, "Recipe.rule[0].itemprop",
            () -> ObjectJson.fromJson(json("{'$type$':'Recipe','name':'X','rule':[{'optional':true}]}"), CORE));
    }

    @Test
    void shouldRejectUnreadableJson() {
        final ChumException broken = expectError(ErrorCode.BAD_JSON, "line 1, column",
            () -> ObjectJson.fromJson("{\"email\": \"secret-value\",}", "Person", CORE));
        assertFalse(broken.getMessage().contains("secret-value"), broken.getMessage());
        expectError(ErrorCode.BAD_JSON, "email",
            () -> ObjectJson.fromJson("{\"email\":\"a\",\"email\":\"b\"}", "Person", CORE));
        expectError(ErrorCode.BAD_JSON, "invalid JSON",
            () -> ObjectJson.fromJson("{\"email\":\"a\"} {}", "Person", CORE));
        expectError(ErrorCode.BAD_JSON, "empty", () -> ObjectJson.fromJson("  ", "Person", CORE));
    }

    @Test
    void shouldRefuseToWriteValuesOfTheWrongJavaType() {
        expectError(ErrorCode.WRONG_TYPE, "Chum.BtoAExists", () -> ObjectJson.toJson(
            ObjectJson.fromJson(chum(null), CORE).with("BtoAExists", 3), CORE));
        expectError(ErrorCode.WRONG_TYPE, "Access.person[0]", () -> ObjectJson.toJson(
            OneObject.of("Access", Map.of("object", Hash.ofHex(H1), "person", List.of(Hash.ofHex(H2)))), CORE));
        expectError(ErrorCode.UNKNOWN_PROPERTY, "Person.nick",
            () -> ObjectJson.toJson(OneObject.of("Person", Map.of("email", "e", "nick", "n")), CORE));
        expectError(ErrorCode.UNKNOWN_TYPE, "Nope", () -> ObjectJson.toJson(OneObject.of("Nope", Map.of()), CORE));
    }

    // ---- helpers ----

    private static long timestamp(final String value) {
        return (Long) ObjectJson.fromJson(chum("'highestRemoteTimestamp':" + value.replace('"', '\'')), CORE)
            .get("highestRemoteTimestamp");
    }

    /** A valid Chum document with {@code override} ("'member':value") replacing or adding one member. */
    private static JsonNode chum(final String override) {
        final ObjectNode base = (ObjectNode) json("{'$type$':'Chum','name':'c','instance':['a','b'],"
            + "'person':['" + H1 + "','" + H2 + "'],'highestRemoteTimestamp':0,'AtoBObjects':[],'AtoBIdObjects':[],"
            + "'AtoBBlob':[],'AtoBClob':[],'BtoAObjects':[],'BtoAIdObjects':[],'BtoABlob':[],'BtoAClob':[],"
            + "'BtoAExists':0}");
        if (override != null) {
            base.setAll((ObjectNode) json("{" + override + "}"));
        }
        return base;
    }

    private static RecipeRegistry nestedRegistry() {
        final RecipeRegistry registry = RecipeRegistry.withCoreRecipes();
        registry.register(RecipeJson.fromJson(json("{'name':'Test$Nested','rule':["
            + "{'itemprop':'bagOfArrays','itemtype':{'type':'bag','item':{'type':'array','item':{'type':'integer'}}},"
            + "'optional':true},"
            + "{'itemprop':'mapOfSets','itemtype':{'type':'map','key':{'type':'integer'},"
            + "'value':{'type':'set','item':{'type':'string'}}},'optional':true},"
            + "{'itemprop':'arrayOfObjects','itemtype':{'type':'array','item':{'type':'object','rules':["
            + "{'itemprop':'title'},"
            + "{'itemprop':'score','itemtype':{'type':'number'},'optional':true},"
            + "{'itemprop':'tags','itemtype':{'type':'set','item':{'type':'string'}},'optional':true},"
            + "{'itemprop':'link','itemtype':{'type':'referenceToObj','allowedTypes':['*']},'optional':true}]}},"
            + "'optional':true},"
            + "{'itemprop':'numberKeys','itemtype':{'type':'map','key':{'type':'number'},"
            + "'value':{'type':'boolean'}},'optional':true},"
            + "{'itemprop':'booleanKeys','itemtype':{'type':'map','key':{'type':'boolean'},"
            + "'value':{'type':'string'}},'optional':true},"
            + "{'itemprop':'setOfMaps','itemtype':{'type':'set','item':{'type':'map','key':{'type':'string'},"
            + "'value':{'type':'integer'}}},'optional':true},"
            + "{'itemprop':'flag','itemtype':{'type':'boolean'},'optional':true},"
            + "{'itemprop':'bagKeys','itemtype':{'type':'map','key':{'type':'bag','item':{'type':'string'}},"
            + "'value':{'type':'string'}},'optional':true}]}")));
        return registry;
    }

    /** JSON with single quotes for readability (no test value contains a quote). */
    static JsonNode json(final String singleQuoted) {
        return Json.parse(singleQuoted.replace('\'', '"'));
    }

    /** Same members in the same order with the same values (compared as canonical text). */
    static void assertJson(final JsonNode expected, final JsonNode actual) {
        assertEquals(Json.write(expected), Json.write(actual));
    }

    static ChumException expectError(final ErrorCode code, final String messagePart, final Executable action) {
        final ChumException e = assertThrows(ChumException.class, action);
        assertEquals(code, e.errorCode(), e.getMessage());
        assertTrue(e.getMessage().contains(messagePart), "'" + messagePart + "' not in: " + e.getMessage());
        return e;
    }
}
