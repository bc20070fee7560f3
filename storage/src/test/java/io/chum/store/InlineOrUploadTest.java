package io.chum.store;

import io.chum.model.Hash;
import io.chum.model.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static io.chum.store.TestStores.config;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class InlineOrUploadTest {
    private static final int LIMIT = 1000;

    @Test
    @Timeout(60)
    void shouldHoldExactlyTheLimitWithoutOpeningAnUpload(@TempDir final Path dir) {
        try (OneStore store = OneStore.create(dir, config())) {
            final AtomicInteger opened = new AtomicInteger();
            final InlineOrUpload sink = new InlineOrUpload(LIMIT, () -> {
                opened.incrementAndGet();
                return store.openBlobWriter(false, 0);
            });
            writeInPieces(sink, bytes(LIMIT), 7);
            assertNull(sink.upload());
            assertEquals(0, opened.get());
        }
    }

    @Test
    @Timeout(60)
    void shouldMoveEverythingIntoOneUploadFromTheFirstByteBeyondTheLimit(@TempDir final Path dir) throws IOException {
        for (final int piece : new int[] {1, 7, LIMIT, LIMIT + 1, 5 * LIMIT}) {
            try (OneStore store = OneStore.create(dir.resolve("p" + piece), config())) {
                final AtomicInteger opened = new AtomicInteger();
                final InlineOrUpload sink = new InlineOrUpload(LIMIT, () -> {
                    opened.incrementAndGet();
                    return store.openBlobWriter(false, 0);
                });
                final byte[] data = bytes(5 * LIMIT + 3);
                writeInPieces(sink, data, piece);
                assertNotNull(sink.upload(), "piece " + piece);
                assertEquals(1, opened.get(), "piece " + piece);
                final Hash hash = sink.upload().seal();
                assertEquals(Sha256.hash(data), hash, "piece " + piece);
                sink.upload().commit(hash);
                try (InputStream in = store.openBlob(hash)) {
                    assertArrayEquals(data, in.readAllBytes(), "piece " + piece);
                }
            }
        }
    }

    @Test
    @Timeout(60)
    void shouldTakeSingleBytesAcrossTheLimit(@TempDir final Path dir) {
        try (OneStore store = OneStore.create(dir, config())) {
            final InlineOrUpload sink = new InlineOrUpload(LIMIT, () -> store.openBlobWriter(false, 0));
            final byte[] data = bytes(LIMIT + 1);
            for (final byte b : data) {
                sink.write(b);
            }
            assertEquals(Sha256.hash(data), sink.upload().seal());
            sink.abort();
        }
    }

    private static void writeInPieces(final InlineOrUpload sink, final byte[] data, final int piece) {
        for (int off = 0; off < data.length; off += piece) {
            sink.write(data, off, Math.min(piece, data.length - off));
        }
    }

    private static byte[] bytes(final int n) {
        final byte[] b = new byte[n];
        new SplittableRandom(n).nextBytes(b);
        return b;
    }
}
