package io.chum.store;

import io.chum.log.BlobWritten;
import io.chum.log.LogConfig;
import io.chum.model.Hash;
import io.chum.model.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Small BLOBs live in their commit record (format version 2), larger ones in chunk records: both read back the same,
 * before and after reopening, and whichever way they were stored.
 */
class InlineBlobTest {
    private static final long ORIGIN = 77;

    @Test
    @Timeout(60)
    void shouldKeepBlobsUpToTheInlineLimitInTheirCommitRecord(@TempDir final Path dir) throws Exception {
        final byte[] small = bytes(1000, 1);
        final byte[] atLimit = bytes(BlobWriter.INLINE_LIMIT, 2);
        final byte[] aboveLimit = bytes(BlobWriter.INLINE_LIMIT + 1, 3);
        final byte[] empty = new byte[0];
        try (OneStore store = OneStore.create(dir, TestStores.config())) {
            for (final byte[] b : List.of(small, atLimit, aboveLimit, empty)) {
                assertEquals(StoreStatus.NEW, store.storeBlob(new ByteArrayInputStream(b)).status());
            }
            assertLayout(store, small, false);
            assertLayout(store, atLimit, false);
            assertLayout(store, aboveLimit, true);
            assertLayout(store, empty, false);
            assertEquals(StoreStatus.EXISTS, store.storeBlob(new ByteArrayInputStream(small)).status());
        }
        try (OneStore store = OneStore.open(dir, TestStores.config())) {
            assertLayout(store, small, false);
            assertLayout(store, aboveLimit, true);
            assertLayout(store, empty, false);
            assertTrue(store.verify(VerifyListener.NONE).ok());
        }
    }

    @Test
    @Timeout(60)
    void shouldChunkASmallBlobThatFilledAChunkAlready(@TempDir final Path dir) throws Exception {
        final int chunk = 4096;
        final StoreConfig config = TestStores.config().withLog(LogConfig.defaults().withChunkSize(chunk));
        final byte[] underChunk = bytes(chunk - 1, 4);
        final byte[] oneChunk = bytes(chunk, 5);
        final byte[] twoChunks = bytes(2 * chunk + 5, 6);
        try (OneStore store = OneStore.create(dir, config)) {
            for (final byte[] b : List.of(underChunk, oneChunk, twoChunks)) {
                store.storeBlob(new ByteArrayInputStream(b));
            }
            assertLayout(store, underChunk, false);
            assertLayout(store, oneChunk, true);
            assertLayout(store, twoChunks, true);
        }
    }

    @Test
    @Timeout(60)
    void shouldInlineSmallImportedBlobsAndChunkLargerOnes(@TempDir final Path dir) throws Exception {
        final byte[] small = bytes(900, 7);
        final byte[] large = bytes(BlobWriter.INLINE_LIMIT + 100, 8);
        final byte[] text = "Grüße".getBytes(StandardCharsets.UTF_8);
        try (OneStore store = OneStore.create(dir, TestStores.config())) {
            final ImportResult result = store.importBatch(List.of(
                VerifiedEntry.blob(small, 0, small.length, Sha256.hash(small), false),
                VerifiedEntry.blob(large, 0, large.length, Sha256.hash(large), false),
                VerifiedEntry.blob(text, 0, text.length, Sha256.hash(text), true)), ORIGIN);
            assertEquals(3, result.stored());
            assertLayout(store, small, false);
            assertLayout(store, large, true);
            assertLayout(store, text, false);
            final BlobWritten clob = store.blobInfo(Sha256.hash(text));
            assertTrue(clob.clob());
            assertEquals(ORIGIN, clob.origin());
        }
    }

    @Test
    @Timeout(60)
    void shouldAppendNothingForAnAbortedSmallUpload(@TempDir final Path dir) {
        try (OneStore store = OneStore.create(dir, TestStores.config())) {
            TestStores.storePerson(store, "a@b.c");
            final long end = store.logEnd();
            final byte[] b = bytes(500, 9);
            try (BlobWriter upload = store.openBlobWriter(false, 0)) {
                upload.write(b, 0, b.length);
                upload.seal();
            }
            assertEquals(end, store.logEnd(), "a small upload reaches the log only with its commit");
            assertFalse(store.containsBlob(Sha256.hash(b)));
        }
    }

    /** Reads {@code bytes} back both ways and checks whether its commit record holds them or references chunks. */
    private static void assertLayout(final OneStore store, final byte[] bytes, final boolean chunked)
        throws Exception {
        final Hash hash = Sha256.hash(bytes);
        final BlobWritten info = store.blobInfo(hash);
        assertEquals(chunked, info.content().isChunked(), bytes.length + " bytes");
        assertEquals(bytes.length, info.size());
        try (InputStream in = store.openBlob(hash)) {
            assertArrayEquals(bytes, in.readAllBytes());
        }
        final byte[] dst = new byte[bytes.length + 3];
        try (StoreReader reader = store.newReader()) {
            assertEquals(bytes.length, reader.readBlob(hash, dst, 3));
        }
        assertArrayEquals(bytes, Arrays.copyOfRange(dst, 3, dst.length));
    }

    private static byte[] bytes(final int n, final long seed) {
        final byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
