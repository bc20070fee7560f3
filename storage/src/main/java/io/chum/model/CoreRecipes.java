package io.chum.model;

import io.chum.model.ItemType.ArrayType;
import io.chum.model.ItemType.BagType;
import io.chum.model.ItemType.BooleanType;
import io.chum.model.ItemType.IntegerType;
import io.chum.model.ItemType.MapType;
import io.chum.model.ItemType.NumberType;
import io.chum.model.ItemType.ObjectType;
import io.chum.model.ItemType.ReferenceToBlob;
import io.chum.model.ItemType.ReferenceToClob;
import io.chum.model.ItemType.ReferenceToId;
import io.chum.model.ItemType.ReferenceToObj;
import io.chum.model.ItemType.SetType;
import io.chum.model.ItemType.StringType;
import io.chum.model.ItemType.StringifiableType;

import java.util.List;
import java.util.Set;

/**
 * The core recipes of one.core that a chum depends on ({@code one-spec.md} §2), in recipe order.
 * The order of rules is the microdata order and therefore part of every hash: do not reorder.
 */
public final class CoreRecipes {
    public static final String PERSON = "Person";
    public static final String INSTANCE = "Instance";
    public static final String GROUP = "Group";
    public static final String ACCESS = "Access";
    public static final String ID_ACCESS = "IdAccess";
    public static final String CHUM = "Chum";
    public static final String VERSION_NODE_EDGE = "VersionNodeEdge";
    public static final String VERSION_NODE_CHANGE = "VersionNodeChange";
    public static final String VERSION_NODE_MERGE = "VersionNodeMerge";
    public static final String KEYS = "Keys";
    public static final String RECIPE = "Recipe";

    /** The three version-node types. */
    public static final Set<String> VERSION_NODE_TYPES = Set.of(VERSION_NODE_EDGE, VERSION_NODE_CHANGE,
        VERSION_NODE_MERGE);

    /** Types a peer may never push to us (ONE's CIEC-FO3): access rights are not replicated. */
    public static final Set<String> NEVER_IMPORTED = Set.of(ACCESS, ID_ACCESS, GROUP);

    private static final StringType STRING = StringType.PLAIN;
    private static final ReferenceToId PERSON_ID = new ReferenceToId(Set.of(PERSON));
    private static final ReferenceToObj VERSION_NODE = new ReferenceToObj(VERSION_NODE_TYPES);
    private static final StringType KEY_HEX = StringType.matching("^[A-Za-z0-9+/]{64}$");

    public static final Recipe PERSON_RECIPE = new Recipe(PERSON, List.of(
        Rule.id("email", STRING),
        Rule.optional("name", STRING)));

    public static final Recipe INSTANCE_RECIPE = new Recipe(INSTANCE, List.of(
        Rule.id("name", STRING),
        Rule.id("owner", PERSON_ID),
        Rule.of("recipe", new SetType(new ReferenceToObj(Set.of(RECIPE)))),
        Rule.of("enabledReverseMapTypes", new MapType(STRING, new SetType(STRING))),
        Rule.of("enabledReverseMapTypesForIdObjects", new MapType(STRING, new SetType(STRING)))));

    public static final Recipe GROUP_RECIPE = new Recipe(GROUP, List.of(
        Rule.id("name", STRING),
        Rule.of("person", new BagType(PERSON_ID))));

    public static final Recipe ACCESS_RECIPE = new Recipe(ACCESS, List.of(
        Rule.id("object", ReferenceToObj.ANY),
        Rule.of("person", new BagType(PERSON_ID)),
        Rule.of("group", new BagType(new ReferenceToId(Set.of(GROUP))))));

    public static final Recipe ID_ACCESS_RECIPE = new Recipe(ID_ACCESS, List.of(
        Rule.id("id", ReferenceToId.ANY),
        Rule.of("person", new BagType(PERSON_ID)),
        Rule.of("group", new BagType(new ReferenceToId(Set.of(GROUP))))));

    public static final Recipe CHUM_RECIPE = new Recipe(CHUM, List.of(
        Rule.id("name", STRING),
        Rule.id("instance", new ArrayType(STRING)),
        Rule.id("person", new ArrayType(StringType.matching("^(undefined|[0-9a-f]{64})$"))),
        Rule.of("highestRemoteTimestamp", IntegerType.ANY),
        Rule.of("AtoBObjects", new BagType(ReferenceToObj.ANY)),
        Rule.of("AtoBIdObjects", new BagType(ReferenceToId.ANY)),
        Rule.of("AtoBBlob", new BagType(ReferenceToBlob.INSTANCE)),
        Rule.of("AtoBClob", new BagType(ReferenceToClob.INSTANCE)),
        Rule.of("BtoAObjects", new BagType(ReferenceToObj.ANY)),
        Rule.of("BtoAIdObjects", new BagType(ReferenceToId.ANY)),
        Rule.of("BtoABlob", new BagType(ReferenceToBlob.INSTANCE)),
        Rule.of("BtoAClob", new BagType(ReferenceToClob.INSTANCE)),
        Rule.of("BtoAExists", IntegerType.ANY),
        Rule.optional("statistics", StringifiableType.INSTANCE),
        Rule.optional("errors", StringifiableType.INSTANCE)));

    public static final Recipe VERSION_NODE_EDGE_RECIPE = new Recipe(VERSION_NODE_EDGE, List.of(
        Rule.of("data", ReferenceToObj.ANY),
        Rule.of("depth", NumberType.INSTANCE),
        Rule.of("creationTime", NumberType.INSTANCE)));

    public static final Recipe VERSION_NODE_CHANGE_RECIPE = new Recipe(VERSION_NODE_CHANGE, List.of(
        Rule.optional("prev", VERSION_NODE),
        Rule.of("data", ReferenceToObj.ANY),
        Rule.of("depth", NumberType.INSTANCE),
        Rule.of("creationTime", NumberType.INSTANCE)));

    public static final Recipe VERSION_NODE_MERGE_RECIPE = new Recipe(VERSION_NODE_MERGE, List.of(
        Rule.of("nodes", new SetType(VERSION_NODE)),
        Rule.of("data", ReferenceToObj.ANY),
        Rule.of("depth", NumberType.INSTANCE),
        Rule.of("creationTime", NumberType.INSTANCE)));

    public static final Recipe KEYS_RECIPE = new Recipe(KEYS, List.of(
        Rule.of("owner", new ReferenceToId(Set.of(INSTANCE, PERSON))),
        Rule.of("publicKey", KEY_HEX),
        Rule.of("publicSignKey", KEY_HEX)));

    public static final Recipe RECIPE_RECIPE = new Recipe(RECIPE, List.of(
        Rule.id("name", STRING),
        Rule.optional("crdtConfig", new MapType(STRING, STRING)),
        Rule.of("rule", new ArrayType(new ObjectType(List.of(
            Rule.of("itemprop", STRING),
            Rule.optional("optional", BooleanType.INSTANCE),
            Rule.optional("isId", BooleanType.INSTANCE),
            Rule.optional("itemtype", StringifiableType.INSTANCE),
            Rule.optional("inheritFrom", StringifiableType.INSTANCE)))))));

    /** All core recipes. */
    public static final List<Recipe> ALL = List.of(PERSON_RECIPE, INSTANCE_RECIPE, GROUP_RECIPE, ACCESS_RECIPE,
        ID_ACCESS_RECIPE, CHUM_RECIPE, VERSION_NODE_EDGE_RECIPE, VERSION_NODE_CHANGE_RECIPE,
        VERSION_NODE_MERGE_RECIPE, KEYS_RECIPE, RECIPE_RECIPE);

    private CoreRecipes() {
    }

    /** True if {@code type} is one of the core types. */
    public static boolean isCore(final String type) {
        for (final Recipe r : ALL) {
            if (r.name().equals(type)) {
                return true;
            }
        }
        return false;
    }
}
