package io.chum.importer;

import io.chum.ChumException;
import io.chum.model.Hash;
import io.chum.protocol.Ack;
import io.chum.protocol.EntryKind;
import io.chum.protocol.FullSyncAck;
import io.chum.protocol.Message;
import io.chum.protocol.MessageSink;
import io.chum.protocol.OfferEntry;
import io.chum.protocol.Want;
import io.chum.store.OneStore;
import io.chum.store.StoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Commit groups: batches that queue up behind each other are forced to disk together, and ACKed only after. */
@Timeout(60)
class ImportCommitterTest {
    private static final int BLOB_BYTES = 1024;

    @Test
    void shouldForceQueuedBatchesOncePerGroupAndAckThemInOrderAfterTheForce(@TempDir final Path dir) throws Exception {
        try (OneStore store = OneStore.create(dir.resolve("store"), StoreConfig.defaults())) {
            final Recording sink = new Recording(store);
            final ImportCommitter committer = new ImportCommitter(store, sink, new Listener(), 1);
            final int batches = 3 * ImportCommitter.GROUP_BATCHES + 1;
            final List<Hash> stored = new ArrayList<>();
            for (int b = 1; b <= batches; b++) {
                stored.add(queueBlobBatch(committer, b));
            }
            committer.submitFullSync(42);
            committer.inputEnded();
            final long forcesBefore = store.forceCount();
            // Everything is queued before the thread starts, so the groups are exactly full ones plus the rest.
            committer.run();

            final long groups = (batches + ImportCommitter.GROUP_BATCHES - 1) / ImportCommitter.GROUP_BATCHES;
            assertEquals(groups, store.forceCount() - forcesBefore, "one force per group of queued batches");
            assertEquals(batches + 1, sink.messages.size(), () -> "an ACK per batch and the FULL_SYNC_ACK: "
                + sink.messages);
            for (int b = 1; b <= batches; b++) {
                final Ack ack = assertInstanceOf(Ack.class, sink.messages.get(b - 1));
                assertEquals(b, ack.batchId(), "ACKs in batch order");
                assertEquals(1, ack.stored());
                assertTrue(sink.forcesAtSend.get(b - 1) > forcesBefore, "batch " + b + " was ACKed before a force");
            }
            assertInstanceOf(FullSyncAck.class, sink.messages.get(batches));
            for (final Hash h : stored) {
                assertTrue(store.containsBlob(h), h::toString);
            }
        }
    }

    @Test
    void shouldAckTheGroupBeforeAFailingBatchEndsTheImport(@TempDir final Path dir) throws Exception {
        try (OneStore store = OneStore.create(dir.resolve("store"), StoreConfig.defaults())) {
            final Recording sink = new Recording(store);
            final Listener listener = new Listener();
            final ImportCommitter committer = new ImportCommitter(store, sink, listener, 1);
            final Hash good = queueBlobBatch(committer, 1);
            // batch 2 claims a hash its bytes do not have
            final byte[] bytes = blob(2);
            bytes[0] ^= 1;
            queueBatch(committer, 2, bytes, sha256(blob(2)));
            committer.inputEnded();
            committer.run();

            assertEquals(1, sink.messages.size(), sink.messages::toString);
            assertEquals(1, assertInstanceOf(Ack.class, sink.messages.get(0)).batchId());
            assertTrue(store.containsBlob(good));
            assertEquals(1, listener.failures.size(), "the bad batch ends the import");
            assertEquals("CS-HASH-MISMATCH", listener.failures.get(0).errorCode().code());
        }
    }

    private static Hash queueBlobBatch(final ImportCommitter committer, final int id) throws Exception {
        final byte[] bytes = blob(id);
        final Hash hash = sha256(bytes);
        queueBatch(committer, id, bytes, hash);
        return hash;
    }

    private static void queueBatch(final ImportCommitter committer, final int id, final byte[] bytes,
                                   final Hash claimed) {
        final IncomingBatch batch = new IncomingBatch(id, List.of(new OfferEntry(EntryKind.BLOB, claimed,
            bytes.length)), Want.of(id, new boolean[] {true}));
        batch.completeWith(bytes, 0, bytes.length);
        committer.submit(batch);
    }

    private static byte[] blob(final int id) {
        final byte[] b = new byte[BLOB_BYTES];
        Arrays.fill(b, (byte) id);
        return b;
    }

    private static Hash sha256(final byte[] bytes) throws Exception {
        return Hash.ofBytes(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** Records what the committer sends, and how many forces the store had made when it did. */
    private static final class Recording implements MessageSink {
        final List<Message> messages = new CopyOnWriteArrayList<>();
        final List<Long> forcesAtSend = new CopyOnWriteArrayList<>();
        private final OneStore store;

        Recording(final OneStore store) {
            this.store = store;
        }

        @Override
        public void send(final Message message) {
            forcesAtSend.add(store.forceCount());
            messages.add(message);
        }

        @Override
        public void sendEncoded(final byte type, final byte[] payload) {
            throw new AssertionError("the committer sends messages, not encoded frames");
        }

        @Override
        public long queuedBytes() {
            return 0;
        }
    }

    private static final class Listener implements ImporterListener {
        final List<ChumException> failures = new CopyOnWriteArrayList<>();

        @Override
        public void entriesPresent(final int count) {
        }

        @Override
        public void remoteProgress(final long totalEntries, final long totalBytes) {
        }

        @Override
        public void batchCommitted(final CommittedBatch batch) {
        }

        @Override
        public void importerFullSync(final long snapshotTimestamp) {
        }

        @Override
        public void importerDrained() {
        }

        @Override
        public void importerFailed(final ChumException error) {
            failures.add(error);
        }
    }
}
