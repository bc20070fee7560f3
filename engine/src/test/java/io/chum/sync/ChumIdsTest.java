package io.chum.sync;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.model.IdHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link ChumLog#chumIds} and {@link ChumLog#chumIdOf}: a chum's ID from its START record, on both sides. */
@Timeout(120)
class ChumIdsTest {
    @Test
    void shouldTellEveryChumsIdFromItsStartRecordOnBothSides(@TempDir final Path tmp) throws Exception {
        try (Peer alice = Peer.alice(tmp); Peer bob = Peer.bob(tmp)) {
            alice.knows(bob);
            bob.knows(alice);
            final ChumResult[] first;
            try (Transport.Chums chums = Transport.IN_PROCESS.start(alice, bob, false)) {
                first = chums.results();
            }
            final ChumResult[] second;
            try (Transport.Chums chums = Transport.IN_PROCESS.start(alice, bob, false)) {
                second = chums.results();
            }
            assertEquals(first[0].idHash(), first[1].idHash(), "one Chum ID for both sides");

            final Map<Long, IdHash> atAlice = ChumLog.chumIds(alice.store);
            assertEquals(List.of(first[0].sessionId(), second[0].sessionId()), List.copyOf(atAlice.keySet()),
                "in log order");
            assertEquals(List.of(first[0].idHash(), first[0].idHash()), List.copyOf(atAlice.values()),
                "the same pair and name: the same ID");
            assertEquals(Map.of(first[1].sessionId(), first[1].idHash(), second[1].sessionId(), second[1].idHash()),
                ChumLog.chumIds(bob.store));
            assertEquals(first[0].idHash(), ChumLog.chumIdOf(alice.store, second[0].sessionId()));

            final long end = alice.store.chumRecords().stream().filter(r -> r.type() == ChumLog.END)
                .findFirst().orElseThrow().logIndex();
            final ChumException notStart = assertThrows(ChumException.class,
                () -> ChumLog.chumIdOf(alice.store, end));
            assertEquals(ErrorCode.NOT_FOUND, notStart.errorCode());
        }
    }
}
