package io.chum.store;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.microdata.Canonical;
import io.chum.model.CoreRecipes;
import io.chum.model.Hash;
import io.chum.model.ItemType;
import io.chum.model.ObjectJson;
import io.chum.model.OneObject;
import io.chum.model.Recipe;
import io.chum.model.RecipeJson;
import io.chum.model.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Recipe object registers its recipe, so the store refuses one that could not register, or that would change how
 * stored objects read, on every path that writes it: {@link RecipeObjects}.
 */
class RecipeChangeTest {
    private static final Recipe NOTE = new Recipe("App$Note", List.of(
        Rule.id("id", ItemType.StringType.PLAIN),
        Rule.of("n", ItemType.IntegerType.ANY)));
    /** One rule fewer: a stored note's {@code n} would not read. */
    private static final Recipe NOTE_WITHOUT_N = new Recipe("App$Note", List.of(
        Rule.id("id", ItemType.StringType.PLAIN)));
    /** An optional rule more, at the end: every stored note reads the same. */
    private static final Recipe NOTE_WITH_TAGS = new Recipe("App$Note", List.of(
        Rule.id("id", ItemType.StringType.PLAIN),
        Rule.of("n", ItemType.IntegerType.ANY),
        Rule.optional("tags", new ItemType.SetType(ItemType.StringType.PLAIN))));
    /** {@code n} becomes an ID property: every stored note's ID hash would change. */
    private static final Recipe NOTE_KEYED_BY_N = new Recipe("App$Note", List.of(
        Rule.id("id", ItemType.StringType.PLAIN),
        Rule.id("n", ItemType.IntegerType.ANY)));

    @Test
    @Timeout(60)
    void shouldRefuseAChangeThatStoredObjectsWouldNotReadTheSame(@TempDir final Path dir) {
        try (OneStore store = OneStore.create(dir, TestStores.config())) {
            store.registerRecipe(NOTE);
            final Hash note = store.storeVersionedObject(note("x", 5), StoreAs.CHANGE).hash();
            final long end = store.logEnd();
            final ChumException removed = assertThrows(ChumException.class,
                () -> store.registerRecipe(NOTE_WITHOUT_N));
            assertEquals(ErrorCode.BAD_RECIPE, removed.errorCode());
            assertTrue(removed.getMessage().contains("object " + note.toHex()), removed.getMessage());
            assertTrue(removed.getMessage().contains("under a new type name"), removed.getMessage());
            final ChumException keyed = assertThrows(ChumException.class,
                () -> store.storeVersionedObject(RecipeJson.toOneObject(NOTE_KEYED_BY_N), StoreAs.CHANGE));
            assertEquals(ErrorCode.BAD_RECIPE, keyed.errorCode());
            assertTrue(keyed.getMessage().contains("ID"), keyed.getMessage());
            assertEquals(end, store.logEnd(), "nothing was written");
            assertEquals(NOTE, store.recipes().recipe("App$Note"));
            assertEquals(5L, store.readObject(note).get("n"));
            assertTrue(store.verify(VerifyListener.NONE, 1).problems().isEmpty(), "the store is as healthy as before");
        }
    }

    @Test
    @Timeout(60)
    void shouldAcceptAChangeThatStoredObjectsReadTheSameAndAnyChangeOfAnUnusedType(@TempDir final Path dir) {
        try (OneStore store = OneStore.create(dir, TestStores.config())) {
            store.registerRecipe(NOTE_WITHOUT_N);
            store.registerRecipe(NOTE);
            final Hash note = store.storeVersionedObject(note("x", 5), StoreAs.CHANGE).hash();
            store.registerRecipe(NOTE_WITH_TAGS);
            assertEquals(NOTE_WITH_TAGS, store.recipes().recipe("App$Note"));
            assertEquals(5L, store.readObject(note).get("n"));
            store.storeVersionedObject(OneObject.of("App$Note", Map.of("id", "y", "n", 6L, "tags", List.of("a"))),
                StoreAs.CHANGE);
        }
        try (OneStore store = OneStore.open(dir, TestStores.config())) {
            assertEquals(NOTE_WITH_TAGS, store.recipes().recipe("App$Note"), "after reopening too");
            assertTrue(store.verify(VerifyListener.NONE, 1).problems().isEmpty());
        }
    }

    @Test
    @Timeout(60)
    void shouldRefuseARecipeObjectThatCannotRegisterWhateverWritesIt(@TempDir final Path dir) {
        try (OneStore store = OneStore.create(dir, TestStores.config())) {
            final long end = store.logEnd();
            final OneObject badRegexp = ObjectJson.fromJson("{\"name\":\"App$Bad\",\"rule\":[{\"itemprop\":\"a\","
                + "\"itemtype\":{\"type\":\"string\",\"regexp\":\"(\"}}]}", CoreRecipes.RECIPE, store.recipes());
            assertEquals(ErrorCode.BAD_RECIPE, assertThrows(ChumException.class,
                () -> store.storeVersionedObject(badRegexp, StoreAs.CHANGE)).errorCode());
            final OneObject badName = ObjectJson.fromJson("{\"name\":\"App$Bad\",\"rule\":[{\"itemprop\":\"a<b\"}]}",
                CoreRecipes.RECIPE, store.recipes());
            assertEquals(ErrorCode.BAD_RECIPE, assertThrows(ChumException.class,
                () -> store.storeObject(badName)).errorCode(), "stored as it would be without a version node");
            assertEquals(end, store.logEnd(), "nothing was written");
            assertEquals(null, store.recipes().find("App$Bad"));
        }
    }

    @Test
    @Timeout(60)
    void shouldRefuseAnImportedRecipeThatStoredObjectsWouldNotReadTheSame(@TempDir final Path dir) {
        try (OneStore peer = OneStore.create(dir.resolve("peer"), TestStores.config());
             OneStore store = OneStore.create(dir.resolve("store"), TestStores.config())) {
            store.registerRecipe(NOTE);
            final Hash note = store.storeVersionedObject(note("x", 5), StoreAs.CHANGE).hash();
            peer.registerRecipe(NOTE_WITHOUT_N);
            final Canonical.Encoded theirs = Canonical.encode(RecipeJson.toOneObject(NOTE_WITHOUT_N),
                peer.recipes());
            final long end = store.logEnd();
            final ChumException e = assertThrows(ChumException.class, () -> store.importBatch(
                List.of(VerifiedEntry.object(theirs.microdata(), theirs.hash(), store.recipes())), 7));
            assertEquals(ErrorCode.BAD_RECIPE, e.errorCode());
            assertEquals(end, store.logEnd(), "nothing was appended");
            assertEquals(NOTE, store.recipes().recipe("App$Note"), "a peer cannot make stored objects unreadable");
            assertEquals(5L, store.readObject(note).get("n"));
        }
    }

    @Test
    @Timeout(60)
    void shouldImportRecipesThatInheritFromEachOtherInAnyOrder(@TempDir final Path dir) {
        final Recipe parent = new Recipe("App$Parent", List.of(
            Rule.of("code", ItemType.StringType.matching("^[a-z]+$"))));
        final Recipe child = new Recipe("App$Child", List.of(
            new Rule("c", ItemType.StringType.PLAIN, false, false, "App$Parent.code")));
        try (OneStore store = OneStore.create(dir, TestStores.config())) {
            final Canonical.Encoded p = Canonical.encode(RecipeJson.toOneObject(parent), store.recipes());
            final Canonical.Encoded c = Canonical.encode(RecipeJson.toOneObject(child), store.recipes());
            final ImportResult result = store.importBatch(List.of(
                VerifiedEntry.object(c.microdata(), c.hash(), store.recipes()),
                VerifiedEntry.object(p.microdata(), p.hash(), store.recipes())), 7);
            assertEquals(List.of(StoreStatus.NEW, StoreStatus.NEW), result.statuses(), "in the batch's order");
            assertEquals("^[a-z]+$", ((ItemType.StringType) store.recipes().recipe("App$Child").rule("c").itemtype())
                .regexp(), "the child registered after its parent");
        }
        try (OneStore store = OneStore.open(dir, TestStores.config())) {
            assertTrue(store.recipes().contains("App$Child"), "and so again on replay: the parent was appended first");
        }
    }

    @Test
    @Timeout(60)
    void shouldRefuseToMakeAnEarlierRecipeVersionCurrentAgain(@TempDir final Path dir) {
        try (OneStore store = OneStore.create(dir, TestStores.config())) {
            store.registerRecipe(NOTE);
            store.registerRecipe(NOTE_WITH_TAGS);
            final long end = store.logEnd();
            final ChumException e = assertThrows(ChumException.class, () -> store.registerRecipe(NOTE));
            assertEquals(ErrorCode.BAD_RECIPE, e.errorCode());
            assertTrue(e.getMessage().contains("is stored already, as an earlier version"), e.getMessage());
            assertEquals(end, store.logEnd(), "nothing was written");
            assertEquals(NOTE_WITH_TAGS, store.recipes().recipe("App$Note"));
            store.registerRecipe(NOTE_WITH_TAGS);
            assertEquals(end, store.logEnd(), "the current version again: nothing to write");
        }
    }

    private static OneObject note(final String id, final long n) {
        return OneObject.of("App$Note", Map.of("id", id, "n", n));
    }
}
