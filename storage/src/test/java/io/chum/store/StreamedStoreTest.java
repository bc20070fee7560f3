package io.chum.store;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.log.LogConfig;
import io.chum.microdata.Canonical;
import io.chum.microdata.StreamedObject;
import io.chum.model.CoreRecipes;
import io.chum.model.Hash;
import io.chum.model.HashList;
import io.chum.model.IdHash;
import io.chum.model.OneObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.chum.store.TestStores.config;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamedStoreTest {
    /** A small inline limit and chunk size, so a few hundred references make a chunked object of many chunks. */
    private static StoreConfig smallChunks() {
        return config().withLog(config().log().withInlineLimit(2048).withChunkSize(4096));
    }

    @Test
    @Timeout(60)
    void shouldStoreAStreamedObjectAsItsCanonicalEncodingInChunks(@TempDir final Path dir) {
        try (OneStore store = OneStore.create(dir.resolve("streamed"), smallChunks());
             OneStore plain = OneStore.create(dir.resolve("plain"), smallChunks())) {
            final StreamedObject chum = chumListing(store, 300);
            chumListing(plain, 300);
            final OneObject materialised = chum.toOneObject(store.recipes());
            final Canonical.Encoded expected = Canonical.encode(materialised, store.recipes());
            assertTrue(expected.microdata().length > 10 * 4096, "several chunks: " + expected.microdata().length);

            final StoreResult streamed = store.storeVersionedObject(chum, StoreAs.MERGE);
            assertEquals(StoreStatus.NEW, streamed.status());
            assertEquals(expected.hash(), streamed.hash());
            assertEquals(expected.idHash(), streamed.idHash());
            assertArrayEquals(expected.microdata(), store.readMicrodata(streamed.hash()));
            assertEquals(materialised, store.readObject(streamed.hash()));
            assertEquals(streamed.hash(), store.currentVersion(streamed.idHash()).orElseThrow().data());

            // the ordinary API on a store with the same content gives the same object and ID
            final StoreResult ordinary = plain.storeVersionedObject(materialised, StoreAs.MERGE);
            assertEquals(ordinary.hash(), streamed.hash());
            assertEquals(ordinary.idHash(), streamed.idHash());

            // stored again: nothing written
            final int size = store.size();
            assertEquals(StoreStatus.EXISTS, store.storeVersionedObject(chum, StoreAs.MERGE).status());
            assertEquals(size, store.size());
        }
        try (OneStore reopened = OneStore.open(dir.resolve("streamed"), smallChunks())) {
            assertEquals(0, reopened.verify(VerifyListener.NONE).problems().size());
        }
    }

    @Test
    @Timeout(60)
    void shouldStoreASmallStreamedObjectInline(@TempDir final Path dir) {
        try (OneStore store = OneStore.create(dir, config())) {
            final StreamedObject chum = chumListing(store, 3);
            final StoreResult r = store.storeVersionedObject(chum, StoreAs.MERGE);
            assertEquals(Canonical.encode(chum.toOneObject(store.recipes()), store.recipes()).hash(), r.hash());
            assertEquals(chum.toOneObject(store.recipes()), store.readObject(r.hash()));
        }
    }

    @Test
    @Timeout(60)
    void shouldRefuseAStreamedObjectWithAMissingReference(@TempDir final Path dir) {
        final Hash hash;
        try (OneStore store = OneStore.create(dir, smallChunks())) {
            final StreamedObject chum = chumListing(store, 2100); // the missing one past two look-up chunks
            final Hash missing = Hash.of(5, 6, 7, 8);
            chum.lists().get("BtoABlob").add(missing);
            hash = Canonical.hashStreamed(chum, store.recipes()).hash();
            final int size = store.size();
            final ChumException e = assertThrows(ChumException.class,
                () -> store.storeVersionedObject(chum, StoreAs.MERGE));
            assertEquals(ErrorCode.MISSING_REFERENCE, e.errorCode());
            assertTrue(e.getMessage().contains(missing.toHex()), e.getMessage());
            assertTrue(e.getMessage().contains(hash.toHex()), "names the object: " + e.getMessage());
            assertFalse(store.exists(hash));
            assertEquals(size, store.size());

            // what the refused object had streamed into the log is unreferenced; the store goes on as before
            final StreamedObject complete = chumListing(store, 200);
            final StoreResult stored = store.storeVersionedObject(complete, StoreAs.MERGE);
            assertEquals(StoreStatus.NEW, stored.status());
            assertEquals(complete.toOneObject(store.recipes()), store.readObject(stored.hash()));
        }
        try (OneStore reopened = OneStore.open(dir, smallChunks())) {
            assertEquals(0, reopened.verify(VerifyListener.NONE).problems().size());
            assertFalse(reopened.exists(hash));
        }
    }

    @Test
    @Timeout(60)
    void shouldStoreTheSameObjectOnEitherSideOfTheInlineLimit(@TempDir final Path dir) {
        final int length;
        try (OneStore probe = OneStore.create(dir.resolve("probe"), config())) {
            length = Canonical.encode(chumListing(probe, 40).toOneObject(probe.recipes()), probe.recipes())
                .microdata().length;
        }
        for (final int limit : new int[] {length - 1, length, length + 1}) {
            final StoreConfig cfg = config().withLog(config().log().withInlineLimit(limit).withChunkSize(512));
            final Path at = dir.resolve("limit-" + limit);
            final Hash hash;
            try (OneStore store = OneStore.create(at, cfg)) {
                final StreamedObject chum = chumListing(store, 40);
                final Canonical.Encoded expected = Canonical.encode(chum.toOneObject(store.recipes()), store.recipes());
                assertEquals(length, expected.microdata().length);
                final StoreResult r = store.storeVersionedObject(chum, StoreAs.MERGE);
                hash = r.hash();
                assertEquals(expected.hash(), hash, "limit " + limit);
                assertArrayEquals(expected.microdata(), store.readMicrodata(hash), "limit " + limit);
                assertEquals(StoreStatus.EXISTS, store.storeVersionedObject(chum, StoreAs.MERGE).status());
            }
            try (OneStore reopened = OneStore.open(at, cfg)) {
                assertTrue(reopened.exists(hash), "limit " + limit);
                assertEquals(0, reopened.verify(VerifyListener.NONE).problems().size(), "limit " + limit);
            }
        }
    }

    @Test
    @Timeout(60)
    void shouldReadChunkedMicrodataThroughOneReaderAndRefuseADamagedChunk(@TempDir final Path dir)
        throws IOException {
        final Hash hash;
        final byte[] expected;
        final IdHash person;
        final byte[] personMicrodata;
        try (OneStore store = OneStore.create(dir, smallChunks())) {
            final StreamedObject chum = chumListing(store, 300);
            expected = Canonical.encode(chum.toOneObject(store.recipes()), store.recipes()).microdata();
            hash = store.storeVersionedObject(chum, StoreAs.MERGE).hash();
            person = store.storeIdObject(OneObject.of(CoreRecipes.PERSON, Map.of("email", "reader@x"))).idHash();
            personMicrodata = store.readIdMicrodata(person);
            // one reader, its tailer moved by each chunked read, answers every later read as a fresh one would
            try (StoreReader reader = store.newReader()) {
                for (int i = 0; i < 3; i++) {
                    assertArrayEquals(expected, reader.readMicrodata(hash), "read " + i);
                    assertArrayEquals(personMicrodata, reader.readIdMicrodata(person), "read " + i);
                }
            }
        }
        LogFiles.flipByteOf(dir, new String(expected, expected.length / 2, 64, StandardCharsets.US_ASCII));
        try (OneStore store = OneStore.open(dir, smallChunks()); StoreReader reader = store.newReader()) {
            final ChumException e = assertThrows(ChumException.class, () -> reader.readMicrodata(hash));
            assertEquals(ErrorCode.CORRUPT_RECORD, e.errorCode(), e.getMessage());
            assertArrayEquals(personMicrodata, reader.readIdMicrodata(person), "the reader goes on");
            assertEquals(ErrorCode.CORRUPT_RECORD,
                assertThrows(ChumException.class, () -> store.readMicrodata(hash)).errorCode());
        }
    }

    /**
     * Stores {@code n} BLOBs and {@code n} Person ID objects and returns a Chum object listing them (the BLOBs twice,
     * as a bag may).
     */
    private static StreamedObject chumListing(final OneStore store, final int n) {
        final HashList blobs = new HashList();
        final HashList ids = new HashList();
        for (int i = 0; i < n; i++) {
            final Hash blob = store.storeBlob(new ByteArrayInputStream(("leaf " + i).getBytes(StandardCharsets.UTF_8)))
                .hash();
            blobs.add(blob);
            blobs.add(blob);
            final IdHash person = store.storeIdObject(OneObject.of(CoreRecipes.PERSON, Map.of("email", i + "@x")))
                .idHash();
            ids.add(person);
        }
        final Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", "test");
        v.put("instance", List.of("a", "b"));
        v.put("person", List.of("undefined", "undefined"));
        v.put("highestRemoteTimestamp", 7L);
        v.put("BtoAExists", 0L);
        v.put("errors", io.chum.model.Json.array());
        final Map<String, HashList> lists = new LinkedHashMap<>();
        for (final String name : new String[] {"AtoBObjects", "AtoBIdObjects", "AtoBBlob", "AtoBClob",
            "BtoAObjects", "BtoAIdObjects", "BtoABlob", "BtoAClob"}) {
            lists.put(name, name.endsWith("IdObjects") ? ids : name.endsWith("Blob") ? blobs : new HashList());
        }
        return new StreamedObject(OneObject.of(CoreRecipes.CHUM, v), lists);
    }
}
