package io.chum.store;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.log.BlobWritten;
import io.chum.log.EventLog;
import io.chum.log.HeadChanged;
import io.chum.log.IdObjectWritten;
import io.chum.log.LogAppender;
import io.chum.log.Payload;
import io.chum.log.ObjectWritten;
import io.chum.log.PayloadRef;
import io.chum.log.PayloadWriter;
import io.chum.microdata.Canonical;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.Sha256;
import io.chum.model.Sha256Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** verify finds records that no store write would produce, each with its hash and code. */
class VerifyTest {

    @Test
    @Timeout(60)
    void shouldReportEachDamagedEntryWithItsHashAndCode(@TempDir final Path dir) {
        try (OneStore store = OneStore.create(dir, TestStores.config())) {
            TestStores.registerTestRecipes(store);
            TestStores.storePerson(store, "alice@example.com");
            store.storeObject(TestStores.unversioned());
        }
        final Hash wrongHash = Sha256.hash(new byte[] {1});
        final Hash missing = Sha256.hash(new byte[] {2});
        final byte[] dangling = utf8("<div itemscope itemtype=\"//refin.io/OneTest$ReferenceTest\"><ul itemprop="
            + "\"unversionedRef\"><li><a data-type=\"obj\">" + missing.toHex() + "</a></li></ul></div>");
        final byte[] spaced = utf8("<div itemscope itemtype=\"//refin.io/Person\"> <span itemprop=\"email\">x</span>"
            + "</div>");
        final IdHash wrongId = Sha256.idHash(new byte[] {3});
        final Hash wrongBlob = Sha256.hash(new byte[] {4});
        final Hash wrongInline = Sha256.hash(new byte[] {6});
        final IdHash headless = Sha256.idHash(new byte[] {5});
        try (EventLog log = EventLog.open(dir.resolve("log"), TestStores.config().log())) {
            final LogAppender appender = log.appender();
            appender.append(new ObjectWritten(wrongHash, "Person", utf8("<div>not this</div>")));
            appender.append(new ObjectWritten(Sha256.hash(dangling), "OneTest$ReferenceTest", dangling));
            appender.append(new ObjectWritten(Sha256.hash(spaced), "Person", spaced));
            final Canonical.Encoded bob = Canonical.encode(TestStores.person("bob@example.com"),
                TestStores.testRegistry());
            appender.append(new IdObjectWritten(wrongId, "Person", bob.idMicrodata()));
            final PayloadWriter payload = appender.newPayload(-1);
            payload.write(new byte[] {9, 9, 9}, 0, 3);
            final PayloadRef ref = payload.finish();
            appender.append(new BlobWritten(wrongBlob, false, 3, ref));
            // inline bytes, as a small BLOB or CLOB is stored
            appender.append(new BlobWritten(wrongInline, false, 3, Payload.of(new byte[] {7, 7, 7})));
            final byte[] notUtf8 = {'a', (byte) 0xC3};
            appender.append(new BlobWritten(Sha256.hash(notUtf8), true, 2, Payload.of(notUtf8)));
            appender.append(new HeadChanged(headless, missing, missing, 0, 1, List.of()));
        }
        try (OneStore store = OneStore.open(dir, TestStores.config())) {
            final List<long[]> progress = new ArrayList<>();
            final VerifyReport report = store.verify((done, total) -> progress.add(new long[] {done, total}));
            final Map<Sha256Value, ErrorCode> found = report.problems().stream()
                .collect(Collectors.toMap(VerifyProblem::hash, VerifyProblem::code, (a, b) -> a));
            assertEquals(ErrorCode.HASH_MISMATCH, found.get(wrongHash), report.toString());
            assertEquals(ErrorCode.MISSING_REFERENCE, found.get(Sha256.hash(dangling)), report.toString());
            assertEquals(ErrorCode.BAD_MICRODATA, found.get(Sha256.hash(spaced)), report.toString());
            assertEquals(ErrorCode.HASH_MISMATCH, found.get(wrongId), report.toString());
            assertEquals(ErrorCode.HASH_MISMATCH, found.get(wrongBlob), report.toString());
            assertEquals(ErrorCode.HASH_MISMATCH, found.get(wrongInline), report.toString());
            assertEquals(ErrorCode.BAD_CLOB, found.get(Sha256.hash(new byte[] {'a', (byte) 0xC3})), report.toString());
            assertEquals(ErrorCode.MISSING_REFERENCE, found.get(headless), report.toString());
            assertEquals(ErrorCode.NOT_FOUND, found.get(missing), report.toString());
            assertEquals(9, report.problems().size(), report.toString());
            assertEquals(2, report.blobs());
            assertEquals(1, report.clobs());
            assertTrue(report.objects() >= 4);
            final long[] last = progress.get(progress.size() - 1);
            assertEquals(store.size(), last[0]);
            assertEquals(last[0], last[1]);
        }
    }

    @Test
    @Timeout(120)
    void shouldReportTheSameProblemsInTheSameOrderOnAnyNumberOfThreads(@TempDir final Path dir) {
        final List<Hash> damaged = new ArrayList<>();
        try (OneStore store = OneStore.create(dir, TestStores.config())) {
            TestStores.registerTestRecipes(store);
            TestStores.storePerson(store, "alice@example.com");
        }
        damaged.add(appendWrongHash(dir, 1));
        try (OneStore store = OneStore.open(dir, TestStores.config())) {
            for (int i = 0; i < 1_500; i++) {
                store.storeBlob(new ByteArrayInputStream(utf8("blob " + i)));
            }
        }
        damaged.add(appendWrongHash(dir, 2));
        try (OneStore store = OneStore.open(dir, TestStores.config())) {
            for (int i = 0; i < 1_500; i++) {
                store.storeBlob(new ByteArrayInputStream(utf8("more " + i)));
            }
        }
        damaged.add(appendWrongHash(dir, 3));
        try (OneStore store = OneStore.open(dir, TestStores.config())) {
            final VerifyReport serial = store.verify(VerifyListener.NONE, 1);
            assertEquals(damaged, serial.problems().stream().map(p -> (Hash) p.hash()).toList(), serial.toString());
            assertEquals(3_000, serial.blobs());
            for (final int threads : List.of(2, 3, 7)) {
                final List<long[]> progress = new ArrayList<>();
                final VerifyReport parallel = Verifier.verify(store::newReader, store.projections(),
                    (done, total) -> progress.add(new long[] {done, total}), threads, 1);
                assertEquals(serial, parallel, threads + " threads");
                for (int i = 1; i < progress.size(); i++) {
                    assertTrue(progress.get(i)[0] >= progress.get(i - 1)[0], "progress went back");
                }
                assertEquals(store.size(), progress.get(progress.size() - 1)[0]);
            }
        }
    }

    @Test
    @Timeout(60)
    void shouldHandOnAFailureOfAnotherThreadAndLeaveNoThreadRunning(@TempDir final Path dir) {
        try (OneStore store = OneStore.create(dir, TestStores.config())) {
            for (int i = 0; i < 100; i++) {
                store.storeBlob(new ByteArrayInputStream(utf8("blob " + i)));
            }
            final ChumException e = assertThrows(ChumException.class, () -> Verifier.verify(() -> {
                if (Thread.currentThread().getName().startsWith("chum-verify-")) {
                    throw new ChumException(ErrorCode.IO, "no reader for this thread");
                }
                return store.newReader();
            }, store.projections(), VerifyListener.NONE, 4, 1));
            assertEquals("no reader for this thread", e.reason());
            assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("chum-verify-")), "a verifying thread is still running");
        }
    }

    /** Appends an object record whose hash does not match its microdata, as no store write would; returns it. */
    private static Hash appendWrongHash(final Path dir, final int n) {
        final Hash wrong = Sha256.hash(new byte[] {(byte) n, 42});
        try (EventLog log = EventLog.open(dir.resolve("log"), TestStores.config().log())) {
            log.appender().append(new ObjectWritten(wrong, "Person", utf8("<div>not this " + n + "</div>")));
        }
        return wrong;
    }

    private static byte[] utf8(final String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
