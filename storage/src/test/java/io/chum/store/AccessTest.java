package io.chum.store;

import io.chum.model.CoreRecipes;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.OneObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** createAccess ADD/REPLACE/revoke, groups in grantsFor, reverse maps. */
class AccessTest {

    @Test
    @Timeout(60)
    void shouldAddReplaceAndRevokeObjectGrants(@TempDir final Path dir) {
        try (OneStore store = OneStore.create(dir, TestStores.config())) {
            TestStores.registerTestRecipes(store);
            final IdHash alice = TestStores.storePerson(store, "alice@example.com");
            final IdHash bob = TestStores.storePerson(store, "bob@example.com");
            final Hash doc = store.storeObject(TestStores.unversioned()).hash();

            final StoreResult first = store.createAccess(AccessRequest.forObject(doc, List.of(alice, alice),
                List.of(), AccessMode.ADD));
            assertEquals(StoreStatus.NEW, first.status());
            final OneObject access = store.readObject(first.hash());
            assertEquals(CoreRecipes.ACCESS, access.type());
            assertEquals(List.of(alice), access.getList("person"), "de-duplicated");
            assertEquals(Set.of(doc), store.grantsFor(alice).objects());
            assertTrue(store.grantsFor(bob).isEmpty());

            final StoreResult added = store.createAccess(AccessRequest.forObject(doc, List.of(bob), List.of(),
                AccessMode.ADD));
            assertEquals(first.idHash(), added.idHash(), "one Access ID per target object");
            assertEquals(Set.of(alice, bob), Set.copyOf(store.readObject(added.hash()).getList("person")),
                "ADD unites with the current version");
            assertEquals(Set.of(doc), store.grantsFor(alice).objects());
            assertEquals(Set.of(doc), store.grantsFor(bob).objects());

            final long end = store.logEnd();
            final StoreResult same = store.createAccess(AccessRequest.forObject(doc, List.of(alice), List.of(),
                AccessMode.ADD));
            assertEquals(StoreStatus.EXISTS, same.status(), "nothing changes, nothing is written");
            assertEquals(added.hash(), same.hash());
            assertEquals(end, store.logEnd());

            store.createAccess(AccessRequest.forObject(doc, List.of(bob), List.of(), AccessMode.REPLACE));
            assertTrue(store.grantsFor(alice).isEmpty(), "REPLACE revokes who is not listed");
            assertEquals(Set.of(doc), store.grantsFor(bob).objects());

            store.createAccess(AccessRequest.forObject(doc, List.of(), List.of(), AccessMode.REPLACE));
            assertTrue(store.grantsFor(bob).isEmpty(), "empty lists revoke everything");
            assertEquals(4, store.versionNodes(first.idHash()).size());
            assertEquals(4, store.referencingObjects(doc, CoreRecipes.ACCESS).size(),
                "the reverse map keeps every version");
            assertEquals(Set.of(first.idHash()), store.referencingIdObjects(doc, CoreRecipes.ACCESS));
        }
    }

    @Test
    @Timeout(60)
    void shouldGrantIdsAndReachGroupMembersThroughTheCurrentGroupVersion(@TempDir final Path dir) {
        try (OneStore store = OneStore.create(dir, TestStores.config())) {
            TestStores.registerTestRecipes(store);
            final IdHash alice = TestStores.storePerson(store, "alice@example.com");
            final IdHash bob = TestStores.storePerson(store, "bob@example.com");
            final IdHash carol = TestStores.storePerson(store, "carol@example.com");
            final StoreResult team = store.storeVersionedObject(TestStores.group("team", alice, bob), StoreAs.CHANGE);
            final Hash doc = store.storeObject(TestStores.unversioned()).hash();
            final IdHash notes = store.storeVersionedObject(TestStores.versioned("notes"), StoreAs.CHANGE).idHash();

            store.createAccess(AccessRequest.forObject(doc, List.of(carol), List.of(team.idHash()), AccessMode.ADD));
            store.createAccess(AccessRequest.forId(notes, List.of(), List.of(team.idHash()), AccessMode.ADD));

            assertEquals(Set.of(team.idHash()), store.groupsOf(alice));
            assertEquals(Set.of(doc), store.grantsFor(alice).objects(), "through the group");
            assertEquals(Set.of(notes), store.grantsFor(alice).ids());
            assertEquals(Set.of(doc), store.grantsFor(carol).objects(), "directly");
            assertTrue(store.grantsFor(carol).ids().isEmpty());
            assertTrue(store.grantsFor(alice, Set.of()).isEmpty(), "membership fixed by the caller: none");

            store.storeVersionedObject(TestStores.group("team", bob), StoreAs.CHANGE);
            assertTrue(store.groupsOf(alice).isEmpty(), "only the current group version counts");
            assertTrue(store.grantsFor(alice).isEmpty());
            assertEquals(Set.of(notes), store.grantsFor(alice, Set.of(team.idHash())).ids(),
                "a chum that fixed the membership at its start keeps it");
            assertEquals(Set.of(notes), store.grantsFor(bob).ids());
            assertEquals(1, store.referencingObjects(alice, CoreRecipes.GROUP).size(),
                "the reverse map keeps the old group version that named alice");
        }
    }

    @Test
    @Timeout(60)
    void shouldMapKeysAndInstanceReferences(@TempDir final Path dir) {
        try (OneStore store = OneStore.create(dir, TestStores.config())) {
            final IdHash alice = TestStores.storePerson(store, "alice@example.com");
            final StoreResult instance = store.storeVersionedObject(OneObject.of(CoreRecipes.INSTANCE, Map.of(
                "name", "laptop", "owner", alice, "recipe", List.of(), "enabledReverseMapTypes", Map.of(),
                "enabledReverseMapTypesForIdObjects", Map.of())), StoreAs.CHANGE);
            final String key = "A".repeat(64);
            final StoreResult keys = store.storeObject(OneObject.of(CoreRecipes.KEYS, Map.of(
                "owner", instance.idHash(), "publicKey", key, "publicSignKey", key)));
            assertEquals(Set.of(keys.hash()), store.referencingObjects(instance.idHash(), CoreRecipes.KEYS));
            assertEquals(Set.of(instance.idHash()), store.referencingIdObjects(alice, CoreRecipes.INSTANCE));
            assertTrue(store.referencingObjects(alice, CoreRecipes.PERSON).isEmpty(), "Person is not mapped");
        }
    }
}
