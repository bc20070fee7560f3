package io.chum.cli.demo;

import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.sync.ChumError;
import io.chum.sync.ChumResult;
import io.chum.sync.TransferCounts;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo's second-chum check ({@link DemoReport.SecondChum#idle()}): it passes only a chum that moved nothing either
 * way and reached full sync on both sides without an error.
 */
class SecondChumTest {
    private static final TransferCounts NOTHING = TransferCounts.NONE;

    private static ChumResult result(final TransferCounts sent, final TransferCounts received, final long exists,
                                     final List<ChumError> errors, final boolean fullSync) {
        return new ChumResult(Hash.of(1, 2, 3, 4), IdHash.of(5, 6, 7, 8), 42, "demo", IdHash.of(9, 10, 11, 12),
            "BobPhone", sent, received, exists, errors, fullSync, 1_796_000_000_000L, 20);
    }

    private static ChumResult idle() {
        return result(NOTHING, NOTHING, 0, List.of(), true);
    }

    @Test
    void shouldPassAChumThatMovedNothing() {
        final DemoReport.SecondChum second = new DemoReport.SecondChum(idle(), idle(), 30);

        assertTrue(second.idle());
        assertEquals(0, second.entries());
    }

    @Test
    void shouldFailAChumThatSentOrReceivedAnything() {
        final ChumResult sentOne = result(new TransferCounts(1, 0, 0, 0), NOTHING, 0, List.of(), true);
        final ChumResult receivedBlobs = result(NOTHING, new TransferCounts(0, 0, 2, 1), 0, List.of(), true);

        assertFalse(new DemoReport.SecondChum(sentOne, idle(), 30).idle());
        assertFalse(new DemoReport.SecondChum(idle(), receivedBlobs, 30).idle());
        assertEquals(4, new DemoReport.SecondChum(sentOne, receivedBlobs, 30).entries());
    }

    @Test
    void shouldFailAChumWithAnErrorOrWithoutFullSync() {
        final ChumResult failed = result(NOTHING, NOTHING, 0, List.of(new ChumError("CS-CONN-CLOSED", "gone", true)),
            true);
        final ChumResult partial = result(NOTHING, NOTHING, 0, List.of(), false);

        assertFalse(new DemoReport.SecondChum(failed, idle(), 30).idle());
        assertFalse(new DemoReport.SecondChum(idle(), partial, 30).idle());
    }

    @Test
    void shouldCountOfferedEntriesTheReceiverHadWithoutFailingTheCheck() {
        // Offered but refused by the WANT: no data crossed, so the chum is still idle; the report shows the count.
        final DemoReport.SecondChum second = new DemoReport.SecondChum(result(NOTHING, NOTHING, 3, List.of(), true),
            idle(), 30);

        assertTrue(second.idle());
        assertEquals(3, second.alreadyHad());
    }
}
