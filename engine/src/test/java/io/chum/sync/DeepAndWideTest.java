package io.chum.sync;

import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.OneObject;
import io.chum.store.StoreAs;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.chum.sync.ChumTests.assertClean;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shapes that break recursive or per-object designs: a 10,000-deep chain and a 10,000-wide tree. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class DeepAndWideTest {
    private static final int N = 10_000;

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldSyncATenThousandDeepChain(final Transport transport, @TempDir final Path tmp) throws Exception {
        try (Peer alice = Peer.alice(tmp); Peer bob = Peer.bob(tmp)) {
            alice.knows(bob);
            bob.knows(alice);
            Hash tip = alice.put(ChumTests.referenceTest(List.of(), List.of(), List.of()));
            final Hash first = tip;
            for (int i = 1; i < N; i++) {
                tip = alice.put(ChumTests.referenceTest(List.of(tip), List.of(), List.of()));
            }
            alice.grant(tip, bob.person());
            try (Transport.Chums chums = transport.start(alice, bob, false)) {
                final ChumResult[] r = chums.results();
                assertClean(r, alice, bob);
                assertEquals(N, r[0].sent().objects());
                assertEquals(N, r[1].received().objects());
            }
            assertTrue(bob.store.containsObject(first) && bob.store.containsObject(tip));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldSyncATenThousandWideTree(final Transport transport, @TempDir final Path tmp) throws Exception {
        try (Peer alice = Peer.alice(tmp); Peer bob = Peer.bob(tmp)) {
            alice.knows(bob);
            bob.knows(alice);
            final Hash blob = ChumTests.blob(alice.store, 100, 1);
            final List<Hash> children = new ArrayList<>();
            for (int i = 0; i < N; i++) {
                children.add(alice.put(ChumTests.blobAttachment("leaf/" + i, blob)));
            }
            final Hash root = alice.put(ChumTests.referenceTest(children, List.of(), List.of()));
            alice.grant(root, bob.person());
            try (Transport.Chums chums = transport.start(alice, bob, false)) {
                final ChumResult[] r = chums.results();
                assertClean(r, alice, bob);
                assertEquals(N + 1, r[1].received().objects());
                assertEquals(1, r[1].received().blobs());
            }
            assertTrue(Reach.closureOf(alice.store, root).allIn(bob.store));
        }
    }

    /** A 10,000-deep version history under IdAccess, then one more version in an incremental chum. */
    @Test
    @Tag("slow")
    void shouldSyncATenThousandVersionHistory(@TempDir final Path tmp) throws Exception {
        try (Peer alice = Peer.alice(tmp); Peer bob = Peer.bob(tmp)) {
            alice.knows(bob);
            bob.knows(alice);
            Hash last = null;
            for (int i = 0; i < N; i++) {
                last = alice.store.storeVersionedObject(OneTestTrees.versioned("history", List.of(), List.of(),
                    List.of(), List.of(), List.of(ChumTests.clob(alice.store, "v" + i))), StoreAs.CHANGE).hash();
            }
            final IdHash id = OneTestTrees.idOf(alice.store, "history");
            alice.grantId(id, bob.person());
            try (Transport.Chums chums = Transport.IN_PROCESS.start(alice, bob, false)) {
                assertClean(chums.results(), alice, bob);
            }
            assertEquals(last, bob.store.currentVersion(id).orElseThrow().data());
            final OneObject next = OneTestTrees.versioned("history", List.of(), List.of(), List.of(), List.of(),
                List.of(ChumTests.clob(alice.store, "one more")));
            final Hash newest = alice.putVersion(next);
            try (Transport.Chums chums = Transport.IN_PROCESS.start(alice, bob, false)) {
                final ChumResult[] r = chums.results();
                assertClean(r, alice, bob);
                assertTrue(r[0].sent().total() <= 3, "the new node, its data and its CLOB: " + r[0].sent());
            }
            assertEquals(newest, bob.store.currentVersion(id).orElseThrow().data());
        }
    }
}
