package io.chum.sync;

import io.chum.ErrorCode;
import io.chum.identity.LocalIdentity;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.ItemType;
import io.chum.model.OneObject;
import io.chum.model.Recipe;
import io.chum.model.Rule;
import io.chum.store.AccessMode;
import io.chum.store.AccessRequest;
import io.chum.store.StoreAs;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.chum.sync.ChumTests.assertClean;
import static io.chum.sync.ChumTests.assertOnlyAccessibleArrived;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ONE's access rules through a chum: groups, revocation between chums, access rights never leaving, an unknown type,
 * and both directions at once. Over both transports.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AccessRulesTest {
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

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldGrantThroughTheGroupsThePersonIsIn(final Transport transport, @TempDir final Path tmp)
        throws Exception {
        peers(tmp);
        final IdHash carol = alice.store.storeVersionedObject(LocalIdentity.person("carol@mail.com"), StoreAs.CHANGE)
            .idHash();
        final IdHash friends = alice.store.storeVersionedObject(OneObject.of("Group", Map.of("name", "friends",
            "person", List.of(bob.person(), carol))), StoreAs.CHANGE).idHash();
        final IdHash others = alice.store.storeVersionedObject(OneObject.of("Group", Map.of("name", "others",
            "person", List.of(carol))), StoreAs.CHANGE).idHash();
        final Hash forFriends = alice.put(ChumTests.marker(alice.store, "for friends"));
        final Hash forOthers = alice.put(ChumTests.marker(alice.store, "for others"));
        final Hash versioned = alice.putVersion(OneTestTrees.versioned("doc", List.of(), List.of(), List.of(),
            List.of(), List.of()));
        final IdHash doc = OneTestTrees.idOf(alice.store, "doc");
        alice.store.createAccess(AccessRequest.forObject(forFriends, List.of(), List.of(friends), AccessMode.REPLACE));
        alice.store.createAccess(AccessRequest.forObject(forOthers, List.of(), List.of(others), AccessMode.REPLACE));
        alice.store.createAccess(AccessRequest.forId(doc, List.of(), List.of(friends), AccessMode.REPLACE));
        try (Transport.Chums chums = transport.start(alice, bob, false)) {
            final ChumResult[] r = chums.results();
            assertClean(r, alice, bob);
            assertTrue(bob.store.containsObject(forFriends));
            assertTrue(bob.store.containsObject(versioned));
            assertEquals(versioned, bob.store.currentVersion(doc).orElseThrow().data());
            assertFalse(bob.store.containsObject(forOthers));
            assertFalse(bob.store.exists(friends), "a Group is never transferred, not even its ID object");
            assertOnlyAccessibleArrived(alice, bob, r[1]);
        } finally {
            close();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldNotTransferWhatWasRevokedBeforeTheNextChum(final Transport transport, @TempDir final Path tmp)
        throws Exception {
        peers(tmp);
        final Hash x = alice.put(ChumTests.marker(alice.store, "x"));
        alice.grant(x, bob.person());
        final Hash z1 = alice.putVersion(OneTestTrees.versioned("z", List.of(), List.of(x), List.of(), List.of(),
            List.of()));
        final IdHash z = OneTestTrees.idOf(alice.store, "z");
        alice.grantId(z, bob.person());
        try (Transport.Chums chums = transport.start(alice, bob, false)) {
            assertClean(chums.results(), alice, bob);
        }
        assertTrue(bob.store.containsObject(x) && bob.store.containsObject(z1));

        final Hash y = alice.put(ChumTests.marker(alice.store, "y"));
        alice.grant(y, bob.person());
        alice.grant(y);
        alice.grantId(z);
        final Hash z2 = alice.putVersion(OneTestTrees.versioned("z", List.of(), List.of(y), List.of(), List.of(),
            List.of()));
        final Hash w = alice.put(ChumTests.marker(alice.store, "w"));
        alice.grant(w, bob.person());
        try (Transport.Chums chums = transport.start(alice, bob, false)) {
            final ChumResult[] r = chums.results();
            assertClean(r, alice, bob);
            assertTrue(ChumLog.derive(bob.store, r[1].sessionId()).start.cursor() > 0, "the second chum used a cursor");
            assertTrue(bob.store.containsObject(w), "granted since the last chum");
            assertFalse(bob.store.containsObject(y), "granted and revoked since the last chum");
            assertFalse(bob.store.containsObject(z2), "a version written after the IdAccess was revoked");
            assertEquals(z1, bob.store.currentVersion(z).orElseThrow().data());
            assertOnlyAccessibleArrived(alice, bob, r[1]);
        } finally {
            close();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldNeverOfferAccessObjectsNorWhatNeedsThem(final Transport transport, @TempDir final Path tmp)
        throws Exception {
        peers(tmp);
        final Hash x = alice.put(ChumTests.marker(alice.store, "x"));
        final Hash access = alice.store.createAccess(AccessRequest.forObject(x, List.of(alice.person()), List.of(),
            AccessMode.REPLACE)).hash();
        final Hash needsAccess = alice.put(ChumTests.referenceTest(List.of(access), List.of(), List.of()));
        final Hash fine = alice.put(ChumTests.marker(alice.store, "fine"));
        final Hash needsBoth = alice.put(ChumTests.referenceTest(List.of(needsAccess, fine), List.of(), List.of()));
        alice.grant(access, bob.person());
        alice.grant(needsBoth, bob.person());
        alice.grant(fine, bob.person());
        try (Transport.Chums chums = transport.start(alice, bob, false)) {
            final ChumResult[] r = chums.results();
            assertClean(r, alice, bob);
            assertFalse(bob.store.containsObject(access), "an Access object never leaves");
            assertFalse(bob.store.containsObject(needsAccess), "nor what references one");
            assertFalse(bob.store.containsObject(needsBoth), "nor what depends on that");
            assertTrue(bob.store.containsObject(fine));
            assertFalse(bob.store.containsObject(x), "x was never granted to Bob");
            ChumTests.assertVerifies(bob);
        } finally {
            close();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldEndBothSidesOnAnObjectOfATypeThePeerDoesNotKnow(final Transport transport, @TempDir final Path tmp)
        throws Exception {
        peers(tmp);
        alice.store.registerRecipe(new Recipe("Alice$Only", List.of(Rule.of("text", ItemType.StringType.PLAIN))));
        final Hash known = alice.put(ChumTests.marker(alice.store, "known"));
        final Hash unknown = alice.put(OneObject.of("Alice$Only", Map.of("text", "only Alice can read this")));
        alice.grant(known, bob.person());
        alice.grant(unknown, bob.person());
        try (Transport.Chums chums = transport.start(alice, bob, false)) {
            final ChumResult[] r = chums.results();
            assertEquals(List.of(new ChumError(ErrorCode.UNKNOWN_TYPE.code(), r[1].errors().get(0).message(),
                false)), r[1].errors());
            assertEquals(ErrorCode.UNKNOWN_TYPE.code(), r[0].errors().get(0).code());
            assertTrue(r[0].errors().get(0).remote(), "Alice records Bob's error as the peer's");
            assertEquals(r[0].idHash(), r[1].idHash());
            assertFalse(bob.store.containsObject(unknown));
            assertEquals(0, Reach.importedBy(bob.store, r[1].sessionId()).size(),
                "the batch holding the unknown object is not stored at all");
            ChumTests.assertVerifies(bob);
            ChumTests.assertNoBackgroundErrors(alice, bob);
        } finally {
            close();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldSyncBothDirectionsAtOnce(final Transport transport, @TempDir final Path tmp) throws Exception {
        peers(tmp);
        final Hash fromAlice = OneTestTrees.createTree(alice.store, "alice-tree", 3);
        final Hash fromBob = OneTestTrees.createTree(bob.store, "bob-tree", 4);
        alice.grant(fromAlice, bob.person());
        bob.grant(fromBob, alice.person());
        final Reach aliceShares = Reach.closureOf(alice.store, fromAlice);
        final Reach bobShares = Reach.closureOf(bob.store, fromBob);
        try (Transport.Chums chums = transport.start(alice, bob, false)) {
            final ChumResult[] r = chums.results();
            assertClean(r, alice, bob);
            assertTrue(aliceShares.allIn(bob.store));
            assertTrue(bobShares.allIn(alice.store));
            assertEquals(r[0].sent().objects(), r[1].received().objects());
            assertEquals(r[1].sent().objects(), r[0].received().objects());
            assertEquals(bobShares.objects.size(), r[0].received().objects());
            assertEquals(aliceShares.objects.size(), r[1].received().objects());
            assertOnlyAccessibleArrived(alice, bob, r[1]);
            assertOnlyAccessibleArrived(bob, alice, r[0]);
        } finally {
            close();
        }
    }
}
