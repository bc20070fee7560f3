package io.chum.sync;

import io.chum.ErrorCode;
import io.chum.model.Hash;
import io.chum.store.VerifyListener;
import io.chum.testing.ChildJvm;
import io.chum.transport.Connection;
import io.chum.transport.TcpTransport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 of the importing side in the middle of a chum: its store reopens without holes, the interrupted chum is
 * logged on reopening, the exporting side records the dropped connection, and the next chum completes the transfer.
 */
@Tag("slow")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class CrashTest {
    private static final int OBJECTS = 20_000;

    @Test
    void shouldRecoverFromAKilledImporter(@TempDir final Path tmp) throws Exception {
        try (Peer alice = Peer.alice(tmp)) {
            final Path bobDir;
            final Peer bobBefore = Peer.bob(tmp);
            bobDir = bobBefore.dir;
            alice.knows(bobBefore);
            bobBefore.knows(alice);
            final io.chum.model.IdHash bobPerson = bobBefore.person();
            bobBefore.close();
            final List<Hash> leaves = new ArrayList<>();
            for (int i = 0; i < OBJECTS; i++) {
                leaves.add(alice.put(ChumTests.blobAttachment("leaf/" + i, ChumTests.blob(alice.store, 64, i))));
            }
            final Hash root = alice.put(ChumTests.referenceTest(leaves, List.of(), List.of()));
            alice.grant(root, bobPerson);

            final ChumResult interrupted;
            try (ChildJvm child = ChildJvm.start(ServeChildMain.class, List.of(), bobDir.toString())) {
                final int port = Integer.parseInt(child.awaitLine("PORT ").substring(5).trim());
                final Connection connection = TcpTransport.connect("127.0.0.1", port, alice.tls(),
                    Duration.ofSeconds(10));
                final CountDownLatch midway = new CountDownLatch(1);
                final ChumApi chum = ChumSync.createChum(ChumSyncOptions.builder()
                    .store(alice.store).identity(alice.identity).remotePersonId(bobPerson).chumName("MochaTest")
                    .connection(connection).errorHandler(alice.backgroundErrors::add)
                    .progressListener(p -> {
                        if (p.sentEntries() >= OBJECTS / 4) {
                            midway.countDown();
                        }
                    }).build());
                assertTrue(midway.await(120, TimeUnit.SECONDS), "the transfer got going");
                child.kill();
                interrupted = chum.result().get(60, TimeUnit.SECONDS);
            }
            assertEquals(1, interrupted.errors().size(), "" + interrupted.errors());
            assertTrue(List.of(ErrorCode.CONNECTION_CLOSED.code(), ErrorCode.TLS.code(), ErrorCode.IO.code())
                .contains(interrupted.errors().get(0).code()), "" + interrupted.errors());
            assertTrue(interrupted.fullSync(), "Alice's own importer had nothing to wait for");

            try (Peer bob = Peer.open(bobDir, "bob@mail.com")) {
                assertTrue(bob.store.verify(VerifyListener.NONE).ok(), "no holes after kill -9");
                final int before = bob.store.size();
                final List<ChumResult> recovered = ChumLog.recoverInterrupted(bob.store);
                assertEquals(1, recovered.size());
                assertEquals(ErrorCode.INTERRUPTED.code(), recovered.get(0).errors().get(0).code());
                assertTrue(recovered.get(0).received().objects() > 0, "batches committed before the kill count");
                try (Transport.Chums chums = Transport.IN_PROCESS.start(alice, bob, false)) {
                    final ChumResult[] r = chums.results();
                    ChumTests.assertClean(r, alice, bob);
                    assertTrue(r[1].exists() == 0 || r[1].exists() < OBJECTS, "probes spared what Bob had");
                    System.out.printf("before the kill Bob stored %d objects; the next chum sent %d entries%n",
                        recovered.get(0).received().objects(), r[0].sent().total());
                    assertTrue(r[0].sent().objects() < OBJECTS + 1, "what Bob had was not sent again");
                }
                assertTrue(Reach.closureOf(alice.store, root).allIn(bob.store));
                assertTrue(bob.store.size() > before);
                ChumTests.assertVerifies(bob);
            }
        }
    }
}
