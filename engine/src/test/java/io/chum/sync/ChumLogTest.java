package io.chum.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.chum.ErrorCode;
import io.chum.identity.LocalIdentity;
import io.chum.log.ChumRecord;
import io.chum.microdata.Canonical;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.OneObject;
import io.chum.protocol.EntryKind;
import io.chum.protocol.OfferEntry;
import io.chum.store.VerifiedEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Chum object is derived from the log, so a chum interrupted by a crash is still logged when the store opens. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChumLogTest {
    @Test
    void shouldLogAChumInterruptedByACrashWhenTheStoreOpensAgain(@TempDir final Path tmp) throws Exception {
        Peer alice = Peer.alice(tmp);
        try (Peer bob = Peer.bob(tmp)) {
            alice.knows(bob);
            bob.knows(alice);
            final Hash shared = alice.put(ChumTests.marker(alice.store, "shared"));
            alice.grant(shared, bob.person());
            final ChumResult completed;
            try (Transport.Chums chums = Transport.IN_PROCESS.start(alice, bob, false)) {
                completed = chums.results()[0];
            }

            // What a chum leaves in the log when its process dies midway: START, an imported batch, a SENT record;
            // no END. (START is appended directly: this JVM must not know the chum as running.)
            final ChumLog.Start start = new ChumLog.Start("MochaTest", "MainAlice", "MainBob", alice.person(),
                bob.person(), bob.identity.keys().peerKey().hex(), true, 20, 0);
            final long session = alice.store.appendChumRecord(ChumLog.START, start.toBody());
            final Hash clob = ChumTests.clob(bob.store, "from bob");
            final OneObject received = ChumTests.referenceTest(List.of(), List.of(), List.of(clob));
            final Canonical.Encoded enc = Canonical.encode(received, bob.store.recipes());
            final byte[] text = "from bob".getBytes(StandardCharsets.UTF_8);
            alice.store.importBatch(List.of(VerifiedEntry.blob(text, 0, text.length, clob, true),
                VerifiedEntry.object(enc.microdata(), enc.hash(), alice.store.recipes())), session);
            ChumLog.appendSent(alice.store, session, List.of(new OfferEntry(EntryKind.OBJECT, shared, 0))).get();
            ChumLog.appendExists(alice.store, session, 3).get();

            alice = alice.reopen();
            final List<ChumResult> recovered = ChumLog.recoverInterrupted(alice.store);
            assertEquals(1, recovered.size(), "only the interrupted chum: " + recovered);
            final ChumResult r = recovered.get(0);
            assertEquals(session, r.sessionId());
            assertEquals(List.of(ErrorCode.INTERRUPTED.code()), r.errors().stream().map(ChumError::code).toList());
            assertEquals(new TransferCounts(1, 0, 0, 1), r.received());
            assertEquals(new TransferCounts(1, 0, 0, 0), r.sent());
            assertEquals(3, r.exists());
            assertFalse(r.fullSync());
            assertEquals(completed.idHash(), r.idHash(), "the same pair and name: the same Chum ID");
            assertTrue(alice.store.containsObject(r.hash()));
            final OneObject chum = alice.store.readObject(r.hash());
            assertEquals(List.of(enc.hash()), chum.getList("BtoAObjects"));
            assertEquals(ErrorCode.INTERRUPTED.code(), ((JsonNode) chum.get("errors")).get(0).path("code").asText());
            assertTrue(ChumLog.recoverInterrupted(alice.store).isEmpty(), "logged once");
            final ChumRecord end = alice.store.readChumRecord(alice.store.chumRecords().stream()
                .filter(c -> c.type() == ChumLog.END && c.origin() == session).findFirst().orElseThrow().logIndex());
            assertEquals("interrupted", ChumLog.describe(end).path("body").path("reason").asText());
        } finally {
            alice.close();
        }
    }

    @Test
    void shouldNotRecoverAChumThatIsRunning(@TempDir final Path tmp) throws Exception {
        try (Peer alice = Peer.alice(tmp); Peer bob = Peer.bob(tmp)) {
            alice.knows(bob);
            bob.knows(alice);
            try (Transport.Chums chums = Transport.IN_PROCESS.start(alice, bob, true)) {
                final CompletableFuture<FullSync> full = new CompletableFuture<>();
                chums.a().onFullSync(full::complete);
                full.get(30, TimeUnit.SECONDS);
                assertTrue(ChumLog.recoverInterrupted(alice.store).isEmpty());
                chums.a().stop();
                ChumTests.assertClean(chums.results(), alice, bob);
            }
            assertTrue(ChumLog.recoverInterrupted(alice.store).isEmpty(), "an ended chum has its END");
        }
    }

    @Test
    void shouldRecoverAChumOfThisProcessThatEndedWithoutItsEnd(@TempDir final Path tmp) {
        try (Peer alice = Peer.alice(tmp); Peer bob = Peer.bob(tmp)) {
            // A chum of this JVM whose Chum object could not be stored (a full disk, say): no END, no longer running.
            final ChumLog.Start start = new ChumLog.Start("MochaTest", "MainAlice", "MainBob", alice.person(),
                bob.person(), bob.identity.keys().peerKey().hex(), false, 20, 0);
            final long session = ChumLog.appendStart(alice.store, start);
            assertTrue(ChumLog.recoverInterrupted(alice.store).isEmpty(), "running in this JVM");
            ChumLog.ended(alice.store, session);
            final List<ChumResult> recovered = ChumLog.recoverInterrupted(alice.store);
            assertEquals(List.of(session), recovered.stream().map(ChumResult::sessionId).toList(),
                "this process's lock does not hide its own chums that ended");
        }
    }

    @Test
    void shouldStoreTheChumObjectAsTheCanonicalEncodingOfItsLists(@TempDir final Path tmp) throws Exception {
        try (Peer alice = Peer.alice(tmp); Peer bob = Peer.bob(tmp)) {
            alice.knows(bob);
            bob.knows(alice);
            for (int i = 0; i < 20; i++) {
                final Hash h = alice.put(ChumTests.marker(alice.store, "m" + i));
                alice.grant(h, bob.person());
            }
            final ChumResult[] r;
            try (Transport.Chums chums = Transport.IN_PROCESS.start(alice, bob, false)) {
                r = chums.results();
            }
            for (final Object[] side : new Object[][] {{alice, r[0]}, {bob, r[1]}}) {
                final Peer peer = (Peer) side[0];
                final ChumResult result = (ChumResult) side[1];
                // the Chum object built the way it was before streaming: one OneObject with lists of hashes
                final OneObject listed = ChumLog.derive(peer.store, result.sessionId()).toChum()
                    .toOneObject(peer.store.recipes());
                final Canonical.Encoded expected = Canonical.encode(listed, peer.store.recipes());
                assertEquals(expected.hash(), result.hash());
                assertEquals(expected.idHash(), result.idHash());
                assertTrue(java.util.Arrays.equals(expected.microdata(), peer.store.readMicrodata(result.hash())));
                assertEquals(listed, result.readChum(peer.store));
                assertEquals(result, ChumLog.endedChums(peer.store).get(result.hash()), "summary from the END");
            }
            assertTrue(r[0].sent().objects() >= 20, "" + r[0].sent());
            assertEquals(r[0].sent().objects(), r[1].received().objects());
        }
    }

    /**
     * A chum builds its received lists as the store applies its imports; they must be the lists the log gives, for
     * every kind of entry (ID objects stored implicitly, BLOBs inline and chunked, CLOBs) and for entries arriving
     * after the full sync of a chum that keeps running.
     */
    @Test
    void shouldBuildTheSameReceivedListsWhileRunningAsTheLogGives(@TempDir final Path tmp) throws Exception {
        try (Peer alice = Peer.alice(tmp); Peer bob = Peer.bob(tmp)) {
            alice.knows(bob);
            bob.knows(alice);
            shareEveryKind(alice, bob, "alice");
            shareEveryKind(bob, alice, "bob");
            final ChumResult[] r;
            try (Transport.Chums chums = Transport.IN_PROCESS.start(alice, bob, true)) {
                final CompletableFuture<FullSync> full = new CompletableFuture<>();
                chums.b().onFullSync(full::complete);
                full.get(30, TimeUnit.SECONDS);
                final Hash later = alice.putVersion(ChumTests.email("later@example.com", List.of(alice.person()),
                    List.of(bob.person()), "after the full sync"));
                alice.grant(later, bob.person());
                ChumTests.awaitObject(bob.store, later);
                chums.a().stop();
                r = chums.results();
            }
            ChumTests.assertClean(r, alice, bob);
            assertTrue(r[1].received().idObjects() > 0 && r[1].received().blobs() > 0
                && r[1].received().clobs() > 0, "every kind arrived: " + r[1].received());
            for (final Object[] side : new Object[][] {{alice, r[0]}, {bob, r[1]}}) {
                final Peer peer = (Peer) side[0];
                final ChumResult result = (ChumResult) side[1];
                final OneObject fromLog = ChumLog.derive(peer.store, result.sessionId()).toChum()
                    .toOneObject(peer.store.recipes());
                assertEquals(Canonical.encode(fromLog, peer.store.recipes()).hash(), result.hash(),
                    "the stored Chum object is the one the log derives");
            }
        }
    }

    /** Versioned and unversioned objects, a small and a chunked BLOB and a CLOB of {@code from}, granted to {@code to}. */
    private static void shareEveryKind(final Peer from, final Peer to, final String tag) {
        final Hash small = ChumTests.blob(from.store, 100, tag.length());
        final Hash large = ChumTests.blob(from.store, 200_000, tag.length());
        final Hash clob = ChumTests.clob(from.store, "text of " + tag);
        final Hash attachments = from.put(ChumTests.referenceTest(List.of(), List.of(small, large), List.of(clob)));
        final Hash mail = from.putVersion(ChumTests.email(tag + "@example.com", List.of(from.person()),
            List.of(to.person()), "from " + tag));
        from.grant(attachments, to.person());
        from.grant(mail, to.person());
    }

    @Test
    void shouldDescribeRecordsAndKeepTheCursorOfTheLastFullSync(@TempDir final Path tmp) throws Exception {
        try (Peer alice = Peer.alice(tmp); Peer bob = Peer.bob(tmp)) {
            alice.knows(bob);
            bob.knows(alice);
            final Hash shared = alice.put(ChumTests.marker(alice.store, "shared"));
            alice.grant(shared, bob.person());
            final ChumResult[] r;
            try (Transport.Chums chums = Transport.IN_PROCESS.start(alice, bob, false)) {
                r = chums.results();
            }
            assertEquals(r[1].highestRemoteTimestamp(), ChumLog.cursorFor(bob.store, alice.person(),
                alice.identity.keys().peerKey().hex()));
            assertEquals(0, ChumLog.cursorFor(bob.store, LocalIdentity.personId("x@mail.com"),
                alice.identity.keys().peerKey().hex()), "another person");
            assertEquals(0, ChumLog.cursorFor(bob.store, alice.person(), bob.identity.keys().peerKey().hex()),
                "another instance key");
            final ChumRecord sent = alice.store.readChumRecord(alice.store.chumRecords().stream()
                .filter(c -> c.type() == ChumLog.SENT).findFirst().orElseThrow().logIndex());
            final JsonNode d = ChumLog.describe(sent);
            assertEquals("SENT", d.path("chumRecord").asText());
            assertEquals(r[0].sessionId(), d.path("session").asLong());
            assertEquals(2, d.path("entries").asInt());
            assertTrue(d.path("hashes").toString().contains("object:" + shared.toHex()), d.toString());
            final JsonNode stats = (JsonNode) r[0].readChum(alice.store).get("statistics");
            assertTrue(stats.path("requestsSentTotal").asLong() > 0);
            assertEquals(0, stats.path("requestsReceivedInvalid").asLong());
        }
    }

    /**
     * The cursor is that of the chum with the same person and instance key whose full sync was logged last, even
     * when two chums with the peer ran at once and the later one's full sync was logged first.
     */
    @Test
    void shouldTakeTheCursorOfTheLastFullSyncWithThePeer(@TempDir final Path tmp) throws Exception {
        try (Peer alice = Peer.alice(tmp)) {
            final IdHash bob = LocalIdentity.personId("bob@mail.com");
            final IdHash carol = LocalIdentity.personId("carol@mail.com");
            final long first = start(alice, bob, "key1");
            final long second = start(alice, bob, "key1");
            ChumLog.appendFullSync(alice.store, second, 200);
            ChumLog.appendFullSync(alice.store, first, 100);
            ChumLog.appendFullSync(alice.store, start(alice, carol, "key1"), 900);
            ChumLog.appendFullSync(alice.store, start(alice, bob, "key2"), 800);
            start(alice, bob, "key1"); // no full sync: interrupted

            assertEquals(100, ChumLog.cursorFor(alice.store, bob, "key1"), "the last full sync, not the highest");
            assertEquals(900, ChumLog.cursorFor(alice.store, carol, "key1"));
            assertEquals(800, ChumLog.cursorFor(alice.store, bob, "key2"));
            assertEquals(0, ChumLog.cursorFor(alice.store, carol, "key2"));
        }
    }

    private static long start(final Peer peer, final IdHash remotePerson, final String remoteKey) {
        final ChumLog.Start start = new ChumLog.Start("cursor", "MainAlice", "Remote", peer.person(), remotePerson,
            remoteKey, false, 20, 0);
        return peer.store.appendChumRecord(ChumLog.START, start.toBody());
    }

    /** A chum whose Chum object could not be stored (a full disk, a crash) must have no END, to be recovered. */
    @Test
    void shouldStoreTheChumObjectBeforeTheEnd(@TempDir final Path tmp) throws Exception {
        try (Peer alice = Peer.alice(tmp); Peer bob = Peer.bob(tmp)) {
            alice.knows(bob);
            bob.knows(alice);
            final ChumResult r;
            try (Transport.Chums chums = Transport.IN_PROCESS.start(alice, bob, false)) {
                r = chums.results()[0];
            }
            final long end = alice.store.chumRecords().stream()
                .filter(c -> c.type() == ChumLog.END && c.origin() == r.sessionId()).findFirst().orElseThrow()
                .logIndex();
            final long[] chumObject = {-1};
            alice.store.forEachEntry(e -> {
                if (r.hash().equals(e.hash())) {
                    chumObject[0] = e.logIndex();
                }
            });
            assertTrue(chumObject[0] > r.sessionId() && chumObject[0] < end, "START 0x" + Long.toHexString(
                r.sessionId()) + " < Chum object 0x" + Long.toHexString(chumObject[0]) + " < END 0x"
                + Long.toHexString(end));
        }
    }
}
