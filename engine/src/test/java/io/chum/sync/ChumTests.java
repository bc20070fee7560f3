package io.chum.sync;

import io.chum.log.BlobWritten;
import io.chum.log.IdObjectWritten;
import io.chum.log.LogEvent;
import io.chum.log.ObjectWritten;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.OneObject;
import io.chum.model.Sha256Value;
import io.chum.store.OneStore;
import io.chum.store.Subscription;
import io.chum.store.VerifyListener;
import io.chum.testing.OneTestRecipes;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Object builders of the one.core test types, waits and assertions shared by the chum tests. Stateless. */
final class ChumTests {
    private ChumTests() {
    }

    // ---- objects ----

    static OneObject email(final String messageId, final List<IdHash> from, final List<IdHash> to,
                           final String subject) {
        final Map<String, Object> v = new LinkedHashMap<>();
        v.put("messageID", messageId);
        v.put("from", new ArrayList<Object>(from));
        v.put("to", new ArrayList<Object>(to));
        v.put("date", 1_600_000_000_000.0);
        v.put("subject", subject);
        return OneObject.of(OneTestRecipes.EMAIL, v);
    }

    static OneObject referenceTest(final List<Hash> unversioned, final List<Hash> blobs, final List<Hash> clobs) {
        final Map<String, Object> v = new LinkedHashMap<>();
        if (!unversioned.isEmpty()) {
            v.put("unversionedRef", new ArrayList<Object>(unversioned));
        }
        if (!blobs.isEmpty()) {
            v.put("blob", new ArrayList<Object>(blobs));
        }
        if (!clobs.isEmpty()) {
            v.put("clob", new ArrayList<Object>(clobs));
        }
        return OneObject.of(OneTestRecipes.REFERENCE_TEST, v);
    }

    /** An unversioned object told apart by {@code tag} (a ReferenceTest holding a CLOB-free marker). */
    static OneObject marker(final OneStore store, final String tag) {
        final Hash clob = store.storeClob(new ByteArrayInputStream(tag.getBytes(StandardCharsets.UTF_8))).hash();
        return referenceTest(List.of(), List.of(), List.of(clob));
    }

    static OneObject blobAttachment(final String type, final Hash blob) {
        return OneObject.of(OneTestRecipes.BLOB_ATTACHMENT, Map.of("dataType", type, "data", blob));
    }

    static OneObject clobAttachment(final String type, final Hash clob) {
        return OneObject.of(OneTestRecipes.CLOB_ATTACHMENT, Map.of("dataType", type, "data", clob));
    }

    static Hash blob(final OneStore store, final int size, final int seed) {
        final byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 7 + seed);
        }
        return store.storeBlob(new ByteArrayInputStream(b)).hash();
    }

    static Hash clob(final OneStore store, final String text) {
        return store.storeClob(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))).hash();
    }

    // ---- waits ----

    /**
     * Waits until {@code store} holds {@code hash} (an object, ID object, or with {@code blob} a BLOB/CLOB): woken by
     * the store's own event subscription, not by polling. Fails after {@code seconds}.
     */
    static void awaitEntry(final OneStore store, final Sha256Value hash, final boolean blob, final int seconds)
        throws InterruptedException {
        final CountDownLatch seen = new CountDownLatch(1);
        final List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        // Not logEnd(): an event may be in the log but not yet in the index that present() reads.
        final long from = store.projectedPosition();
        try (Subscription s = store.subscribe(from, e -> {
            if (names(e, hash, blob)) {
                seen.countDown();
            }
        }, t -> {
            failures.add(t);
            seen.countDown();
        })) {
            if (present(store, hash, blob)) {
                return;
            }
            final boolean woken = seen.await(seconds, TimeUnit.SECONDS);
            assertEquals(List.of(), failures, "the store subscription failed");
            if (!woken) {
                fail((blob ? "BLOB " : "entry ") + hash + " did not arrive within " + seconds + " s (present now: "
                    + present(store, hash, blob) + ")");
            }
        }
    }

    static void awaitObject(final OneStore store, final Sha256Value hash) throws InterruptedException {
        awaitEntry(store, hash, false, 30);
    }

    private static boolean names(final LogEvent e, final Sha256Value hash, final boolean blob) {
        if (blob) {
            return e instanceof BlobWritten b && b.hash().equals(hash);
        }
        return e instanceof ObjectWritten o && o.hash().equals(hash)
            || e instanceof IdObjectWritten i && i.idHash().equals(hash);
    }

    private static boolean present(final OneStore store, final Sha256Value hash, final boolean blob) {
        if (blob) {
            return store.containsBlob((Hash) hash);
        }
        return hash instanceof IdHash id ? store.exists(id) : store.containsObject((Hash) hash);
    }

    // ---- assertions ----

    /** Both chums ended without errors, wrote Chum objects with the same ID, and nothing failed in the background. */
    static void assertClean(final ChumResult[] results, final Peer... peers) {
        for (final ChumResult r : results) {
            assertTrue(r.ok(), "errors: " + r.errors());
        }
        assertEquals(results[0].idHash(), results[1].idHash(), "both sides derive the same Chum ID");
        assertNoBackgroundErrors(peers);
    }

    static void assertNoBackgroundErrors(final Peer... peers) {
        for (final Peer p : peers) {
            assertEquals(List.of(), p.backgroundErrors, p.email + " had background errors");
        }
    }

    /** What {@code to} imported in its chum is a subset of what {@code from}'s grants made accessible to it. */
    static void assertOnlyAccessibleArrived(final Peer from, final Peer to, final ChumResult toResult) {
        final Reach imported = Reach.importedBy(to.store, toResult.sessionId());
        final Reach accessible = Reach.accessibleTo(from.store, to.person());
        assertTrue(imported.isSubsetOf(accessible), "not accessible but transferred: "
            + imported.minus(accessible));
    }

    /** The stores are closed (every object's references present) and verify. */
    static void assertVerifies(final Peer... peers) {
        for (final Peer p : peers) {
            assertTrue(p.store.verify(VerifyListener.NONE).ok(), p.email + "'s store does not verify");
        }
    }

    static List<Hash> hashes(final Hash... hashes) {
        return Arrays.asList(hashes);
    }
}
