package io.chum.sync;

import io.chum.identity.LocalIdentity;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.OneObject;
import io.chum.store.AccessMode;
import io.chum.store.AccessRequest;
import io.chum.store.StoreAs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static io.chum.sync.ChumTests.assertClean;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Incremental chums: the cursor of the last full sync with a peer makes the next chum offer only what became
 * accessible since, and a store synced in several incremental chums ends with the same objects as one synced once
 * from scratch, on seeded random histories (grants, new versions under IdAccess, group joins, new objects).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class CursorTest {
    @ParameterizedTest
    @ValueSource(longs = {1L, 20240607L, 987654321L})
    void shouldEndWithTheSameObjectsWithAndWithoutACursor(final long seed, @TempDir final Path tmp)
        throws Exception {
        final Random rnd = new Random(seed);
        try (Peer alice = Peer.alice(tmp); Peer bob = Peer.bob(tmp);
             Peer fresh = Peer.create(tmp.resolve("fresh"), "bob@mail.com", "FreshBob")) {
            alice.knows(bob);
            bob.knows(alice);
            fresh.knows(alice);
            final History history = new History(alice, bob.person(), rnd);
            final Reach incremental = new Reach();
            for (int round = 0; round < 4; round++) {
                history.write(10 + rnd.nextInt(20));
                final Transport transport = rnd.nextBoolean() ? Transport.IN_PROCESS : Transport.TLS;
                try (Transport.Chums chums = transport.start(alice, bob, false)) {
                    final ChumResult[] r = chums.results();
                    assertClean(r, alice, bob);
                    final long cursor = ChumLog.derive(bob.store, r[1].sessionId()).start.cursor();
                    assertEquals(round > 0, cursor > 0, "seed " + seed + ": round " + round + " cursor " + cursor);
                    add(incremental, Reach.importedBy(bob.store, r[1].sessionId()));
                }
            }
            final Reach full;
            try (Transport.Chums chums = Transport.IN_PROCESS.start(alice, fresh, false)) {
                final ChumResult[] r = chums.results();
                assertClean(r, alice, fresh);
                full = Reach.importedBy(fresh.store, r[1].sessionId());
            }
            assertEquals(full.minus(incremental), new Reach(), "seed " + seed + ": only the full path has these");
            assertEquals(incremental.minus(full), new Reach(), "seed " + seed + ": only the cursor path has these");
            assertTrue(full.size() > 0, "seed " + seed + ": the history shared something");
        }
    }

    @Test
    void shouldOfferOnlyWhatChangedSinceTheCursor(@TempDir final Path tmp) throws Exception {
        try (Peer alice = Peer.alice(tmp); Peer bob = Peer.bob(tmp)) {
            alice.knows(bob);
            bob.knows(alice);
            final List<Hash> old = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                old.add(alice.put(ChumTests.marker(alice.store, "old " + i)));
                alice.grant(old.get(i), bob.person());
            }
            try (Transport.Chums chums = Transport.IN_PROCESS.start(alice, bob, false)) {
                assertEquals(400, chums.results()[0].sent().total(), "200 objects and their 200 CLOBs");
            }
            final Hash newer = alice.put(ChumTests.marker(alice.store, "new"));
            alice.grant(newer, bob.person());
            try (Transport.Chums chums = Transport.IN_PROCESS.start(alice, bob, false)) {
                final ChumResult[] r = chums.results();
                assertClean(r, alice, bob);
                assertEquals(2, r[0].sent().total(), "only the new object and its CLOB");
                assertTrue(r[1].highestRemoteTimestamp() > 0);
                assertTrue(bob.store.containsObject(newer));
            }
        }
    }

    @Test
    void shouldNotOfferTheUnchangedEntriesOfChangedDirectories(@TempDir final Path tmp) throws Exception {
        try (Peer alice = Peer.alice(tmp); Peer bob = Peer.bob(tmp)) {
            alice.knows(bob);
            bob.knows(alice);
            final int dirs = 10;
            final int leavesPerDir = 20;
            final List<List<Hash>> leaves = new ArrayList<>();
            for (int d = 0; d < dirs; d++) {
                leaves.add(new ArrayList<>());
                for (int i = 0; i < leavesPerDir; i++) {
                    leaves.get(d).add(alice.put(ChumTests.marker(alice.store, "leaf " + d + "/" + i)));
                }
            }
            writeTree(alice, leaves);
            alice.store.createAccess(AccessRequest.forId(OneTestTrees.idOf(alice.store, "root"),
                List.of(bob.person()), List.of(), AccessMode.REPLACE));
            try (Transport.Chums chums = Transport.IN_PROCESS.start(alice, bob, false)) {
                assertClean(chums.results(), alice, bob);
            }

            // One new leaf in every directory: every directory and the root get a new version.
            for (int d = 0; d < dirs; d++) {
                leaves.get(d).add(alice.put(ChumTests.marker(alice.store, "new leaf " + d)));
            }
            writeTree(alice, leaves);
            try (Transport.Chums chums = Transport.IN_PROCESS.start(alice, bob, false)) {
                final ChumResult[] r = chums.results();
                assertClean(r, alice, bob);
                assertEquals(0, r[1].exists(), "the " + dirs * leavesPerDir + " unchanged leaves (and their CLOBs) "
                    + "are probed, not offered");
                assertEquals(dirs, r[0].sent().clobs(), "only the new leaves' CLOBs");
                final long probed = chums.a().progress().probedEntries();
                assertTrue(probed < dirs * leavesPerDir / 2, () -> probed + " entries probed: Bob has the previous "
                    + "versions, and so their " + dirs * leavesPerDir + " leaves, which need no probe");
                // 33 while CLOBs were probed too: the new leaves' 10 CLOBs are asked about by their data batch alone
                assertEquals(23, probed, "objects probed, no CLOB");
                for (final List<Hash> dir : leaves) {
                    assertTrue(bob.store.containsObject(dir.get(dir.size() - 1)));
                }
            }
        }
    }

    @Test
    void shouldSendABlobOfferedWithoutAProbeOnlyIfTheImporterLacksIt(@TempDir final Path tmp) throws Exception {
        try (Peer alice = Peer.alice(tmp); Peer bob = Peer.bob(tmp)) {
            alice.knows(bob);
            bob.knows(alice);
            final Hash old = ChumTests.blob(alice.store, 100, 1);
            alice.putVersion(OneTestTrees.versioned("box", List.of(), List.of(), List.of(), List.of(old), List.of()));
            alice.store.createAccess(AccessRequest.forId(OneTestTrees.idOf(alice.store, "box"),
                List.of(bob.person()), List.of(), AccessMode.REPLACE));
            try (Transport.Chums chums = Transport.IN_PROCESS.start(alice, bob, false)) {
                assertClean(chums.results(), alice, bob);
            }

            // A new version with two new BLOBs, one of which Bob has already (stored on his own).
            final Hash known = ChumTests.blob(alice.store, 200, 2);
            final Hash unknown = ChumTests.blob(alice.store, 300, 3);
            assertEquals(known, ChumTests.blob(bob.store, 200, 2));
            alice.putVersion(OneTestTrees.versioned("box", List.of(), List.of(), List.of(),
                List.of(old, known, unknown), List.of()));
            try (Transport.Chums chums = Transport.IN_PROCESS.start(alice, bob, false)) {
                final ChumResult[] r = chums.results();
                assertClean(r, alice, bob);
                assertEquals(1, r[0].sent().blobs(), "only the BLOB Bob lacks is sent");
                assertEquals(1, r[1].exists(), "the one he has is offered unprobed, and not wanted");
                assertTrue(bob.store.containsBlob(unknown));
            }
        }
    }

    /** A versioned directory per list of leaves and a versioned root listing the directories' current versions. */
    private static void writeTree(final Peer alice, final List<List<Hash>> leaves) {
        final List<Hash> dirs = new ArrayList<>();
        for (int d = 0; d < leaves.size(); d++) {
            dirs.add(alice.putVersion(OneTestTrees.versioned("dir " + d, List.of(), leaves.get(d), List.of(),
                List.of(), List.of())));
        }
        alice.putVersion(OneTestTrees.versioned("root", dirs, List.of(), List.of(), List.of(), List.of()));
    }

    private static void add(final Reach into, final Reach from) {
        into.objects.addAll(from.objects);
        into.ids.addAll(from.ids);
        into.blobs.addAll(from.blobs);
        into.clobs.addAll(from.clobs);
    }

    /** Random writes to Alice's store whose shared part only grows (revocation has its own test). */
    private static final class History {
        private final Peer alice;
        private final IdHash bob;
        private final Random rnd;
        private final List<Hash> objects = new ArrayList<>();
        private final List<String> names = new ArrayList<>();
        private final List<Hash> groupsJoined = new ArrayList<>();
        private int counter;

        History(final Peer alice, final IdHash bob, final Random rnd) {
            this.alice = alice;
            this.bob = bob;
            this.rnd = rnd;
        }

        void write(final int steps) {
            for (int i = 0; i < steps; i++) {
                switch (rnd.nextInt(6)) {
                    case 0, 1 -> newObject();
                    case 2 -> newVersion();
                    case 3 -> grantObject();
                    case 4 -> grantId();
                    default -> groupGrant();
                }
            }
        }

        private void newObject() {
            final List<Hash> refs = new ArrayList<>();
            for (int k = rnd.nextInt(3); k > 0 && !objects.isEmpty(); k--) {
                refs.add(objects.get(rnd.nextInt(objects.size())));
            }
            final Hash clob = ChumTests.clob(alice.store, "object " + counter++);
            objects.add(alice.put(ChumTests.referenceTest(refs, List.of(), List.of(clob))));
        }

        private void newVersion() {
            final String name = names.isEmpty() || rnd.nextInt(3) == 0 ? "doc-" + counter++
                : names.get(rnd.nextInt(names.size()));
            if (!names.contains(name)) {
                names.add(name);
            }
            final List<Hash> refs = objects.isEmpty() ? List.of() : List.of(objects.get(rnd.nextInt(objects.size())));
            objects.add(alice.putVersion(OneTestTrees.versioned(name, List.of(), refs, List.of(), List.of(),
                List.of(ChumTests.clob(alice.store, "version " + counter++)))));
        }

        private void grantObject() {
            if (!objects.isEmpty()) {
                alice.store.createAccess(AccessRequest.forObject(objects.get(rnd.nextInt(objects.size())),
                    List.of(bob), List.of(), AccessMode.ADD));
            }
        }

        private void grantId() {
            if (!names.isEmpty()) {
                alice.store.createAccess(AccessRequest.forId(OneTestTrees.idOf(alice.store,
                    names.get(rnd.nextInt(names.size()))), List.of(bob), List.of(), AccessMode.ADD));
            }
        }

        /** Bob joins a new group that has grants already (an old object and an ID become accessible). */
        private void groupGrant() {
            if (objects.isEmpty()) {
                return;
            }
            final String name = "group-" + counter++;
            final IdHash carol = alice.store.storeVersionedObject(LocalIdentity.person("carol@mail.com"),
                StoreAs.CHANGE).idHash();
            final IdHash group = alice.store.storeVersionedObject(OneObject.of("Group", Map.of("name", name,
                "person", List.of(carol))), StoreAs.CHANGE).idHash();
            alice.store.createAccess(AccessRequest.forObject(objects.get(rnd.nextInt(objects.size())), List.of(),
                List.of(group), AccessMode.ADD));
            if (!names.isEmpty()) {
                alice.store.createAccess(AccessRequest.forId(OneTestTrees.idOf(alice.store,
                    names.get(rnd.nextInt(names.size()))), List.of(), List.of(group), AccessMode.ADD));
            }
            groupsJoined.add(alice.store.storeVersionedObject(OneObject.of("Group", Map.of("name", name,
                "person", List.of(carol, bob))), StoreAs.CHANGE).hash());
        }
    }
}
