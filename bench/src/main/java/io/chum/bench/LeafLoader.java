package io.chum.bench;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.model.Hash;
import io.chum.model.OneObject;
import io.chum.store.BlobResult;
import io.chum.store.BlobWriter;
import io.chum.store.OneStore;
import io.chum.store.StoreStatus;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stores the leaves of a fast-import stream as BLOBs and remembers each one's hash by its mark.
 *
 * <p>Why threads: a BLOB write returns only after the store's writer thread appended its commit record, so one
 * thread storing 100,000 small BLOBs one after the other pays a thread hand-off per BLOB. With several uploading
 * threads the writer drains many commits per wake-up. Small leaves (≤ {@value #SMALL} bytes) are therefore read
 * into memory by the reading thread and stored by a pool, at most {@value #MAX_IN_FLIGHT} at a time so the heap
 * stays bounded; larger ones are streamed straight from the input on the reading thread, never held whole.
 *
 * <p>The directory objects go through the same pool ({@link #storeAll}): each one's closure check (every leaf
 * looked up) runs on the calling thread, and the first of them run before the JIT has compiled that path.
 *
 * <p>{@link #add}, {@link #hashOf} and {@link #storeAll} are called by one thread. Close to stop the pool.
 */
final class LeafLoader implements AutoCloseable {
    /** Leaves up to this size go through the pool, in memory; larger ones are streamed. */
    static final int SMALL = 64 << 10;
    private static final int MAX_IN_FLIGHT = 1024;

    private final OneStore store;
    private final ExecutorService pool;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final Map<Integer, CompletableFuture<Hash>> byMark = new HashMap<>();
    private final AtomicInteger newBlobs = new AtomicInteger();
    private long bytes;

    LeafLoader(final OneStore store, final int threads) {
        this.store = store;
        final AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            final Thread t = new Thread(r, "bench-leaf-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Stores the {@code size} bytes of {@code data} as the leaf with {@code mark} (asynchronously if small). */
    void add(final int mark, final long size, final InputStream data) throws IOException {
        if (byMark.containsKey(mark)) {
            throw new ChumException(ErrorCode.USAGE, "the fast-import stream reuses mark :" + mark);
        }
        bytes += size;
        if (size > SMALL) {
            byMark.put(mark, CompletableFuture.completedFuture(streamed(data)));
            return;
        }
        final byte[] leaf = data.readNBytes((int) size);
        acquire();
        final CompletableFuture<Hash> hash = CompletableFuture.supplyAsync(() -> stored(leaf), pool);
        hash.whenComplete((h, e) -> inFlight.release());
        byMark.put(mark, hash);
    }

    /** The hash of the leaf with {@code mark}; waits for its write; rethrows the write's failure. */
    Hash hashOf(final int mark) {
        final CompletableFuture<Hash> hash = byMark.get(mark);
        if (hash == null) {
            throw new ChumException(ErrorCode.USAGE, "the fast-import stream names mark :" + mark
                + " before any blob has it");
        }
        try {
            return hash.join();
        } catch (final CompletionException e) {
            throw ChumException.wrap(e.getCause(), ErrorCode.IO);
        }
    }

    /** Waits for every leaf write and rethrows the first failure. */
    void awaitAll() {
        for (final Integer mark : byMark.keySet()) {
            hashOf(mark);
        }
    }

    /** Stores {@code objects} (unversioned) in the pool; returns their hashes in the same order. */
    List<Hash> storeAll(final List<OneObject> objects) {
        final List<CompletableFuture<Hash>> futures = new ArrayList<>(objects.size());
        for (final OneObject obj : objects) {
            futures.add(CompletableFuture.supplyAsync(() -> store.storeObject(obj).hash(), pool));
        }
        final List<Hash> hashes = new ArrayList<>(objects.size());
        for (final CompletableFuture<Hash> f : futures) {
            try {
                hashes.add(f.join());
            } catch (final CompletionException e) {
                throw ChumException.wrap(e.getCause(), ErrorCode.IO);
            }
        }
        return hashes;
    }

    /** Number of leaves added. */
    int leaves() {
        return byMark.size();
    }

    /** Leaves that were not in the store before. */
    int newBlobs() {
        return newBlobs.get();
    }

    /** Bytes of all leaves added. */
    long bytes() {
        return bytes;
    }

    private Hash stored(final byte[] leaf) {
        return counted(store.storeBlob(new ByteArrayInputStream(leaf)));
    }

    private Hash streamed(final InputStream data) {
        try (BlobWriter writer = store.openBlobWriter(false, 0)) {
            writer.transferFrom(data);
            return counted(writer.commit(null));
        }
    }

    private Hash counted(final BlobResult result) {
        if (result.status() == StoreStatus.NEW) {
            newBlobs.incrementAndGet();
        }
        return result.hash();
    }

    private void acquire() {
        try {
            inFlight.acquire();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChumException(ErrorCode.INTERRUPTED, "interrupted while loading leaves", e);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
