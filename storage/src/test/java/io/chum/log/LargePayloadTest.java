package io.chum.log;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.model.Hash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LargePayloadTest {
    private static final long SEED = 4711L;

    @Test
    @Timeout(120)
    void shouldChunkA20MegabyteObjectAndReadItBackByStreamingAndLazily(@TempDir final Path dir) throws IOException {
        final byte[] microdata = new byte[20 << 20];
        new Random(SEED).nextBytes(microdata);
        final Hash hash = TestEvents.sha256(microdata);
        final long index;
        try (EventLog log = EventLog.open(dir, LogConfig.defaults())) {
            index = log.appender().append(new ObjectWritten(hash, "Big", microdata));
        }
        try (EventLog log = EventLog.open(dir, LogConfig.defaults()); LogReader reader = log.reader()) {
            final ObjectWritten read = (ObjectWritten) reader.read(index);
            assertTrue(read.payload().isChunked(), "20 MB is above the inline limit");
            assertEquals(microdata.length, read.payload().length());
            assertEquals(80, read.payload().ref().chunkCount(), "20 MiB in 256 KiB chunks");
            try (InputStream in = reader.openPayload(read.payload().ref())) {
                assertEquals(hash, TestEvents.sha256(in, 1000), "streamed with a small buffer, seed " + SEED);
            }
            assertArrayEquals(microdata, read.microdata(), "loaded lazily, seed " + SEED);
            final List<LogEvent> events = EventLogRoundTripTest.readAllFrom(log, 0);
            assertEquals(List.of(index), events.stream().map(LogEvent::index).toList(), "chunks are not events");
        }
    }

    @Test
    @Timeout(120)
    void shouldStreamA50MegabyteBlobThroughChunksWithOtherRecordsInBetween(@TempDir final Path dir)
        throws IOException {
        final long size = 50L << 20;
        final MessageDigest md = TestEvents.digest();
        final Random random = new Random(SEED);
        final long blobIndex;
        final PayloadRef ref;
        try (EventLog log = EventLog.open(dir, LogConfig.defaults())) {
            final LogAppender appender = log.appender();
            final PayloadWriter blob = appender.newPayload(size);
            final PayloadWriter other = appender.newPayload(-1);
            final byte[] piece = new byte[65_536 + 17];
            final byte[] otherBytes = new byte[300_000];
            random.nextBytes(otherBytes);
            long written = 0;
            for (long i = 0; written < size; i++) {
                final int n = (int) Math.min(piece.length, size - written);
                TestEvents.fill(piece, SEED, i);
                md.update(piece, 0, n);
                blob.write(piece, 0, n);
                written += n;
                if (i % 50 == 0) {
                    appender.append(TestEvents.object("<div>between " + i + "</div>"));
                    other.write(otherBytes, 0, 1000 + random.nextInt(299_000));
                }
            }
            ref = blob.finish();
            other.finish();
            assertEquals(size, ref.length());
            blobIndex = appender.append(new BlobWritten(Hash.ofBytes(md.digest()), false, size, ref));
            appender.commitBatch();
        }
        try (EventLog log = EventLog.open(dir, LogConfig.defaults()); LogReader reader = log.reader()) {
            final BlobWritten event = (BlobWritten) reader.read(blobIndex);
            assertEquals(ref, event.content().ref());
            try (InputStream in = reader.openPayload(event.content().ref())) {
                assertEquals(event.hash(), TestEvents.sha256(in, 777), "seed " + SEED);
            }
        }
    }

    @Test
    @Timeout(60)
    void shouldStoreAnObjectWhosePayloadWasStreamedFirst(@TempDir final Path dir) {
        final byte[] microdata = new byte[1 << 20];
        new Random(SEED).nextBytes(microdata);
        try (EventLog log = EventLog.open(dir, LogConfig.defaults())) {
            final LogAppender appender = log.appender();
            final PayloadRef ref;
            try (PayloadWriter w = appender.newPayload(microdata.length)) {
                for (int off = 0; off < microdata.length; off += 1000) {
                    w.write(microdata, off, Math.min(1000, microdata.length - off));
                }
                ref = w.finish();
            }
            final long index = appender.append(new ObjectWritten(-1, 0, 0, TestEvents.sha256(microdata), "Big",
                Payload.chunked(ref)));
            try (LogReader reader = log.reader()) {
                assertArrayEquals(microdata, ((ObjectWritten) reader.read(index)).microdata(), "seed " + SEED);
            }
        }
    }

    @Test
    @Timeout(60)
    void shouldLinkChunksAppendedOneAtATimeAcrossInterleavedStreams(@TempDir final Path dir) throws IOException {
        try (EventLog log = EventLog.open(dir, LogConfig.defaults())) {
            final LogAppender appender = log.appender();
            final long a = appender.newStreamId();
            final long b = appender.newStreamId();
            final byte[] data = "abcdefghij".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            final long a0 = appender.appendChunk(a, -1, data, 0, 3);
            final long b0 = appender.appendChunk(b, -1, data, 5, 5);
            final long a1 = appender.appendChunk(a, a0, data, 3, 4);
            final long b1 = appender.appendChunk(b, b0, data, 0, 1);
            final long a2 = appender.appendChunk(a, a1, data, 7, 3);
            final PayloadRef refA = new PayloadRef(a, a0, a2, 3, 10);
            final PayloadRef refB = new PayloadRef(b, b0, b1, 2, 6);
            assertArrayEquals(data, log.openPayload(refA).readAllBytes());
            assertArrayEquals("fghija".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                log.openPayload(refB).readAllBytes());
            assertThrows(IllegalArgumentException.class, () -> appender.appendChunk(b, a2, data, 0, 1),
                "a back link into another stream is refused");
            final ChumException damaged = assertThrows(ChumException.class,
                () -> log.openPayload(new PayloadRef(a, a0, a2, 3, 11)).readAllBytes());
            assertEquals(ErrorCode.CORRUPT_RECORD, damaged.errorCode());
            assertFalse(appender.isFailed());
        }
    }
}
