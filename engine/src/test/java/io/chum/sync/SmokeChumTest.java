package io.chum.sync;

import io.chum.identity.LocalIdentity;
import io.chum.model.Hash;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SmokeChumTest {
    @ParameterizedTest
    @EnumSource(Transport.class)
    @Timeout(60)
    void shouldTransferAnObject(final Transport transport, @TempDir final Path tmp) throws Exception {
        try (Peer alice = Peer.alice(tmp); Peer bob = Peer.bob(tmp)) {
            alice.knows(bob);
            bob.knows(alice);
            final Hash x = alice.putVersion(LocalIdentity.person("testperson@mail.com"));
            alice.grant(x, bob.person());
            try (Transport.Chums chums = transport.start(alice, bob, false)) {
                final ChumResult[] r = chums.results();
                System.out.println(r[0].toJson());
                System.out.println(r[1].toJson());
                assertTrue(bob.store.containsObject(x));
                assertEquals(r[0].idHash(), r[1].idHash());
            }
        }
    }
}
