package io.chum.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chum.ErrorCode;
import io.chum.testing.OneTestRecipes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static io.chum.model.ObjectJsonTest.assertJson;
import static io.chum.model.ObjectJsonTest.expectError;
import static io.chum.model.ObjectJsonTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecipeJsonTest {
    private static final String H1 = "1".repeat(64);
    private static final String H2 = "2".repeat(64);
    private static final String H3 = "3".repeat(64);

    /** Every ItemType kind and every rule flag, in canonical form. */
    private static final String ALL_KINDS = "{'name':'Test$AllKinds','rule':["
        + "{'itemprop':'id','isId':true},"
        + "{'itemprop':'code','itemtype':{'type':'string','regexp':'^[A-Z]{3}$'},'isId':true,'optional':true},"
        + "{'itemprop':'count','itemtype':{'type':'integer'}},"
        + "{'itemprop':'percent','itemtype':{'type':'integer','min':0,'max':100},'optional':true},"
        + "{'itemprop':'positive','itemtype':{'type':'integer','min':1},'optional':true},"
        + "{'itemprop':'ratio','itemtype':{'type':'number'}},"
        + "{'itemprop':'done','itemtype':{'type':'boolean'}},"
        + "{'itemprop':'extra','itemtype':{'type':'stringifiable'},'optional':true},"
        + "{'itemprop':'obj','itemtype':{'type':'referenceToObj','allowedTypes':['OneTest$Email','Person']}},"
        + "{'itemprop':'anyObj','itemtype':{'type':'referenceToObj','allowedTypes':['*']}},"
        + "{'itemprop':'owner','itemtype':{'type':'referenceToId','allowedTypes':['Person']}},"
        + "{'itemprop':'text','itemtype':{'type':'referenceToClob'}},"
        + "{'itemprop':'bytes','itemtype':{'type':'referenceToBlob'}},"
        + "{'itemprop':'index','itemtype':{'type':'map','key':{'type':'referenceToId','allowedTypes':['*']},"
        + "'value':{'type':'set','item':{'type':'string'}}}},"
        + "{'itemprop':'history','itemtype':{'type':'array','item':{'type':'bag','item':{'type':'number'}}}},"
        + "{'itemprop':'parts','itemtype':{'type':'object','rules':["
        + "{'itemprop':'title'},"
        + "{'itemprop':'size','itemtype':{'type':'integer'},'optional':true},"
        + "{'itemprop':'alias','optional':true,'inheritFrom':'Person.name'}]}},"
        + "{'itemprop':'mail','inheritFrom':'Person.email'}]}";

    private static final String EMAIL = "{'name':'OneTest$Email','rule':["
        + "{'itemprop':'messageID','isId':true},"
        + "{'itemprop':'from','itemtype':{'type':'bag','item':{'type':'referenceToId','allowedTypes':['Person']}},"
        + "'optional':true},"
        + "{'itemprop':'to','itemtype':{'type':'bag','item':{'type':'referenceToId','allowedTypes':['Person']}},"
        + "'optional':true},"
        + "{'itemprop':'cc','itemtype':{'type':'bag','item':{'type':'referenceToId','allowedTypes':['Person']}},"
        + "'optional':true},"
        + "{'itemprop':'date','itemtype':{'type':'number'}},"
        + "{'itemprop':'subject','optional':true},"
        + "{'itemprop':'html','itemtype':{'type':'referenceToClob'},'optional':true},"
        + "{'itemprop':'text','optional':true},"
        + "{'itemprop':'attachment','itemtype':{'type':'array','item':{'type':'referenceToBlob'}},'optional':true},"
        + "{'itemprop':'rawEmail','itemtype':{'type':'referenceToBlob'},'optional':true}]}";

    private static final String REFERENCE_TEST = "{'name':'OneTest$ReferenceTest','rule':["
        + "{'itemprop':'versionedRef','itemtype':{'type':'bag','item':{'type':'referenceToObj','allowedTypes':['*']}},"
        + "'optional':true},"
        + "{'itemprop':'unversionedRef','itemtype':{'type':'bag','item':{'type':'referenceToObj',"
        + "'allowedTypes':['*']}},'optional':true},"
        + "{'itemprop':'idRef','itemtype':{'type':'bag','item':{'type':'referenceToId','allowedTypes':['*']}},"
        + "'optional':true},"
        + "{'itemprop':'clob','itemtype':{'type':'bag','item':{'type':'referenceToClob'}},'optional':true},"
        + "{'itemprop':'blob','itemtype':{'type':'bag','item':{'type':'referenceToBlob'}},'optional':true},"
        + "{'itemprop':'mapRef','itemtype':{'type':'map','key':{'type':'referenceToId','allowedTypes':['*']},"
        + "'value':{'type':'referenceToObj','allowedTypes':['*']}},'optional':true}]}";

    static Stream<Recipe> declaredRecipes() {
        final List<Recipe> all = new ArrayList<>(CoreRecipes.ALL);
        all.addAll(OneTestRecipes.ALL);
        all.add(RecipeJson.fromJson(json(ALL_KINDS)));
        return all.stream();
    }

    @ParameterizedTest
    @ValueSource(strings = {ALL_KINDS, EMAIL, REFERENCE_TEST})
    void shouldRoundTripJsonIdentically(final String recipeJson) {
        final JsonNode input = json(recipeJson);
        assertJson(input, RecipeJson.toJson(RecipeJson.fromJson(input)));
    }

    @Test
    void shouldReadTheOneTestRecipesAsTheFixturesDeclareThem() {
        assertEquals(OneTestRecipes.EMAIL_RECIPE, RecipeJson.fromJson(json(EMAIL)));
        assertEquals(OneTestRecipes.REFERENCE_TEST_RECIPE, RecipeJson.fromJson(json(REFERENCE_TEST)));
        assertTrue(OneTestRecipes.EMAIL_RECIPE.isVersioned());
        assertFalse(OneTestRecipes.REFERENCE_TEST_RECIPE.isVersioned());
    }

    @Test
    void shouldReadEveryKindIntoTheModel() {
        final Recipe r = RecipeJson.fromJson(json(ALL_KINDS));
        assertEquals(ItemType.StringType.PLAIN, r.rule("id").itemtype());
        assertTrue(r.rule("id").isId());
        assertEquals("^[A-Z]{3}$", ((ItemType.StringType) r.rule("code").itemtype()).regexp());
        assertEquals(new ItemType.IntegerType(0L, 100L), r.rule("percent").itemtype());
        assertEquals(new ItemType.IntegerType(1L, null), r.rule("positive").itemtype());
        assertEquals(new ItemType.ReferenceToObj(Set.of("Person", "OneTest$Email")), r.rule("obj").itemtype());
        assertEquals(new ItemType.MapType(ItemType.ReferenceToId.ANY, new ItemType.SetType(ItemType.StringType.PLAIN)),
            r.rule("index").itemtype());
        final ItemType.ObjectType parts = (ItemType.ObjectType) r.rule("parts").itemtype();
        assertEquals("Person.name", parts.rules().get(2).inheritFrom());
        assertEquals("Person.email", r.rule("mail").inheritFrom());
        assertEquals(ItemType.StringType.PLAIN, r.rule("mail").itemtype());
    }

    @Test
    void shouldWriteCanonically() {
        final Recipe r = RecipeJson.fromJson(json("{'rule':[{'optional':false,'inheritFrom':{'rule':'Person.email'},"
            + "'isId':false,'itemprop':'a'},{'itemtype':{'allowedTypes':['Person','*','Group'],"
            + "'type':'referenceToId'},'itemprop':'b','optional':true,'isId':true},"
            + "{'itemprop':'c','itemtype':{'type':'string'}}],'name':'Test$Canon','$type$':'Recipe'}"));
        assertEquals("{\"name\":\"Test$Canon\",\"rule\":[{\"itemprop\":\"a\",\"inheritFrom\":\"Person.email\"},"
            + "{\"itemprop\":\"b\",\"itemtype\":{\"type\":\"referenceToId\",\"allowedTypes\":[\"*\",\"Group\","
            + "\"Person\"]},\"isId\":true,\"optional\":true},{\"itemprop\":\"c\"}]}",
            Json.write(RecipeJson.toJson(r)));
        assertEquals("{\"type\":\"map\",\"key\":{\"type\":\"string\"},\"value\":{\"type\":\"integer\",\"min\":-5}}",
            Json.write(RecipeJson.itemTypeToJson(new ItemType.MapType(ItemType.StringType.PLAIN,
                new ItemType.IntegerType(-5L, null)))));
    }

    @ParameterizedTest
    @MethodSource("declaredRecipes")
    void shouldRoundTripThroughJsonAndTheRecipeObject(final Recipe recipe) {
        assertEquals(recipe, RecipeJson.fromJson(RecipeJson.toJson(recipe)));
        final OneObject obj = RecipeJson.toOneObject(recipe);
        assertEquals(CoreRecipes.RECIPE, obj.type());
        assertEquals(recipe, RecipeJson.fromOneObject(obj));
        // The Recipe object is an ordinary ONE object: its JSON form is the recipe JSON plus $type$.
        final ObjectNode expected = RecipeJson.toJson(recipe);
        final ObjectNode asObject = ObjectJson.toJson(obj, RecipeRegistry.withCoreRecipes());
        assertEquals(CoreRecipes.RECIPE, asObject.remove(ObjectJson.TYPE_MEMBER).textValue());
        assertEquals(expected, asObject);
    }

    @Test
    void shouldBuildTheRecipeObjectAsDeclared() {
        final OneObject obj = RecipeJson.toOneObject(OneTestRecipes.EMAIL_RECIPE);
        assertEquals("OneTest$Email", obj.getString("name"));
        assertNull(obj.get("crdtConfig"));
        final List<Object> rules = obj.getList("rule");
        assertEquals(10, rules.size());
        final Map<?, ?> messageId = (Map<?, ?>) rules.get(0);
        assertEquals(Map.of("itemprop", "messageID", "isId", true), messageId);
        final Map<?, ?> from = (Map<?, ?>) rules.get(1);
        assertEquals(List.of("itemprop", "optional", "itemtype"), new ArrayList<>(from.keySet()),
            "in the order of ONE's Recipe recipe");
        assertEquals(json("{'type':'bag','item':{'type':'referenceToId','allowedTypes':['Person']}}"),
            from.get("itemtype"));
        assertEquals(Boolean.TRUE, from.get("optional"));
    }

    @Test
    void shouldStoreInheritedRulesByNameNotByResolvedType() {
        final RecipeRegistry registry = RecipeRegistry.withCoreRecipes();
        final Recipe declared = RecipeJson.fromJson(json("{'name':'Test$Contact','rule':["
            + "{'itemprop':'email','isId':true,'inheritFrom':'Person.email'},"
            + "{'itemprop':'keys','itemtype':{'type':'object','rules':["
            + "{'itemprop':'k','inheritFrom':'Keys.publicKey'}]},"
            + "'optional':true}]}"));
        final Recipe resolved = registry.register(declared);
        final ItemType.ObjectType keys = (ItemType.ObjectType) resolved.rule("keys").itemtype();
        assertEquals(CoreRecipes.KEYS_RECIPE.rule("publicKey").itemtype(), keys.rules().get(0).itemtype());

        final OneObject obj = RecipeJson.toOneObject(resolved);
        final Map<?, ?> email = (Map<?, ?>) obj.getList("rule").get(0);
        assertEquals(List.of("itemprop", "isId", "inheritFrom"), new ArrayList<>(email.keySet()));
        assertEquals(JsonNodeFactory.instance.textNode("Person.email"), email.get("inheritFrom"));
        assertEquals(declared, RecipeJson.fromOneObject(obj));
        assertEquals(RecipeJson.toJson(declared), RecipeJson.toJson(resolved));
        assertEquals(resolved, RecipeRegistry.withCoreRecipes().register(RecipeJson.fromOneObject(obj)));
    }

    @Test
    void shouldRegisterAConvertedRecipeAndReadObjectsOfItsType() {
        final RecipeRegistry registry = RecipeRegistry.withCoreRecipes();
        registry.register(RecipeJson.fromOneObject(RecipeJson.toOneObject(RecipeJson.fromJson(json(EMAIL)))));
        final JsonNode email = json("{'$type$':'OneTest$Email','messageID':'m-1@demo.org','from':['" + H1 + "'],"
            + "'to':['" + H1 + "','" + H2 + "'],'date':1700000000000,'subject':'Hi & <bye>','html':'" + H3 + "',"
            + "'attachment':['" + H2 + "','" + H1 + "']}");
        final OneObject obj = ObjectJson.fromJson(email, registry);
        assertEquals(List.of(IdHash.ofHex(H1), IdHash.ofHex(H2)), obj.get("to"));
        assertEquals(1.7e12, obj.get("date"));
        assertEquals(Hash.ofHex(H3), obj.get("html"));
        assertTrue(registry.isVersioned("OneTest$Email"));
        assertJson(email, ObjectJson.toJson(obj, registry));
    }

    @Test
    void shouldAcceptARecipeObjectReadFromJsonAndIgnoreItsCrdtConfig() {
        final OneObject obj = ObjectJson.fromJson(json("{'$type$':'Recipe','name':'OneTest$BlobAttachment',"
            + "'crdtConfig':{'data':'lww'},'rule':[{'itemprop':'dataType','optional':false},"
            + "{'itemprop':'data','itemtype':{'type':'referenceToBlob'}}]}"), RecipeRegistry.withCoreRecipes());
        assertEquals(OneTestRecipes.BLOB_ATTACHMENT_RECIPE, RecipeJson.fromOneObject(obj));
        assertEquals(OneTestRecipes.BLOB_ATTACHMENT_RECIPE, RecipeJson.fromJson(ObjectJson.toJson(obj,
            RecipeRegistry.withCoreRecipes())), "the same recipe read from the JSON");
    }

    @Test
    void shouldRejectMalformedRecipes() {
        badRecipe("recipe", "{'rule':[]}");
        badRecipe("recipe", "[]");
        badRecipe("Test$Bad", "{'name':'Test$Bad'}");
        badRecipe("Test$Bad", "{'name':'Test$Bad','rule':{}}");
        badRecipe("Test$Bad: unknown member \"crdt\"", "{'name':'Test$Bad','rule':[],'crdt':{}}");
        badRecipe("Person", "{'$type$':'Person','name':'Test$Bad','rule':[]}");
        badRecipe("Test$Bad: rule[0]: \"itemprop\"", "{'name':'Test$Bad','rule':[{'optional':true}]}");
        badRecipe("Test$Bad: rule[1] must be a rule object", "{'name':'Test$Bad','rule':[{'itemprop':'a'},'b']}");
        badRecipe("Test$Bad.p: unknown member \"optinal\"", rule("{'itemprop':'p','optinal':true}"));
        badRecipe("Test$Bad.p: \"isId\"", rule("{'itemprop':'p','isId':'yes'}"));
        badRecipe("Test$Bad.p: itemtype must be", rule("{'itemprop':'p','itemtype':'string'}"));
        badRecipe("Test$Bad.p: itemtype.type \"strin\"", rule("{'itemprop':'p','itemtype':{'type':'strin'}}"));
        badRecipe("Test$Bad.p: itemtype.type must", rule("{'itemprop':'p','itemtype':{}}"));
        badRecipe("Test$Bad.p: itemtype (string) has unknown member \"min\"",
            rule("{'itemprop':'p','itemtype':{'type':'string','min':1}}"));
        badRecipe("Test$Bad.p: itemtype.regexp", rule("{'itemprop':'p','itemtype':{'type':'string','regexp':'(a'}}"));
        badRecipe("Test$Bad.p: itemtype: min 5 is greater than max 1",
            rule("{'itemprop':'p','itemtype':{'type':'integer','min':5,'max':1}}"));
        assertEquals(new ItemType.IntegerType(-2L, 1000L), RecipeJson.fromJson(json(
            "{'name':'T','rule':[{'itemprop':'p','itemtype':{'type':'integer','min':-2.0,'max':1e3}}]}"))
            .rule("p").itemtype(), "JavaScript numbers: 1e3 is 1000");
        badRecipe("itemtype.max must be an integer within ±(2^53−1), not 1.5",
            rule("{'itemprop':'p','itemtype':{'type':'integer','max':1.5}}"));
        badRecipe("Test$Bad.p: itemtype.max", rule("{'itemprop':'p','itemtype':{'type':'integer','max':1.5}}"));
        badRecipe("itemtype.max must be an integer within ±(2^53−1), not 1e+21",
            rule("{'itemprop':'p','itemtype':{'type':'integer','max':1e21}}"));
        badRecipe("itemtype.min must be an integer within ±(2^53−1), not 5e-324",
            rule("{'itemprop':'p','itemtype':{'type':'integer','min':5e-324}}"));
        badRecipe("itemtype.min must be an integer within ±(2^53−1), not \"3\"",
            rule("{'itemprop':'p','itemtype':{'type':'integer','min':'3'}}"));
        badRecipe("Test$Bad.p: itemtype.allowedTypes", rule("{'itemprop':'p','itemtype':{'type':'referenceToObj'}}"));
        badRecipe("Test$Bad.p: itemtype.allowedTypes",
            rule("{'itemprop':'p','itemtype':{'type':'referenceToId','allowedTypes':[]}}"));
        badRecipe("Test$Bad.p: itemtype.item.allowedTypes",
            rule("{'itemprop':'p','itemtype':{'type':'set','item':{'type':'referenceToId','allowedTypes':[1]}}}"));
        badRecipe("Test$Bad.p: itemtype (map) needs \"value\"",
            rule("{'itemprop':'p','itemtype':{'type':'map','key':{'type':'string'}}}"));
        badRecipe("Test$Bad.p: itemtype (bag) needs \"item\"", rule("{'itemprop':'p','itemtype':{'type':'bag'}}"));
        badRecipe("Test$Bad.p: itemtype.rules", rule("{'itemprop':'p','itemtype':{'type':'object'}}"));
        badRecipe("Test$Bad.p.q: itemtype.key.type",
            rule("{'itemprop':'p','itemtype':{'type':'object','rules':[{'itemprop':'q','itemtype':"
                + "{'type':'map','key':{'type':'nope'},'value':{'type':'string'}}}]}}"));
        badRecipe("Test$Bad.p: inheritFrom must be", rule("{'itemprop':'p','inheritFrom':'Person'}"));
        badRecipe("Test$Bad.p: inheritFrom must be", rule("{'itemprop':'p','inheritFrom':7}"));
        badRecipe("Test$Bad.p: inheritFrom option \"extract\"",
            rule("{'itemprop':'p','inheritFrom':{'rule':'Group.person','extract':'CollectionItemType'}}"));
        badRecipe("Test$Bad.p: a rule with inheritFrom",
            rule("{'itemprop':'p','inheritFrom':'Person.email','itemtype':{'type':'number'}}"));
        expectError(ErrorCode.BAD_JSON, "line 1", () -> RecipeJson.fromJson("{\"name\":"));
    }

    @Test
    void shouldRejectMalformedRecipeObjects() {
        expectError(ErrorCode.BAD_RECIPE, "Person",
            () -> RecipeJson.fromOneObject(OneObject.of("Person", Map.of("email", "a"))));
        final Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("itemprop", "p");
        rule.put("itemtype", JsonNodeFactory.instance.textNode("string"));
        expectError(ErrorCode.BAD_RECIPE, "Test$Bad.p: itemtype must be an object", () -> RecipeJson.fromOneObject(
            OneObject.of(CoreRecipes.RECIPE, Map.of("name", "Test$Bad", "rule", List.of(rule)))));
        expectError(ErrorCode.BAD_RECIPE, "Recipe.rule[0].optional", () -> RecipeJson.fromOneObject(
            OneObject.of(CoreRecipes.RECIPE, Map.of("name", "Test$Bad",
                "rule", List.of(Map.of("itemprop", "p", "optional", "yes"))))));
        expectError(ErrorCode.BAD_RECIPE, "Recipe.owner", () -> RecipeJson.fromOneObject(
            OneObject.of(CoreRecipes.RECIPE, Map.of("name", "Test$Bad", "rule", List.of(), "owner", "x"))));
    }

    @Test
    void shouldMakeEveryFixtureRegistrable() {
        final RecipeRegistry registry = OneTestRecipes.registry();
        for (final Recipe r : OneTestRecipes.ALL) {
            assertEquals(r, registry.recipe(r.name()));
        }
        assertTrue(registry.isVersioned(OneTestRecipes.VERSIONED_REFERENCE_TEST));
        assertFalse(registry.isVersioned(OneTestRecipes.CLOB_ATTACHMENT));
    }

    private static String rule(final String ruleJson) {
        return "{'name':'Test$Bad','rule':[{'itemprop':'ok'}," + ruleJson + "]}";
    }

    private static void badRecipe(final String messagePart, final String recipeJson) {
        expectError(ErrorCode.BAD_RECIPE, messagePart, () -> RecipeJson.fromJson(json(recipeJson)));
    }
}
