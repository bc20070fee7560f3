package io.chum.testing;

import io.chum.model.ItemType.ArrayType;
import io.chum.model.ItemType.BagType;
import io.chum.model.ItemType.MapType;
import io.chum.model.ItemType.NumberType;
import io.chum.model.ItemType.ReferenceToBlob;
import io.chum.model.ItemType.ReferenceToClob;
import io.chum.model.ItemType.ReferenceToId;
import io.chum.model.ItemType.ReferenceToObj;
import io.chum.model.ItemType.StringType;
import io.chum.model.Recipe;
import io.chum.model.RecipeRegistry;
import io.chum.model.Rule;

import java.util.List;
import java.util.Set;

/**
 * The application recipes of one.core's chum tests ({@code one-spec.md} §8), for tests that port those
 * scenarios. Immutable constants; {@link #registry()} returns a fresh registry each call.
 */
public final class OneTestRecipes {
    public static final String EMAIL = "OneTest$Email";
    public static final String REFERENCE_TEST = "OneTest$ReferenceTest";
    public static final String VERSIONED_REFERENCE_TEST = "OneTest$VersionedReferenceTest";
    public static final String BLOB_ATTACHMENT = "OneTest$BlobAttachment";
    public static final String CLOB_ATTACHMENT = "OneTest$ClobAttachment";

    private static final ReferenceToId PERSON_ID = new ReferenceToId(Set.of("Person"));

    /** Versioned, ID {@code messageID}; everything but the ID and {@code date} is optional. */
    public static final Recipe EMAIL_RECIPE = new Recipe(EMAIL, List.of(
        Rule.id("messageID", StringType.PLAIN),
        Rule.optional("from", new BagType(PERSON_ID)),
        Rule.optional("to", new BagType(PERSON_ID)),
        Rule.optional("cc", new BagType(PERSON_ID)),
        Rule.of("date", NumberType.INSTANCE),
        Rule.optional("subject", StringType.PLAIN),
        Rule.optional("html", ReferenceToClob.INSTANCE),
        Rule.optional("text", StringType.PLAIN),
        Rule.optional("attachment", new ArrayType(ReferenceToBlob.INSTANCE)),
        Rule.optional("rawEmail", ReferenceToBlob.INSTANCE)));

    /** Unversioned; every property optional. */
    public static final Recipe REFERENCE_TEST_RECIPE = new Recipe(REFERENCE_TEST, List.of(
        Rule.optional("versionedRef", new BagType(ReferenceToObj.ANY)),
        Rule.optional("unversionedRef", new BagType(ReferenceToObj.ANY)),
        Rule.optional("idRef", new BagType(ReferenceToId.ANY)),
        Rule.optional("clob", new BagType(ReferenceToClob.INSTANCE)),
        Rule.optional("blob", new BagType(ReferenceToBlob.INSTANCE)),
        Rule.optional("mapRef", new MapType(ReferenceToId.ANY, ReferenceToObj.ANY))));

    /** Versioned, ID {@code name}; the reference arrays are optional. */
    public static final Recipe VERSIONED_REFERENCE_TEST_RECIPE = new Recipe(VERSIONED_REFERENCE_TEST, List.of(
        Rule.id("name", StringType.PLAIN),
        Rule.optional("versionedRef", new ArrayType(ReferenceToObj.ANY)),
        Rule.optional("unversionedRef", new ArrayType(ReferenceToObj.ANY)),
        Rule.optional("idRef", new ArrayType(ReferenceToId.ANY)),
        Rule.optional("clob", new ArrayType(ReferenceToClob.INSTANCE)),
        Rule.optional("blob", new ArrayType(ReferenceToBlob.INSTANCE))));

    /** Unversioned: a BLOB with its media type. */
    public static final Recipe BLOB_ATTACHMENT_RECIPE = new Recipe(BLOB_ATTACHMENT, List.of(
        Rule.of("dataType", StringType.PLAIN),
        Rule.of("data", ReferenceToBlob.INSTANCE)));

    /** Unversioned: a CLOB with its media type. */
    public static final Recipe CLOB_ATTACHMENT_RECIPE = new Recipe(CLOB_ATTACHMENT, List.of(
        Rule.of("dataType", StringType.PLAIN),
        Rule.of("data", ReferenceToClob.INSTANCE)));

    /** All five test recipes. */
    public static final List<Recipe> ALL = List.of(EMAIL_RECIPE, REFERENCE_TEST_RECIPE,
        VERSIONED_REFERENCE_TEST_RECIPE, BLOB_ATTACHMENT_RECIPE, CLOB_ATTACHMENT_RECIPE);

    private OneTestRecipes() {
    }

    /** A new registry with the core recipes and all test recipes registered. */
    public static RecipeRegistry registry() {
        final RecipeRegistry registry = RecipeRegistry.withCoreRecipes();
        for (final Recipe r : ALL) {
            registry.register(r);
        }
        return registry;
    }
}
