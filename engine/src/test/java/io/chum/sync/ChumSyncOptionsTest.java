package io.chum.sync;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.transport.Connection;
import io.chum.transport.InProcessTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Options a chum could only fail with are refused when they are built ({@code CS-INIT1}), before anything runs. */
class ChumSyncOptionsTest {

    @Test
    @Timeout(60)
    void shouldRefuseNamesLongerThanHelloCarriesAndDelaysBelowOneMillisecond(@TempDir final Path tmp) {
        try (Peer alice = Peer.alice(tmp); Peer bob = Peer.bob(tmp)) {
            final Connection[] pair = InProcessTransport.pair(alice.identity.keys().peerKey(),
                bob.identity.keys().peerKey());
            final ChumSyncOptions.Builder options = alice.options(bob).connection(pair[0]);
            assertEquals(1024, options.chumName("n".repeat(1024)).build().chumName().length(), "1 KiB is carried");
            assertRefused("a chum name of at most 1024 UTF-8 bytes, not 1025",
                options.chumName("n".repeat(1023) + "é"));
            assertRefused("maxNotificationDelay of at least 1 ms, not 0",
                options.chumName("ok").maxNotificationDelay(0));
        }
    }

    private static void assertRefused(final String what, final ChumSyncOptions.Builder options) {
        final ChumException e = assertThrows(ChumException.class, options::build);
        assertEquals(ErrorCode.BAD_OPTIONS, e.errorCode());
        assertTrue(e.getMessage().contains(what), e.getMessage());
    }
}
