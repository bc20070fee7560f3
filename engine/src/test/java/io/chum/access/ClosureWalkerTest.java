package io.chum.access;

import io.chum.identity.LocalIdentity;
import io.chum.log.Durability;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.OneObject;
import io.chum.protocol.EntryKind;
import io.chum.store.AccessMode;
import io.chum.store.AccessRequest;
import io.chum.store.OneStore;
import io.chum.store.StoreAs;
import io.chum.store.StoreConfig;
import io.chum.store.StoreReader;
import io.chum.testing.OneTestRecipes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The closure walk: dependencies first, each entry once, nothing the importer has, no access objects. */
@Timeout(60)
class ClosureWalkerTest {
    private static OneStore store(final Path dir) {
        final OneStore store = OneStore.create(dir, StoreConfig.defaults().withDurability(Durability.PAGE_CACHE));
        for (final var r : OneTestRecipes.ALL) {
            store.registerRecipe(r);
        }
        return store;
    }

    private static Hash ref(final OneStore store, final List<Hash> objects, final List<Hash> blobs,
                            final List<IdHash> ids) {
        final Map<String, Object> v = new java.util.LinkedHashMap<>();
        if (!objects.isEmpty()) {
            v.put("unversionedRef", new ArrayList<Object>(objects));
        }
        if (!blobs.isEmpty()) {
            v.put("blob", new ArrayList<Object>(blobs));
        }
        if (!ids.isEmpty()) {
            v.put("idRef", new ArrayList<Object>(ids));
        }
        return store.storeObject(OneObject.of(OneTestRecipes.REFERENCE_TEST, v)).hash();
    }

    @Test
    void shouldEmitEveryEntryOnceAfterWhatItReferences(@TempDir final Path dir) {
        try (OneStore store = store(dir); StoreReader reader = store.newReader()) {
            final Hash blob = store.storeBlob(new ByteArrayInputStream(new byte[] {1, 2})).hash();
            final IdHash person = store.storeVersionedObject(LocalIdentity.person("p@mail.com"), StoreAs.CHANGE)
                .idHash();
            final Hash leaf = ref(store, List.of(), List.of(blob), List.of(person));
            final Hash left = ref(store, List.of(leaf), List.of(), List.of());
            final Hash right = ref(store, List.of(leaf), List.of(blob), List.of());
            final Hash top = ref(store, List.of(left, right), List.of(), List.of());
            final ClosureWalker walker = new ClosureWalker(reader, 1 << 20);
            final List<ClosureEntry> out = new ArrayList<>();
            assertTrue(walker.walk(Root.object(top), out::add));
            final List<Object> order = out.stream().map(e -> (Object) e.hash()).toList();
            assertEquals(6, out.size(), "top, left, right, leaf, the BLOB, the person's ID object: " + out);
            assertTrue(order.indexOf(blob) < order.indexOf(leaf));
            assertTrue(order.indexOf(person) < order.indexOf(leaf));
            assertTrue(order.indexOf(leaf) < order.indexOf(left) && order.indexOf(leaf) < order.indexOf(right));
            assertEquals(top, order.get(order.size() - 1));
            assertEquals(EntryKind.BLOB, out.get(order.indexOf(blob)).kind());
            assertEquals(2, out.get(order.indexOf(blob)).size());
            assertTrue(out.get(order.indexOf(person)).bytes().length > 0);

            final List<ClosureEntry> again = new ArrayList<>();
            assertTrue(walker.walk(Root.object(top), again::add));
            assertTrue(again.isEmpty(), "offered once per chum");
        }
    }

    @Test
    void shouldSkipWhatTheImporterHasWithItsClosure(@TempDir final Path dir) {
        try (OneStore store = store(dir); StoreReader reader = store.newReader()) {
            final Hash deep = ref(store, List.of(), List.of(), List.of());
            final Hash middle = ref(store, List.of(deep), List.of(), List.of());
            final Hash top = ref(store, List.of(middle), List.of(), List.of());
            final ClosureWalker walker = new ClosureWalker(reader, 1 << 20);
            walker.markPresent(EntryKind.OBJECT, middle);
            final List<ClosureEntry> out = new ArrayList<>();
            walker.walk(Root.object(top), out::add);
            assertEquals(List.of(top), out.stream().map(ClosureEntry::hash).toList());
            assertEquals(List.of(Root.object(middle)), walker.children(EntryKind.OBJECT, top));
        }
    }

    @Test
    void shouldSkipAccessObjectsAndEverythingThatNeedsThem(@TempDir final Path dir) {
        try (OneStore store = store(dir); StoreReader reader = store.newReader()) {
            final Hash target = ref(store, List.of(), List.of(), List.of());
            final IdHash person = store.storeVersionedObject(LocalIdentity.person("p@mail.com"), StoreAs.CHANGE)
                .idHash();
            final Hash access = store.createAccess(AccessRequest.forObject(target, List.of(person), List.of(),
                AccessMode.REPLACE)).hash();
            final Hash fine = ref(store, List.of(target), List.of(), List.of());
            final Hash needsAccess = ref(store, List.of(access), List.of(), List.of());
            final Hash top = ref(store, List.of(fine, needsAccess), List.of(), List.of());
            final ClosureWalker walker = new ClosureWalker(reader, 1 << 20);
            final List<ClosureEntry> out = new ArrayList<>();
            assertFalse(walker.walk(Root.object(top), out::add), "the root needs an Access object");
            assertEquals(List.of(target, fine), out.stream().map(ClosureEntry::hash).toList());
            assertEquals(3, walker.skipped(), "the Access, what references it, and the root");
            assertTrue(walker.isSettled(EntryKind.OBJECT, needsAccess));
            assertFalse(walker.walk(Root.object(needsAccess), e -> { }));
        }
    }
}
