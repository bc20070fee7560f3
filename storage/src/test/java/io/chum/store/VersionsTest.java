package io.chum.store;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.log.EventLog;
import io.chum.log.HeadChanged;
import io.chum.log.LogAppender;
import io.chum.log.LogConfig;
import io.chum.log.ObjectWritten;
import io.chum.microdata.Canonical;
import io.chum.microdata.MicrodataParser;
import io.chum.model.CoreRecipes;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.OneObject;
import io.chum.model.RecipeRegistry;
import io.chum.model.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Versions, merges and the convergence of two stores adopting each other's heads. */
class VersionsTest {
    private static final long T0 = 1_800_000_000_000L;

    private final AtomicLong now = new AtomicLong(T0);

    private StoreConfig config() {
        return TestStores.config().withLog(TestStores.config().log().withClock(now::get));
    }

    @Test
    @Timeout(60)
    void shouldChainChangesAndListTheHistoryOldestFirst(@TempDir final Path dir) {
        try (OneStore store = OneStore.create(dir, config())) {
            TestStores.registerTestRecipes(store);
            final Hash n1 = store.storeObject(TestStores.unversioned()).hash();
            final StoreResult v1 = store.storeVersionedObject(TestStores.versioned("doc"), StoreAs.CHANGE);
            now.addAndGet(10);
            final StoreResult v2 = store.storeVersionedObject(TestStores.versioned("doc", n1), StoreAs.CHANGE);
            assertEquals(StoreStatus.NEW, v2.status());
            assertEquals(v1.idHash(), v2.idHash());

            final OneObject edge = store.readObject(v1.versionNode());
            assertEquals(CoreRecipes.VERSION_NODE_EDGE, edge.type());
            assertEquals(v1.hash(), edge.get("data"));
            final OneObject change = store.readObject(v2.versionNode());
            assertEquals(CoreRecipes.VERSION_NODE_CHANGE, change.type());
            assertEquals(v1.versionNode(), change.get("prev"));
            assertEquals(1.0, change.get("depth"));
            assertEquals((double) (T0 + 10), change.get("creationTime"));

            assertEquals(new VersionHead(v2.versionNode(), v2.hash(), 1, T0 + 10),
                store.currentVersion(v2.idHash()).orElseThrow());
            assertEquals(List.of(v2.versionNode()), store.heads(v2.idHash()));
            assertEquals(List.of(v1.versionNode(), v2.versionNode()), store.versionNodes(v2.idHash()));
        }
    }

    @Test
    @Timeout(60)
    void shouldWriteNothingWhenTheCurrentVersionIsStoredAgain(@TempDir final Path dir) {
        try (OneStore store = OneStore.create(dir, config())) {
            TestStores.registerTestRecipes(store);
            final StoreResult v1 = store.storeVersionedObject(TestStores.versioned("doc"), StoreAs.CHANGE);
            final long end = store.logEnd();
            for (final StoreAs as : StoreAs.values()) {
                final StoreResult again = store.storeVersionedObject(TestStores.versioned("doc"), as);
                assertEquals(StoreStatus.EXISTS, again.status(), as.toString());
                assertEquals(v1.hash(), again.hash());
            }
            assertEquals(StoreStatus.EXISTS, store.storeObject(TestStores.versioned("doc")).status());
            assertEquals(end, store.logEnd(), "nothing appended");
        }
    }

    @Test
    @Timeout(60)
    void shouldStoreWithoutVersionMapAndMakeAnOldVersionCurrentAgainWithChange(@TempDir final Path dir) {
        try (OneStore store = OneStore.create(dir, config())) {
            TestStores.registerTestRecipes(store);
            final Hash n1 = store.storeObject(TestStores.unversioned()).hash();
            final StoreResult v1 = store.storeVersionedObject(TestStores.versioned("doc"), StoreAs.CHANGE);
            final StoreResult side = store.storeVersionedObject(TestStores.versioned("doc", n1),
                StoreAs.NO_VERSION_MAP);
            assertEquals(StoreStatus.NEW, side.status());
            assertNull(side.versionNode());
            assertTrue(store.exists(side.hash()));
            assertEquals(v1.hash(), store.currentVersion(v1.idHash()).orElseThrow().data(), "heads unchanged");

            now.addAndGet(5);
            final StoreResult v2 = store.storeVersionedObject(TestStores.versioned("doc", n1), StoreAs.CHANGE);
            assertEquals(StoreStatus.NEW, v2.status(), "the object existed, the version node is new");
            now.addAndGet(5);
            final StoreResult v3 = store.storeVersionedObject(TestStores.versioned("doc"), StoreAs.CHANGE);
            assertEquals(v1.hash(), v3.hash());
            assertEquals(v1.hash(), store.currentVersion(v1.idHash()).orElseThrow().data());
            assertEquals(3, store.versionNodes(v1.idHash()).size());
        }
    }

    @Test
    @Timeout(60)
    void shouldMergeAnEdgeWithTheHeadAndLetTheLocalWriteWinEvenInTheSameMillisecond(@TempDir final Path dir) {
        try (OneStore store = OneStore.create(dir, config())) {
            TestStores.registerTestRecipes(store);
            final Hash n1 = store.storeObject(TestStores.unversioned()).hash();
            final StoreResult first = store.storeVersionedObject(TestStores.versioned("doc"), StoreAs.MERGE);
            assertEquals(CoreRecipes.VERSION_NODE_EDGE, store.typeOf(first.versionNode()),
                "MERGE without a head fast-forwards to the edge");

            final StoreResult merged = store.storeVersionedObject(TestStores.versioned("doc", n1), StoreAs.MERGE);
            final OneObject merge = store.readObject(merged.versionNode());
            assertEquals(CoreRecipes.VERSION_NODE_MERGE, merge.type());
            assertEquals(merged.hash(), merge.get("data"), "the newer write wins");
            assertEquals(1.0, merge.get("depth"));
            assertEquals((double) (T0 + 1), merge.get("creationTime"), "the edge was raised past the head");
            final List<Object> parents = merge.getList("nodes");
            assertEquals(2, parents.size());
            assertTrue(parents.contains(first.versionNode()));
            assertEquals(merged.hash(), store.currentVersion(merged.idHash()).orElseThrow().data());
            assertEquals(List.of(merged.versionNode()), store.heads(merged.idHash()));
            assertEquals(3, store.versionNodes(merged.idHash()).size());
        }
    }

    /**
     * A MERGE write's edge node is new and at depth 0: proving that it is no ancestor of the head would walk the ID's
     * whole history (a Chum object's grows with every chum), but a node the store did not hold cannot be reached from
     * one it holds. The graph here reads from an empty store, so any walk fails.
     */
    @Test
    @Timeout(60)
    void shouldMergeANewEdgeWithoutReadingTheHistory(@TempDir final Path dir) {
        try (OneStore store = OneStore.create(dir.resolve("doc"), config());
             OneStore empty = OneStore.create(dir.resolve("empty"), config());
             StoreReader nothing = empty.newReader()) {
            TestStores.registerTestRecipes(store);
            Hash ref = store.storeObject(TestStores.unversioned()).hash();
            StoreResult last = null;
            for (int i = 0; i < 5; i++) {
                now.addAndGet(1);
                last = store.storeVersionedObject(TestStores.versioned("doc", ref), StoreAs.MERGE);
                ref = store.storeObject(TestStores.unversioned(ref)).hash();
            }
            assertEquals(9, store.versionNodes(last.idHash()).size(), "five edges and four merges");
            final VersionHead head = store.currentVersion(last.idHash()).orElseThrow();
            final VersionHead edge = new VersionHead(Sha256.hashUtf8("a new edge"), ref, 0, T0 + 100);
            final VersionGraph graph = new VersionGraph(nothing, new MicrodataParser(store.recipes()));

            final VersionGraph.Update update = graph.advance(List.of(head), edge, true);
            assertEquals(VersionGraph.Update.Kind.MERGE, update.kind());
            assertEquals(List.of(head, edge).stream().sorted(Comparator.comparing(VersionHead::node)).toList(),
                update.parents());
            final ChumException walked = assertThrows(ChumException.class,
                () -> graph.advance(List.of(head), edge, false), "a node the store may hold is looked for");
            assertEquals(ErrorCode.NOT_FOUND, walked.errorCode());
        }
    }

    @Test
    @Timeout(60)
    void shouldKeepTwoHeadsAfterConcurrentWritersAndMergeThemOnTheNextWrite(@TempDir final Path dir) {
        final IdHash id;
        final StoreResult base;
        final Hash d1;
        final Hash d2;
        final Hash note;
        try (OneStore store = OneStore.create(dir, config())) {
            TestStores.registerTestRecipes(store);
            note = store.storeObject(TestStores.unversioned()).hash();
            final Hash note2 = store.storeObject(TestStores.unversioned(note)).hash();
            base = store.storeVersionedObject(TestStores.versioned("doc"), StoreAs.CHANGE);
            id = base.idHash();
            d1 = store.storeVersionedObject(TestStores.versioned("doc", note), StoreAs.NO_VERSION_MAP).hash();
            d2 = store.storeVersionedObject(TestStores.versioned("doc", note2), StoreAs.NO_VERSION_MAP).hash();
        }
        // what two processes writing CHANGE at once leave: two changes on the same head, each replacing it
        final VersionHead head = new VersionHead(base.versionNode(), base.hash(), 0, T0);
        final VersionHead h1 = appendChange(dir, config().log(), id, head, d1, T0 + 10);
        final VersionHead h2 = appendChange(dir, config().log(), id, head, d2, T0 + 20);

        now.set(T0 + 15);
        try (OneStore store = OneStore.open(dir, config())) {
            assertEquals(List.of(h1.node(), h2.node()).stream().sorted().toList(), store.heads(id));
            assertEquals(h2, store.currentVersion(id).orElseThrow(), "the latest creation time is current");

            final StoreResult next = store.storeVersionedObject(TestStores.versioned("doc", note, note),
                StoreAs.CHANGE);
            assertEquals(List.of(next.versionNode()), store.heads(id), "one head again");
            final OneObject merge = store.readObject(next.versionNode());
            assertEquals(CoreRecipes.VERSION_NODE_MERGE, merge.type());
            assertEquals(next.hash(), merge.get("data"));
            assertEquals(3.0, merge.get("depth"));
            final List<Object> parents = merge.getList("nodes");
            assertTrue(parents.contains(h1.node()), "the other head is merged in");
            final Hash change = (Hash) parents.stream().filter(p -> !p.equals(h1.node())).findFirst().orElseThrow();
            assertEquals(h2.node(), store.readObject(change).get("prev"), "the write changed the current head");
            assertEquals((double) (T0 + 21), store.readObject(change).get("creationTime"));
            assertEquals(5, store.versionNodes(id).size());
            assertTrue(store.verify(VerifyListener.NONE).ok());
        }
    }

    @Test
    @Timeout(60)
    void shouldConvergeWhenTwoStoresAdoptEachOthersHeads(@TempDir final Path tmp) {
        try (OneStore a = OneStore.create(tmp.resolve("a"), config());
             OneStore b = OneStore.create(tmp.resolve("b"), config())) {
            TestStores.registerTestRecipes(a);
            TestStores.registerTestRecipes(b);
            final Hash noteA = a.storeObject(TestStores.unversioned()).hash();
            final Hash noteB = b.storeObject(TestStores.unversioned()).hash();
            assertEquals(noteA, noteB);
            final StoreResult baseA = a.storeVersionedObject(TestStores.versioned("doc"), StoreAs.CHANGE);
            final StoreResult baseB = b.storeVersionedObject(TestStores.versioned("doc"), StoreAs.CHANGE);
            assertEquals(baseA.versionNode(), baseB.versionNode(), "same data, same time: the same edge");

            now.set(T0 + 100);
            final StoreResult a1 = a.storeVersionedObject(TestStores.versioned("doc", noteA), StoreAs.CHANGE);
            now.set(T0 + 200);
            final StoreResult b1 = b.storeVersionedObject(TestStores.versioned("doc", noteA, noteA),
                StoreAs.CHANGE);

            copy(a, b, a1.hash(), a1.versionNode());
            copy(b, a, b1.hash(), b1.versionNode());
            final StoreResult adoptedByB = b.adoptVersion(a1.versionNode(), 7);
            final StoreResult adoptedByA = a.adoptVersion(b1.versionNode(), 9);

            assertEquals(StoreStatus.NEW, adoptedByA.status());
            assertEquals(adoptedByA.versionNode(), adoptedByB.versionNode(), "the same merge node: convergence");
            assertEquals(b1.hash(), adoptedByA.hash(), "the later write wins on both sides");
            assertEquals(a.currentVersion(a1.idHash()), b.currentVersion(b1.idHash()));
            assertEquals(a.versionNodes(a1.idHash()), b.versionNodes(b1.idHash()));

            copy(a, b, adoptedByA.versionNode());
            assertEquals(StoreStatus.EXISTS, b.adoptVersion(adoptedByA.versionNode(), 7).status(),
                "adopting the same merge again changes nothing");
            assertEquals(StoreStatus.EXISTS, b.adoptVersion(a1.versionNode(), 7).status(),
                "an ancestor of the head changes nothing");
        }
    }

    @Test
    @Timeout(60)
    void shouldFastForwardWhenTheAdoptedNodeContainsTheHead(@TempDir final Path tmp) {
        try (OneStore a = OneStore.create(tmp.resolve("a"), config());
             OneStore b = OneStore.create(tmp.resolve("b"), config())) {
            TestStores.registerTestRecipes(a);
            TestStores.registerTestRecipes(b);
            final Hash note = a.storeObject(TestStores.unversioned()).hash();
            b.storeObject(TestStores.unversioned());
            final StoreResult base = a.storeVersionedObject(TestStores.versioned("doc"), StoreAs.CHANGE);
            copy(a, b, base.hash(), base.versionNode());
            assertEquals(StoreStatus.NEW, b.adoptVersion(base.versionNode(), 3).status(), "no head: fast-forward");
            now.addAndGet(50);
            final StoreResult next = a.storeVersionedObject(TestStores.versioned("doc", note), StoreAs.CHANGE);
            copy(a, b, next.hash(), next.versionNode());
            final StoreResult adopted = b.adoptVersion(next.versionNode(), 3);
            assertEquals(next.versionNode(), adopted.versionNode(), "fast-forward, no merge node");
            assertEquals(List.of(next.versionNode()), b.heads(next.idHash()));
            assertEquals(a.versionNodes(next.idHash()), b.versionNodes(next.idHash()));
        }
    }

    /** Imports objects from one store into another, as the engine does, in the given (dependency) order. */
    static void copy(final OneStore from, final OneStore to, final Hash... hashes) {
        final RecipeRegistry registry = to.recipes();
        final List<VerifiedEntry> entries = java.util.Arrays.stream(hashes)
            .map(h -> VerifiedEntry.object(from.readMicrodata(h), h, registry)).toList();
        to.importBatch(entries, 1);
    }

    /** Appends a version node object and a head event to the log of a closed store, as another process would. */
    private static VersionHead appendChange(final Path dir, final LogConfig logConfig, final IdHash id,
                                            final VersionHead prev, final Hash data, final long creationTime) {
        final RecipeRegistry core = RecipeRegistry.withCoreRecipes();
        final Canonical.Encoded node = Canonical.encode(VersionNode.change(prev, data, creationTime), core);
        try (EventLog log = EventLog.open(dir.resolve("log"), logConfig)) {
            final LogAppender appender = log.appender();
            appender.append(new ObjectWritten(node.hash(), node.type(), node.microdata()));
            appender.append(new HeadChanged(id, node.hash(), data, prev.depth() + 1, creationTime,
                List.of(prev.node())));
        }
        return new VersionHead(node.hash(), data, prev.depth() + 1, creationTime);
    }
}
