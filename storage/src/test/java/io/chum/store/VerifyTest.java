package io.chum.store;

import io.chum.ErrorCode;
import io.chum.log.BlobWritten;
import io.chum.log.EventLog;
import io.chum.log.HeadChanged;
import io.chum.log.IdObjectWritten;
import io.chum.log.LogAppender;
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

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
            assertEquals(ErrorCode.MISSING_REFERENCE, found.get(headless), report.toString());
            assertEquals(ErrorCode.NOT_FOUND, found.get(missing), report.toString());
            assertEquals(7, report.problems().size(), report.toString());
            assertEquals(1, report.blobs());
            assertTrue(report.objects() >= 4);
            final long[] last = progress.get(progress.size() - 1);
            assertEquals(store.size(), last[0]);
            assertEquals(last[0], last[1]);
        }
    }

    private static byte[] utf8(final String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
