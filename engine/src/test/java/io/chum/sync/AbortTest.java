package io.chum.sync;

import io.chum.ErrorCode;
import io.chum.model.Hash;
import io.chum.model.OneObject;
import io.chum.testing.OneTestRecipes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ChumApi#abort}: a one-shot chum stopped in the middle (SIGTERM to {@code chum sync}) ends at once with a
 * {@code CS-INTERRUPTED} Chum object on its side and {@code CS-CONN-CLOSED} on the peer's, keeping what was
 * committed; the next chum brings the rest.
 */
class AbortTest {
    /** Enough that the transfer still runs when the peer's PROGRESS (its totals) has arrived. */
    private static final int OBJECTS = 20_000;

    @Test
    @Timeout(120)
    void shouldEndAOneShotChumInTheMiddleAndLetTheNextOneFinishIt(@TempDir final Path tmp) throws Exception {
        try (Peer alice = Peer.alice(tmp); Peer bob = Peer.bob(tmp)) {
            alice.knows(bob);
            bob.knows(alice);
            alice.store.registerRecipe(BulkSyncTest.DOC);
            bob.store.registerRecipe(BulkSyncTest.DOC);
            final List<Object> leaves = new ArrayList<>();
            for (int i = 0; i < OBJECTS; i++) {
                leaves.add(alice.store.storeObject(OneObject.of(BulkSyncTest.DOC.name(),
                    Map.of("text", "leaf " + i)), false).hash());
            }
            final Hash root = alice.put(OneObject.of(OneTestRecipes.REFERENCE_TEST, Map.of("unversionedRef", leaves)));
            alice.grant(root, bob.person());
            try (Transport.Chums chums = Transport.TLS.start(alice, bob, false)) {
                while (chums.b().progress().remoteTotalEntries() == 0 && !chums.b().result().isDone()) {
                    Thread.sleep(1);
                }
                assertFalse(chums.b().result().isDone(), "the data set is too small to abort in the middle");
                chums.b().abort();
                chums.b().abort();
                final ChumResult[] r = chums.results();
                assertEquals(ErrorCode.INTERRUPTED.code(), r[1].errors().get(0).code(), r[1].errors().toString());
                assertEquals(List.of(ErrorCode.CONNECTION_CLOSED.code()), r[0].errors().stream().map(ChumError::code)
                    .toList(), r[0] + "\n" + r[1]);
                assertTrue(r[1].received().objects() < OBJECTS + 1, "aborted before everything arrived");
            }
            assertFalse(bob.store.containsObject(root));
            try (Transport.Chums again = Transport.TLS.start(alice, bob, false)) {
                final ChumResult[] r = again.results();
                assertTrue(r[0].ok() && r[1].ok(), r[0].errors() + " " + r[1].errors());
            }
            assertTrue(bob.store.containsObject(root), "the next chum brought the rest");
        }
    }
}
