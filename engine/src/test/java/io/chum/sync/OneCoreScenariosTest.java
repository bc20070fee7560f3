package io.chum.sync;

import io.chum.ErrorCode;
import io.chum.identity.LocalIdentity;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.OneObject;
import io.chum.store.StoreAs;
import io.chum.store.StoreStatus;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.chum.sync.ChumTests.assertClean;
import static io.chum.sync.ChumTests.assertOnlyAccessibleArrived;
import static io.chum.sync.ChumTests.awaitEntry;
import static io.chum.sync.ChumTests.awaitObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * one.core's chum scenarios (one-spec §8: 1–4, 6–10, 12) with its OneTest types, over the in-process pair and over
 * TCP+TLS. Alice is the first peer, Bob the second; both know each other's Person, as in one.core's
 * {@code beforeEach}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OneCoreScenariosTest {
    private Peer alice;
    private Peer bob;

    private void peers(final Path tmp) {
        alice = Peer.alice(tmp);
        bob = Peer.bob(tmp);
        alice.knows(bob);
        bob.knows(alice);
    }

    private void close() {
        alice.close();
        bob.close();
    }

    /** 1: a full sync with nothing accessible ends on both sides without errors. */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldEndAFullSyncOfNoAccessibleObjects(final Transport transport, @TempDir final Path tmp)
        throws Exception {
        peers(tmp);
        try (Transport.Chums chums = transport.start(alice, bob, false)) {
            final ChumResult[] r = chums.results();
            assertClean(r, alice, bob);
            assertEquals(TransferCounts.NONE, r[0].sent());
            assertEquals(TransferCounts.NONE, r[1].received());
            assertTrue(r[0].fullSync() && r[1].fullSync());
            assertTrue(chums.a().isFullSync() && chums.b().isFullSync());
            final List<FullSync> late = new java.util.ArrayList<>();
            chums.a().onFullSync(late::add);
            assertEquals(1, late.size(), "a listener added after full sync is called at once");
            assertEquals(r[0].highestRemoteTimestamp(), late.get(0).highestRemoteTimestamp());
        } finally {
            close();
        }
    }

    /** 2: Bob's side starts a second later; Alice's HELLO waits for it. */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldSyncWhenThePeerStartsLater(final Transport transport, @TempDir final Path tmp) throws Exception {
        peers(tmp);
        final Hash x = alice.putVersion(LocalIdentity.person("testperson@mail.com"));
        alice.grant(x, bob.person());
        try (Transport.Chums chums = transport.start(alice, bob, o -> o, o -> {
            // The scenario itself: Bob's chum is created one second after Alice's.
            try {
                Thread.sleep(1000);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return o;
        })) {
            assertClean(chums.results(), alice, bob);
            assertTrue(bob.store.containsObject(x));
        } finally {
            close();
        }
    }

    /** 3: an object shared by Access arrives; 0 errors. */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldTransferAnObjectGrantedByAccess(final Transport transport, @TempDir final Path tmp)
        throws Exception {
        peers(tmp);
        final Hash x = alice.putVersion(LocalIdentity.person("testperson@mail.com"));
        alice.grant(x, bob.person());
        try (Transport.Chums chums = transport.start(alice, bob, false)) {
            final ChumResult[] r = chums.results();
            assertClean(r, alice, bob);
            assertTrue(bob.store.containsObject(x));
            assertEquals(1, r[0].sent().objects());
            assertEquals(1, r[1].received().objects());
            assertTrue(bob.store.currentVersion(LocalIdentity.personId("testperson@mail.com")).isEmpty(),
                "an Access brings no version");
            assertOnlyAccessibleArrived(alice, bob, r[1]);
        } finally {
            close();
        }
    }

    /** 4: three versions of a Person shared by IdAccess all arrive, with the same current version. */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldTransferEveryVersionGrantedByIdAccess(final Transport transport, @TempDir final Path tmp)
        throws Exception {
        peers(tmp);
        final String email = "testperson@mail.com";
        final Hash v1 = alice.putVersion(OneObject.of("Person", Map.of("email", email)));
        final Hash v2 = alice.putVersion(OneObject.of("Person", Map.of("email", email, "name", "Franz")));
        final Hash v3 = alice.putVersion(OneObject.of("Person", Map.of("email", email, "name", "Franz Müller")));
        final IdHash id = LocalIdentity.personId(email);
        alice.grantId(id, bob.person());
        try (Transport.Chums chums = transport.start(alice, bob, false)) {
            final ChumResult[] r = chums.results();
            assertClean(r, alice, bob);
            for (final Hash v : List.of(v1, v2, v3)) {
                assertTrue(bob.store.containsObject(v), "version " + v);
            }
            assertEquals(alice.store.versionNodes(id), bob.store.versionNodes(id));
            assertEquals(v3, bob.store.currentVersion(id).orElseThrow().data());
            assertOnlyAccessibleArrived(alice, bob, r[1]);
        } finally {
            close();
        }
    }

    /**
     * 6: a keepRunning chum keeps sending what becomes accessible, in both directions: an IdAccess brings an Email's
     * ID references as ID objects only; an Email without access stays; an Access granted later brings it.
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldKeepSendingNewAccessibleObjects(final Transport transport, @TempDir final Path tmp) throws Exception {
        peers(tmp);
        final OneObject personX = LocalIdentity.person("testperson@mail.com");
        final Hash x = alice.putVersion(personX);
        alice.grant(x, bob.person());
        final IdHash demo1 = bob.store.storeVersionedObject(LocalIdentity.person("demo1@demo.org"), StoreAs.CHANGE)
            .idHash();
        final OneObject email1 = ChumTests.email("email-1", List.of(demo1), List.of(demo1), "first");
        final StoreResultPair email1Stored = new StoreResultPair(bob.store.storeVersionedObject(email1,
            StoreAs.CHANGE));
        final Hash email1Hash = email1Stored.hash();
        final IdHash email1Id = email1Stored.idHash();
        bob.grantId(email1Id, alice.person());
        try (Transport.Chums chums = transport.start(alice, bob, true)) {
            final CompletableFuture<FullSync> full = new CompletableFuture<>();
            chums.a().onFullSync(full::complete);
            full.get(30, TimeUnit.SECONDS);
            assertTrue(bob.store.containsObject(x));
            assertTrue(alice.store.containsObject(email1Hash));
            assertTrue(alice.store.exists(demo1), "demo1's ID object came with the Email");
            assertFalse(alice.store.containsObject(bob.store.currentVersion(demo1).orElseThrow().data()),
                "but not demo1's Person object");

            assertEquals(StoreStatus.EXISTS, alice.store.storeVersionedObject(personX, StoreAs.CHANGE).status(),
                "the same content is the same version");
            final IdHash other = bob.store.storeVersionedObject(LocalIdentity.person("other@gigi.org"),
                StoreAs.CHANGE).idHash();
            final Hash email2 = bob.putVersion(ChumTests.email("email-2", List.of(demo1), List.of(demo1, other),
                "second"));
            // A new version of Email 1 is accessible (IdAccess); once it is at Alice, Email 2 would have been too.
            final Hash email1v2 = bob.putVersion(ChumTests.email("email-1", List.of(demo1), List.of(demo1),
                "first, edited"));
            awaitObject(alice.store, email1v2);
            assertFalse(alice.store.containsObject(email2), "Email 2 has no access yet");
            assertFalse(alice.store.exists(other));

            bob.grant(email2, bob.person(), alice.person());
            awaitObject(alice.store, email2);
            assertTrue(alice.store.exists(other), "other's ID object came with Email 2");
            assertTrue(alice.store.exists(demo1));
            chums.a().stop();
            final ChumResult[] r = chums.results();
            assertClean(r, alice, bob);
            assertOnlyAccessibleArrived(alice, bob, r[1]);
            assertOnlyAccessibleArrived(bob, alice, r[0]);
        } finally {
            close();
        }
    }

    /** 7: BLOBs and CLOBs created after the initial sync arrive with the objects that reference them. */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldTransferBlobsAndClobs(final Transport transport, @TempDir final Path tmp) throws Exception {
        peers(tmp);
        try (Transport.Chums chums = transport.start(alice, bob, true)) {
            final CompletableFuture<FullSync> full = new CompletableFuture<>();
            chums.b().onFullSync(full::complete);
            full.get(30, TimeUnit.SECONDS);
            final Hash blob1 = ChumTests.blob(alice.store, 23_456, 3);
            final Hash blob2 = ChumTests.blob(alice.store, 6_789, 5);
            final Hash big = ChumTests.blob(alice.store, 3 << 20, 7);
            final Hash clob1 = ChumTests.clob(alice.store, "<html><body><h1>Hello</h1></body></html>");
            final Hash clob2 = ChumTests.clob(alice.store, "<html><body><p>Grüße, ünïcödé</p></body></html>");
            final Hash ref = alice.put(ChumTests.referenceTest(List.of(), List.of(blob1, blob2, big),
                List.of(clob1, clob2)));
            final Hash blobAttachment = alice.put(ChumTests.blobAttachment("application/octet-stream", blob1));
            final Hash clobAttachment = alice.put(ChumTests.clobAttachment("text/html", clob2));
            alice.grant(ref, bob.person());
            alice.grant(blobAttachment, bob.person());
            alice.grant(clobAttachment, bob.person());
            awaitObject(bob.store, blobAttachment);
            awaitObject(bob.store, clobAttachment);
            awaitObject(bob.store, ref);
            for (final Hash b : List.of(blob1, blob2, big, clob1, clob2)) {
                assertTrue(bob.store.containsBlob(b), "BLOB/CLOB " + b);
            }
            try (var in = bob.store.openBlob(big); var expected = alice.store.openBlob(big)) {
                assertTrue(java.util.Arrays.equals(expected.readAllBytes(), in.readAllBytes()));
            }
            assertTrue(bob.store.blobInfo(clob1).clob());
            chums.b().stop();
            final ChumResult[] r = chums.results();
            assertClean(r, alice, bob);
            assertEquals(3, r[1].received().blobs());
            assertEquals(2, r[1].received().clobs());
            ChumTests.assertVerifies(bob);
        } finally {
            close();
        }
    }

    /** 8: an object without access does not reach the peer, though a later accessible one does. */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldNotTransferDataWithoutAccess(final Transport transport, @TempDir final Path tmp) throws Exception {
        peers(tmp);
        try (Transport.Chums chums = transport.start(alice, bob, true)) {
            final CompletableFuture<FullSync> full = new CompletableFuture<>();
            chums.a().onFullSync(full::complete);
            full.get(30, TimeUnit.SECONDS);
            final Hash secret = alice.put(ChumTests.marker(alice.store, "secret"));
            final Hash shared = alice.put(ChumTests.marker(alice.store, "shared"));
            alice.grant(shared, bob.person());
            awaitObject(bob.store, shared);
            assertFalse(bob.store.containsObject(secret));
            chums.a().stop();
            final ChumResult[] r = chums.results();
            assertClean(r, alice, bob);
            assertFalse(bob.store.containsObject(secret));
            assertOnlyAccessibleArrived(alice, bob, r[1]);
        } finally {
            close();
        }
    }

    /** 9: two trees of 6 and 7 subtrees shared by Access: everything reachable arrives, counted exactly. */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldTransferManyObjectsGrantedByAccess(final Transport transport, @TempDir final Path tmp)
        throws Exception {
        peers(tmp);
        final Hash tree1 = OneTestTrees.createTree(alice.store, "tree-1", 6);
        final Hash tree2 = OneTestTrees.createTree(alice.store, "tree-2", 7);
        alice.grant(tree1, bob.person());
        alice.grant(tree2, bob.person());
        final Reach expected = Reach.closureOf(alice.store, tree1, tree2);
        final List<ChumProgress> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (Transport.Chums chums = transport.start(alice, bob, o -> o.progressListener(progress::add), o -> o)) {
            final ChumResult[] r = chums.results();
            assertClean(r, alice, bob);
            assertFalse(progress.isEmpty(), "the progress listener was called");
            final ChumProgress last = chums.a().progress();
            assertEquals(r[0].sent().total(), last.sentEntries());
            assertEquals(last.sentEntries(), last.offeredEntries(), "Bob wanted everything offered");
            final long committed = chums.b().progress().receivedEntries();
            assertTrue(committed > 0 && committed <= r[1].received().total(),
                "entries stored from batches; the Chum object also counts ID objects derived from versions");
            assertTrue(expected.allIn(bob.store), "missing at Bob: " + expected.minus(Reach.contentOf(bob.store)));
            assertEquals(expected.objects.size(), r[0].sent().objects());
            assertEquals(expected.blobs.size(), r[0].sent().blobs());
            assertEquals(expected.clobs.size(), r[0].sent().clobs());
            assertEquals(TransferCounts.NONE, r[0].received());
            assertEquals(expected.objects.size(), r[1].received().objects());
            assertEquals(expected.blobs.size(), r[1].received().blobs());
            assertEquals(expected.clobs.size(), r[1].received().clobs());
            assertEquals(TransferCounts.NONE, r[1].sent());
            assertOnlyAccessibleArrived(alice, bob, r[1]);
            ChumTests.assertVerifies(bob);
        } finally {
            close();
        }
    }

    /** 10: two versions of a tree root shared by IdAccess; 0 errors, both versions and the head arrive. */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldTransferManyObjectsGrantedByIdAccess(final Transport transport, @TempDir final Path tmp)
        throws Exception {
        peers(tmp);
        final Hash v1 = OneTestTrees.createTree(alice.store, "tree-root", 6);
        final Hash v2 = OneTestTrees.createTree(alice.store, "tree-root", 7);
        final IdHash id = OneTestTrees.idOf(alice.store, "tree-root");
        alice.grantId(id, bob.person());
        try (Transport.Chums chums = transport.start(alice, bob, false)) {
            final ChumResult[] r = chums.results();
            assertClean(r, alice, bob);
            assertTrue(Reach.closureOf(alice.store, v1, v2).allIn(bob.store));
            assertEquals(v2, bob.store.currentVersion(id).orElseThrow().data());
            assertOnlyAccessibleArrived(alice, bob, r[1]);
        } finally {
            close();
        }
    }

    /**
     * 12: the connection is closed right after a write: both chums end (no exception from result()), both write
     * their Chum objects recording the dropped connection, and the stores stay closed under references.
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldHandlePrematureConnectionClosing(final Transport transport, @TempDir final Path tmp)
        throws Exception {
        peers(tmp);
        try (Transport.Chums chums = transport.start(alice, bob, true)) {
            final CompletableFuture<FullSync> full = new CompletableFuture<>();
            chums.a().onFullSync(full::complete);
            full.get(30, TimeUnit.SECONDS);
            final Hash late = alice.put(ChumTests.marker(alice.store, "late"));
            alice.grant(late, bob.person());
            chums.connectionOfA().close("closed by the application");
            final ChumResult[] r = chums.results();
            for (final ChumResult result : r) {
                assertEquals(List.of(ErrorCode.CONNECTION_CLOSED.code()),
                    result.errors().stream().map(ChumError::code).toList(), "errors: " + result.errors());
                assertTrue(result.fullSync(), "the full sync before the drop counts");
            }
            assertEquals(r[0].idHash(), r[1].idHash());
            ChumTests.assertVerifies(alice, bob);
            ChumTests.assertNoBackgroundErrors(alice, bob);
        } finally {
            close();
        }
    }

    private record StoreResultPair(Hash hash, IdHash idHash) {
        StoreResultPair(final io.chum.store.StoreResult r) {
            this(r.hash(), r.idHash());
        }
    }

    /** The keepRunning scenarios also wait for BLOB arrival through the store's events. */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldDeliverAWriteMadeDuringTheChum(final Transport transport, @TempDir final Path tmp) throws Exception {
        peers(tmp);
        try (Transport.Chums chums = transport.start(alice, bob, o -> o.keepRunning(true).maxNotificationDelay(1),
            o -> o.keepRunning(true).maxNotificationDelay(1))) {
            final Hash blob = ChumTests.blob(bob.store, 1234, 9);
            final Hash attachment = bob.put(ChumTests.blobAttachment("x/y", blob));
            bob.grant(attachment, alice.person());
            awaitEntry(alice.store, blob, true, 30);
            awaitObject(alice.store, attachment);
            chums.b().stop();
            assertClean(chums.results(), alice, bob);
        } finally {
            close();
        }
    }
}
