package io.chum.store;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.log.LogEvent;
import io.chum.log.LogTailer;
import io.chum.microdata.Canonical;
import io.chum.model.CoreRecipes;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.OneObject;
import io.chum.model.Sha256;
import io.chum.testing.OneTestRecipes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The importer's entry points: verified entries, whole-batch closure, streamed BLOBs with an expected hash. */
class ImportTest {
    private static final long ORIGIN = 0x51310000002AL;

    @Test
    @Timeout(60)
    void shouldImportABatchWhoseEntriesReferenceEarlierEntriesAndTheirOwnId(@TempDir final Path tmp)
        throws Exception {
        try (OneStore source = OneStore.create(tmp.resolve("a"), TestStores.config());
             OneStore target = OneStore.create(tmp.resolve("b"), TestStores.config())) {
            TestStores.registerTestRecipes(source);
            TestStores.registerTestRecipes(target);
            final byte[] bytes = "attachment".getBytes(StandardCharsets.UTF_8);
            final Hash blob = source.storeBlob(new ByteArrayInputStream(bytes)).hash();
            final Hash u1 = source.storeObject(OneObject.of(OneTestRecipes.REFERENCE_TEST,
                Map.of("blob", List.of(blob)))).hash();
            final Hash u2 = source.storeObject(TestStores.unversioned(u1)).hash();
            final OneObject doc = selfReferencing("doc", u2);
            final StoreResult v = source.storeVersionedObject(doc, StoreAs.CHANGE);

            try (BlobWriter w = target.openBlobWriter(false, ORIGIN)) {
                w.write(bytes, 0, bytes.length);
                assertEquals(StoreStatus.NEW, w.commit(blob).status());
            }
            final long start = target.logEnd();
            final List<VerifiedEntry> batch = List.of(entry(source, target, u1), entry(source, target, u2),
                entry(source, target, v.hash()));
            final ImportResult result = target.importBatch(batch, ORIGIN);
            assertEquals(new ImportResult(3, 0, List.of(StoreStatus.NEW, StoreStatus.NEW, StoreStatus.NEW)), result);
            assertTrue(target.exists(v.idHash()), "the ID object was derived and written first");
            assertTrue(target.currentVersion(v.idHash()).isEmpty(), "an import moves no head");
            assertArrayEquals(source.readIdMicrodata(v.idHash()), target.readIdMicrodata(v.idHash()));

            final List<LogEvent> events = new ArrayList<>();
            try (LogTailer tailer = target.tailer(start)) {
                for (LogEvent e = tailer.next(); e != null; e = tailer.next()) {
                    events.add(e);
                }
            }
            assertEquals(4, events.size(), "three objects and one ID object");
            assertTrue(events.stream().allMatch(e -> e.origin() == ORIGIN), "every event carries the origin");

            final ImportResult again = target.importBatch(batch, ORIGIN);
            assertEquals(0, again.stored());
            assertEquals(3, again.existing());
            assertTrue(target.verify(VerifyListener.NONE).ok());
        }
    }

    @Test
    @Timeout(60)
    void shouldRefuseTheWholeBatchWhenAReferenceIsMissing(@TempDir final Path tmp) {
        try (OneStore source = OneStore.create(tmp.resolve("a"), TestStores.config());
             OneStore target = OneStore.create(tmp.resolve("b"), TestStores.config())) {
            TestStores.registerTestRecipes(source);
            TestStores.registerTestRecipes(target);
            final Hash u0 = source.storeObject(TestStores.unversioned()).hash();
            final Hash u1 = source.storeObject(TestStores.unversioned(u0, u0)).hash();
            final Hash u2 = source.storeObject(TestStores.unversioned(u1)).hash();
            final long end = target.logEnd();
            final ChumException e = assertThrows(ChumException.class, () -> target.importBatch(
                List.of(entry(source, target, u0), entry(source, target, u2)), ORIGIN));
            assertEquals(ErrorCode.MISSING_REFERENCE, e.errorCode());
            assertTrue(e.getMessage().contains(u2.toHex()) && e.getMessage().contains(u1.toHex()), e.getMessage());
            assertEquals(end, target.logEnd(), "nothing of the batch was appended");
            assertFalse(target.exists(u0));
        }
    }

    @Test
    @Timeout(60)
    void shouldVerifyEntriesWhenTheyAreMade(@TempDir final Path dir) {
        try (OneStore store = OneStore.create(dir, TestStores.config())) {
            final OneObject person = TestStores.person("alice@example.com");
            final Canonical.Encoded enc = Canonical.encode(person, store.recipes());
            final VerifiedEntry ok = VerifiedEntry.object(enc.microdata(), enc.hash(), store.recipes());
            assertEquals(enc.idHash(), ok.idHash());
            assertEquals("Person", ok.type());
            assertFalse(ok.isIdObject());
            final VerifiedEntry id = VerifiedEntry.idObject(enc.idMicrodata(), enc.idHash(), store.recipes());
            assertTrue(id.isIdObject());
            assertEquals(enc.idHash(), id.hash());

            assertCode(ErrorCode.HASH_MISMATCH, () -> VerifiedEntry.object(enc.microdata(), Sha256.hash(new byte[1]),
                store.recipes()));
            assertCode(ErrorCode.HASH_MISMATCH, () -> VerifiedEntry.idObject(enc.idMicrodata(),
                Sha256.idHash(new byte[1]), store.recipes()));
            final byte[] spaced = new String(enc.microdata(), StandardCharsets.UTF_8).replace("><", "> <")
                .getBytes(StandardCharsets.UTF_8);
            assertCode(ErrorCode.BAD_MICRODATA, () -> VerifiedEntry.object(spaced, Sha256.hash(spaced),
                store.recipes()));
            assertCode(ErrorCode.BAD_MICRODATA, () -> VerifiedEntry.object(enc.idMicrodata(),
                Sha256.hash(enc.idMicrodata()), store.recipes()));
            final byte[] unknown = "<div itemscope itemtype=\"//refin.io/Nope\"></div>"
                .getBytes(StandardCharsets.UTF_8);
            assertCode(ErrorCode.UNKNOWN_TYPE, () -> VerifiedEntry.object(unknown, Sha256.hash(unknown),
                store.recipes()));

            final byte[] md = enc.microdata();
            final VerifiedEntry copy = VerifiedEntry.object(md, enc.hash(), store.recipes());
            md[10] = 'X';
            assertEquals(enc.hash(), Sha256.hash(copy.microdata()), "the entry copied the bytes");
        }
    }

    @Test
    @Timeout(60)
    void shouldNeverImportAccessRights(@TempDir final Path tmp) {
        try (OneStore source = OneStore.create(tmp.resolve("a"), TestStores.config());
             OneStore target = OneStore.create(tmp.resolve("b"), TestStores.config())) {
            final IdHash alice = TestStores.storePerson(source, "alice@example.com");
            final StoreResult group = source.storeVersionedObject(TestStores.group("g", alice), StoreAs.CHANGE);
            final ChumException e = assertThrows(ChumException.class, () -> target.importBatch(
                List.of(VerifiedEntry.object(source.readMicrodata(group.hash()), group.hash(), target.recipes())),
                ORIGIN));
            assertEquals(ErrorCode.FORBIDDEN_TYPE, e.errorCode());
            assertTrue(CoreRecipes.NEVER_IMPORTED.contains("Group"));
        }
    }

    @Test
    @Timeout(60)
    void shouldKeepABlobWithTheWrongHashInvisible(@TempDir final Path dir) throws Exception {
        try (OneStore store = OneStore.create(dir, TestStores.config())) {
            final byte[] bytes = new byte[600_000];
            final Hash offered = Sha256.hash(new byte[] {1});
            final BlobWriter w = store.openBlobWriter(true, ORIGIN);
            w.transferFrom(new ByteArrayInputStream(bytes));
            assertEquals(600_000, w.size());
            assertCode(ErrorCode.HASH_MISMATCH, () -> w.commit(offered));
            w.close();
            assertFalse(store.exists(offered));
            assertFalse(store.exists(Sha256.hash(bytes)), "nothing visible under the real hash either");
            assertEquals(0, store.size());

            final BlobWriter aborted = store.openBlobWriter(false, ORIGIN);
            aborted.write(bytes, 0, 300_000);
            aborted.close();
            assertEquals(0, store.size(), "closing without commit aborts");

            try (BlobWriter good = store.openBlobWriter(false, ORIGIN)) {
                good.transferFrom(new ByteArrayInputStream(bytes));
                final BlobResult r = good.commit(Sha256.hash(bytes));
                assertEquals(StoreStatus.NEW, r.status());
            }
            try (InputStream in = store.openBlob(Sha256.hash(bytes))) {
                assertArrayEquals(bytes, in.readAllBytes());
            }
        }
    }

    @Test
    @Timeout(60)
    void shouldImportSmallAndStreamedBlobsWithTheObjectsOfABatch(@TempDir final Path tmp) throws Exception {
        try (OneStore target = OneStore.create(tmp.resolve("b"), TestStores.config())) {
            TestStores.registerTestRecipes(target);
            final byte[] small = "small attachment".getBytes(StandardCharsets.UTF_8);
            final byte[] large = new byte[700_000];
            for (int i = 0; i < large.length; i++) {
                large[i] = (byte) (i * 31);
            }
            final byte[] text = "<p>ünïcode</p>".getBytes(StandardCharsets.UTF_8);
            final Hash smallHash = Sha256.hash(small);
            final Hash largeHash = Sha256.hash(large);
            final Hash clobHash = Sha256.hash(text);
            final OneObject ref = OneObject.of(OneTestRecipes.REFERENCE_TEST, Map.of("blob",
                List.of(smallHash, largeHash), "clob", List.of(clobHash)));
            final Canonical.Encoded enc = Canonical.encode(ref, target.recipes());

            final BlobWriter upload = target.openBlobWriter(false, ORIGIN);
            upload.write(large, 0, large.length);
            final byte[] framed = new byte[small.length + 4];
            System.arraycopy(small, 0, framed, 2, small.length);
            final List<VerifiedEntry> batch = List.of(
                VerifiedEntry.blob(framed, 2, small.length, smallHash, false),
                VerifiedEntry.blob(upload, largeHash),
                VerifiedEntry.blob(text, 0, text.length, clobHash, true),
                VerifiedEntry.object(enc.microdata(), enc.hash(), target.recipes()));
            final int before = target.size();
            assertFalse(target.exists(largeHash), "nothing is visible before the import");
            final ImportResult result = target.importBatch(batch, ORIGIN);
            assertEquals(4, result.stored());
            assertEquals(before + 4, target.size());
            upload.close();
            try (InputStream in = target.openBlob(largeHash)) {
                assertArrayEquals(large, in.readAllBytes());
            }
            try (InputStream in = target.openBlob(smallHash)) {
                assertArrayEquals(small, in.readAllBytes());
            }
            assertEquals(StoredKind.CLOB, target.kindOf(clobHash).orElseThrow());
            assertEquals(700_000, target.blobInfo(largeHash).size());
            assertTrue(target.blobInfo(clobHash).clob());
            assertTrue(target.verify(VerifyListener.NONE).ok());

            final ImportResult again = target.importBatch(List.of(VerifiedEntry.blob(small, 0, small.length,
                smallHash, false)), ORIGIN);
            assertEquals(List.of(StoreStatus.EXISTS), again.statuses());
        }
    }

    @Test
    @Timeout(60)
    void shouldRefuseBadBlobEntriesBeforeAnythingIsStored(@TempDir final Path dir) throws Exception {
        try (OneStore store = OneStore.create(dir, TestStores.config())) {
            TestStores.registerTestRecipes(store);
            final byte[] bytes = "bytes".getBytes(StandardCharsets.UTF_8);
            assertCode(ErrorCode.HASH_MISMATCH, () -> VerifiedEntry.blob(bytes, 0, bytes.length,
                Sha256.hash(new byte[1]), false));
            final byte[] notUtf8 = {(byte) 0xC3, 0x28};
            assertCode(ErrorCode.BAD_CLOB, () -> VerifiedEntry.blob(notUtf8, 0, 2, Sha256.hash(notUtf8), true));
            final BlobWriter upload = store.openBlobWriter(false, ORIGIN);
            upload.write(bytes, 0, bytes.length);
            assertCode(ErrorCode.HASH_MISMATCH, () -> VerifiedEntry.blob(upload, Sha256.hash(new byte[1])));
            upload.close();

            final byte[] other = "other".getBytes(StandardCharsets.UTF_8);
            final Canonical.Encoded needsOther = Canonical.encode(OneObject.of(OneTestRecipes.REFERENCE_TEST,
                Map.of("blob", List.of(Sha256.hash(bytes), Sha256.hash(other)))), store.recipes());
            final long end = store.logEnd();
            final ChumException e = assertThrows(ChumException.class, () -> store.importBatch(List.of(
                VerifiedEntry.blob(bytes, 0, bytes.length, Sha256.hash(bytes), false),
                VerifiedEntry.object(needsOther.microdata(), needsOther.hash(), store.recipes())), ORIGIN));
            assertEquals(ErrorCode.MISSING_REFERENCE, e.errorCode());
            assertTrue(e.getMessage().contains(Sha256.hash(other).toHex()), e.getMessage());
            assertEquals(end, store.logEnd(), "not even the BLOB of the batch was appended");
            assertFalse(store.exists(Sha256.hash(bytes)));
        }
    }

    @Test
    @Timeout(60)
    void shouldGiveASnapshotTimestampNoLaterRecordIsOlderThan(@TempDir final Path dir) throws Exception {
        try (OneStore store = OneStore.create(dir, TestStores.config())) {
            assertEquals(0, store.lastTimestamp());
            TestStores.storePerson(store, "a@example.com");
            final long ts = store.lastTimestamp();
            final long end = store.logEnd();
            TestStores.storePerson(store, "b@example.com");
            try (LogTailer tailer = store.tailer(end)) {
                for (LogEvent e = tailer.next(); e != null; e = tailer.next()) {
                    assertTrue(e.timestamp() >= ts, "record " + e + " is older than the snapshot timestamp " + ts);
                }
            }
            final long index = store.appendChumRecordLater(7, new byte[] {1, 2}, ORIGIN).get();
            assertEquals(7, store.readChumRecord(index).recordType());
            assertEquals(ORIGIN, store.readChumRecord(index).origin());
        }
    }

    @Test
    @Timeout(60)
    void shouldReadWholeBlobsThroughAReader(@TempDir final Path dir) throws Exception {
        try (OneStore store = OneStore.create(dir, TestStores.config())) {
            final byte[] small = "small".getBytes(StandardCharsets.UTF_8);
            final byte[] large = new byte[store.config().log().chunkSize() * 2 + 123];
            for (int i = 0; i < large.length; i++) {
                large[i] = (byte) (i * 13);
            }
            final Hash smallHash = store.storeBlob(new ByteArrayInputStream(small)).hash();
            final Hash largeHash = store.storeBlob(new ByteArrayInputStream(large)).hash();
            final Hash empty = store.storeBlob(new ByteArrayInputStream(new byte[0])).hash();
            try (StoreReader reader = store.newReader()) {
                final byte[] dst = new byte[large.length + 10];
                assertEquals(small.length, reader.readBlob(smallHash, dst, 3));
                assertArrayEquals(small, java.util.Arrays.copyOfRange(dst, 3, 3 + small.length));
                assertEquals(large.length, reader.readBlob(largeHash, dst, 10));
                assertArrayEquals(large, java.util.Arrays.copyOfRange(dst, 10, 10 + large.length));
                assertEquals(0, reader.readBlob(empty, dst, 0));
                assertThrows(IllegalArgumentException.class, () -> reader.readBlob(largeHash, new byte[10], 0));
                assertEquals(small.length, reader.readBlob(smallHash, dst, 0), "the reader is still usable");
            }
        }
    }

    /** A versioned test object whose idRef names its own ID (allowed: the ID object is written first). */
    static OneObject selfReferencing(final String name, final Hash ref) {
        final IdHash own = Canonical.idHashOf(OneObject.of(OneTestRecipes.VERSIONED_REFERENCE_TEST,
            Map.of("name", name)), OneTestRecipes.registry());
        return OneObject.of(OneTestRecipes.VERSIONED_REFERENCE_TEST, Map.of("name", name,
            "unversionedRef", List.of(ref), "idRef", List.of(own)));
    }

    private static VerifiedEntry entry(final OneStore from, final OneStore to, final Hash hash) {
        return VerifiedEntry.object(from.readMicrodata(hash), hash, to.recipes());
    }

    private static void assertCode(final ErrorCode code, final Runnable call) {
        final ChumException e = assertThrows(ChumException.class, call::run);
        assertEquals(code, e.errorCode(), e.getMessage());
    }
}
