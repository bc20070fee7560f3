package io.chum.store;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.log.EventLog;
import io.chum.log.ObjectWritten;
import io.chum.microdata.Canonical;
import io.chum.model.CoreRecipes;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.ItemType;
import io.chum.model.OneObject;
import io.chum.model.Recipe;
import io.chum.model.RecipeJson;
import io.chum.model.Rule;
import io.chum.model.Sha256;
import io.chum.testing.OneTestRecipes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every error code the store raises itself, each with a message naming what is wrong. (FORBIDDEN_TYPE and
 * HASH_MISMATCH are also in {@link ImportTest}, CLOSED in {@link OneStoreTest}.)
 */
class StoreErrorCodesTest {

    @Test
    @Timeout(60)
    void shouldReportStoreStateAndFormat(@TempDir final Path tmp) throws IOException {
        final Path dir = tmp.resolve("s");
        assertCode(ErrorCode.STORE_STATE, dir.toString(), () -> OneStore.open(dir, TestStores.config()));
        OneStore.create(dir, TestStores.config()).close();
        assertCode(ErrorCode.STORE_STATE, dir.toString(), () -> OneStore.create(dir, TestStores.config()));
        Files.writeString(dir.resolve("format"), "chum-store 2\n");
        assertCode(ErrorCode.STORE_FORMAT, "chum-store 2", () -> OneStore.open(dir, TestStores.config()));
    }

    @Test
    @Timeout(60)
    void shouldReportNotFound(@TempDir final Path dir) {
        try (OneStore store = OneStore.create(dir, TestStores.config())) {
            final Hash absent = Sha256.hash(new byte[] {7});
            final IdHash absentId = Sha256.idHash(new byte[] {7});
            assertCode(ErrorCode.NOT_FOUND, absent.toHex(), () -> store.readMicrodata(absent));
            assertCode(ErrorCode.NOT_FOUND, absent.toHex(), () -> store.readObject(absent));
            assertCode(ErrorCode.NOT_FOUND, absentId.toHex(), () -> store.readIdMicrodata(absentId));
            assertCode(ErrorCode.NOT_FOUND, absent.toHex(), () -> store.openBlob(absent));
            assertCode(ErrorCode.NOT_FOUND, absent.toHex(), () -> store.typeOf(absent));
            assertCode(ErrorCode.NOT_FOUND, absent.toHex(), () -> store.adoptVersion(absent, 0));
            final IdHash person = TestStores.storePerson(store, "a@b.c");
            final long index = store.logEnd() - 1;
            assertCode(ErrorCode.NOT_FOUND, Long.toHexString(index), () -> store.readChumRecord(index));
            assertCode(ErrorCode.NOT_FOUND, person.toHex(), () -> store.readMicrodata(person.asHash()));
        }
    }

    @Test
    @Timeout(60)
    void shouldSayWhatAGrantsTargetOrGranteeIsWhenItIsTheWrongKind(@TempDir final Path dir) {
        try (OneStore store = OneStore.create(dir, TestStores.config())) {
            TestStores.registerTestRecipes(store);
            final IdHash person = TestStores.storePerson(store, "a@b.c");
            final Hash doc = store.storeObject(TestStores.unversioned()).hash();
            final Hash blob = store.storeBlob(new ByteArrayInputStream(new byte[] {1, 2, 3})).hash();
            assertCode(ErrorCode.MISSING_REFERENCE, "but a BLOB or CLOB with this hash is", () -> store.createAccess(
                AccessRequest.forObject(blob, List.of(person), List.of(), AccessMode.ADD)));
            assertCode(ErrorCode.MISSING_REFERENCE, "but an ID object with this hash is", () -> store.createAccess(
                AccessRequest.forObject(person.asHash(), List.of(person), List.of(), AccessMode.ADD)));
            assertCode(ErrorCode.MISSING_REFERENCE, "but an object with this hash is", () -> store.createAccess(
                AccessRequest.forId(doc.asIdHash(), List.of(person), List.of(), AccessMode.ADD)));
            final ChumException absent = assertThrows(ChumException.class, () -> store.createAccess(
                AccessRequest.forObject(Sha256.hash(new byte[] {9}), List.of(person), List.of(), AccessMode.ADD)));
            assertTrue(absent.getMessage().endsWith("is not in the store"), absent.getMessage());
            final IdHash group = store.storeVersionedObject(TestStores.group("friends", person), StoreAs.CHANGE)
                .idHash();
            final long afterGroup = store.logEnd();
            assertCode(ErrorCode.WRONG_TYPE, "is the ID of a Group, not of a Person", () -> store.createAccess(
                AccessRequest.forObject(doc, List.of(group), List.of(), AccessMode.ADD)));
            assertCode(ErrorCode.WRONG_TYPE, "is the ID of a Person, not of a Group", () -> store.createAccess(
                AccessRequest.forObject(doc, List.of(), List.of(person), AccessMode.ADD)));
            assertEquals(afterGroup, store.logEnd(), "nothing was appended");
        }
    }

    @Test
    @Timeout(60)
    void shouldRefuseMissingReferencesNamingBothHashes(@TempDir final Path dir) {
        try (OneStore store = OneStore.create(dir, TestStores.config())) {
            TestStores.registerTestRecipes(store);
            final Hash absent = Sha256.hash(new byte[] {1});
            final IdHash absentId = Sha256.idHash(new byte[] {2});
            final long end = store.logEnd();
            assertCode(ErrorCode.MISSING_REFERENCE, absent.toHex(),
                () -> store.storeObject(TestStores.unversioned(absent)));
            assertCode(ErrorCode.MISSING_REFERENCE, absent.toHex(), () -> store.storeObject(OneObject.of(
                OneTestRecipes.BLOB_ATTACHMENT, Map.of("dataType", "image/png", "data", absent))));
            assertCode(ErrorCode.MISSING_REFERENCE, absentId.toHex(), () -> store.storeVersionedObject(
                OneObject.of(OneTestRecipes.VERSIONED_REFERENCE_TEST, Map.of("name", "n", "idRef",
                    List.of(absentId))), StoreAs.CHANGE));
            assertCode(ErrorCode.MISSING_REFERENCE, absentId.toHex(), () -> store.storeIdObject(OneObject.of(
                CoreRecipes.INSTANCE, Map.of("name", "laptop", "owner", absentId))));
            assertCode(ErrorCode.MISSING_REFERENCE, absent.toHex(), () -> store.createAccess(
                AccessRequest.forObject(absent, List.of(), List.of(), AccessMode.ADD)));
            final Hash doc = store.storeObject(TestStores.unversioned()).hash();
            assertCode(ErrorCode.MISSING_REFERENCE, absentId.toHex(), () -> store.createAccess(
                AccessRequest.forObject(doc, List.of(absentId), List.of(), AccessMode.ADD)));
            assertCode(ErrorCode.MISSING_REFERENCE, absentId.toHex(), () -> store.createAccess(
                AccessRequest.forId(absentId, List.of(), List.of(), AccessMode.ADD)));
            assertEquals(end + 1, store.logEnd(), "only the one valid object was appended");
            final OneObject self = ImportTest.selfReferencing("self", doc);
            assertEquals(StoreStatus.NEW, store.storeVersionedObject(self, StoreAs.CHANGE).status(),
                "a reference to the object's own ID is allowed");
        }
    }

    @Test
    @Timeout(60)
    void shouldReportTypeAndVersioningErrors(@TempDir final Path dir) {
        try (OneStore store = OneStore.create(dir, TestStores.config())) {
            TestStores.registerTestRecipes(store);
            final StoreResult note = store.storeObject(TestStores.unversioned());
            assertCode(ErrorCode.NOT_VERSIONED, "ReferenceTest",
                () -> store.storeVersionedObject(TestStores.unversioned(), StoreAs.CHANGE));
            assertCode(ErrorCode.NOT_VERSIONED, "ReferenceTest", () -> store.storeIdObject(TestStores.unversioned()));
            assertCode(ErrorCode.UNKNOWN_TYPE, "Nope", () -> store.storeObject(OneObject.of("Nope", Map.of())));
            assertCode(ErrorCode.MISSING_VALUE, "email", () -> store.storeIdObject(OneObject.of("Person",
                Map.of())));
            assertCode(ErrorCode.WRONG_TYPE, note.hash().toHex(), () -> store.adoptVersion(note.hash(), 0));
            final Hash edge = store.storeObject(OneObject.of(CoreRecipes.VERSION_NODE_EDGE, Map.of("data",
                note.hash(), "depth", 0.0, "creationTime", 1.0))).hash();
            assertCode(ErrorCode.NOT_VERSIONED, note.hash().toHex(), () -> store.adoptVersion(edge, 0));
            assertCode(ErrorCode.BAD_RECIPE, "Person", () -> store.registerRecipe(new Recipe("Person",
                List.of(Rule.id("email", ItemType.StringType.PLAIN)))));
            assertCode(ErrorCode.BAD_RECIPE, "unknown type Missing", () -> store.registerRecipe(new Recipe("Bad",
                List.of(new Rule("x", ItemType.StringType.PLAIN, false, false, "Missing.x")))));
            assertFalse(store.recipes().contains("Bad"));
        }
    }

    @Test
    @Timeout(60)
    void shouldRefuseAClobThatIsNotUtf8(@TempDir final Path dir) {
        try (OneStore store = OneStore.create(dir, TestStores.config())) {
            final byte[] bad = {'o', 'k', (byte) 0xC3};
            assertCode(ErrorCode.BAD_CLOB, "byte 3", () -> store.storeClob(new ByteArrayInputStream(bad)));
            assertEquals(0, store.size());
            assertEquals(StoreStatus.NEW, store.storeBlob(new ByteArrayInputStream(bad)).status(),
                "the same bytes are a fine BLOB");
        }
    }

    @Test
    @Timeout(60)
    void shouldReportAFullDiskAndStayConsistent(@TempDir final Path dir) {
        final IdHash alice;
        try (OneStore store = OneStore.create(dir, TestStores.config())) {
            alice = TestStores.storePerson(store, "alice@example.com");
        }
        final StoreConfig full = TestStores.config().withLog(TestStores.config().log()
            .withDiskReserve(Long.MAX_VALUE / 4));
        try (OneStore store = OneStore.open(dir, full)) {
            final long end = store.logEnd();
            assertCode(ErrorCode.DISK_FULL, "", () -> TestStores.storePerson(store, "bob@example.com"));
            assertCode(ErrorCode.DISK_FULL, "", () -> store.storeBlob(new ByteArrayInputStream(new byte[10])));
            assertEquals(end, store.logEnd(), "nothing appended");
            assertTrue(store.exists(alice), "reads still work");
        }
        try (OneStore store = OneStore.open(dir, TestStores.config())) {
            assertEquals(StoreStatus.NEW, store.storeVersionedObject(TestStores.person("bob@example.com"),
                StoreAs.CHANGE).status(), "writes resume once there is room");
            assertTrue(store.verify(VerifyListener.NONE).ok());
        }
    }

    @Test
    @Timeout(60)
    void shouldRefuseToReplayACorruptRecordInTheMiddleOfTheLog(@TempDir final Path dir) throws IOException {
        final IdHash damaged;
        try (OneStore store = OneStore.create(dir, TestStores.config())) {
            TestStores.storePerson(store, "first@example.com");
            damaged = store.storeIdObject(TestStores.person("damaged-record@example.com")).idHash();
            TestStores.storePerson(store, "last@example.com");
        }
        LogFiles.flipByteOf(dir, "damaged-record@");
        try (OneStore store = OneStore.open(dir, TestStores.config())) {
            final VerifyReport report = store.verify(VerifyListener.NONE);
            assertEquals(1, report.problems().size(), report.toString());
            assertEquals(damaged, report.problems().get(0).hash());
            assertEquals(ErrorCode.CORRUPT_RECORD, report.problems().get(0).code());
        }
        assertCode(ErrorCode.CORRUPT_RECORD, "corrupt", () -> OneStoreTest.openWithoutCheckpoint(dir));
    }

    @Test
    @Timeout(60)
    void shouldRefuseARecipeObjectThatCannotRegisterAndReportOneThatGotIntoTheLog(@TempDir final Path dir) {
        final List<Throwable> errors = new CopyOnWriteArrayList<>();
        final OneStore[] self = new OneStore[1];
        final StoreConfig config = TestStores.config().withErrorHandler(e -> {
            errors.add(e);
            try {
                self[0].storeIdObject(TestStores.person("from-the-handler@example.com"));
            } catch (final ChumException inner) {
                errors.add(inner);
            }
        });
        final Recipe otherPerson = new Recipe("Person", List.of(Rule.id("email", ItemType.StringType.PLAIN),
            Rule.optional("age", ItemType.IntegerType.ANY)));
        final Canonical.Encoded recipeObject = Canonical.encode(RecipeJson.toOneObject(otherPerson),
            TestStores.testRegistry());
        try (OneStore store = OneStore.create(dir, config)) {
            self[0] = store;
            final long end = store.logEnd();
            assertCode(ErrorCode.BAD_RECIPE, "core recipe Person cannot be replaced",
                () -> store.storeVersionedObject(RecipeJson.toOneObject(otherPerson), StoreAs.CHANGE));
            assertEquals(end, store.logEnd(), "nothing was written");
            // As a log written by an older version, or by a process that raced this one, may hold it.
            try (EventLog log = EventLog.open(dir.resolve("log"), TestStores.config().log())) {
                log.appender().append(new ObjectWritten(recipeObject.hash(), "Recipe", recipeObject.microdata()));
            }
            store.storeIdObject(TestStores.person("after@example.com"));
            assertTrue(store.exists(recipeObject.hash()), "the Recipe object is in the log");
            assertEquals(CoreRecipes.PERSON_RECIPE, store.recipes().recipe("Person"), "but does not register");
            assertEquals(2, errors.size(), errors.toString());
            assertEquals(ErrorCode.BAD_RECIPE, ((ChumException) errors.get(0)).errorCode());
            assertTrue(errors.get(0).getMessage().contains(recipeObject.hash().toHex()), errors.get(0).getMessage());
            assertEquals(ErrorCode.INTERNAL, ((ChumException) errors.get(1)).errorCode(),
                "a write from the writer thread would deadlock; it is refused");
        }
    }

    private static void assertCode(final ErrorCode code, final String inMessage, final Runnable call) {
        final ChumException e = assertThrows(ChumException.class, call::run);
        assertEquals(code, e.errorCode(), e.getMessage());
        assertTrue(e.getMessage().contains(inMessage), "'" + inMessage + "' in: " + e.getMessage());
    }
}
