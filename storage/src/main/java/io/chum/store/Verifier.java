package io.chum.store;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.log.BlobWritten;
import io.chum.log.IdObjectWritten;
import io.chum.log.LogEvent;
import io.chum.log.ObjectWritten;
import io.chum.microdata.Microdata;
import io.chum.microdata.MicrodataParser;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.OneObject;
import io.chum.model.Reference;
import io.chum.model.Sha256;
import io.chum.model.Sha256Value;
import io.chum.projection.ObjectIndex;
import io.chum.projection.Projections;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * {@link OneStore#verify}: walks the object index in log order and, for every entry, re-reads its record, checks
 * that it is the record the index names, re-hashes the content (objects, ID objects, BLOB and CLOB bytes),
 * parses objects and ID objects with the strict parser, checks that CLOBs are UTF-8 and that every reference
 * names an entry written earlier in the log; then checks that every version head names a stored version node of
 * its ID. Each problem is reported with its hash and a code; nothing stops the walk.
 *
 * <p>{@link #verify} runs on several threads, each with its own instance, reader and parser, which claim chunks of
 * {@value #CHUNK} entries in turn: the work is the SHA-256 of every byte and a lookup of every reference in the
 * object index at memory latency, both of which scale with cores, and it is uneven (a directory of a million-object
 * store references about 3 900 BLOBs), so fixed ranges would leave a thread idle (docs/benchmarks.md §6.10). The
 * calling thread takes chunks too and reports progress; the problems are put in index order, so the report is the
 * same whatever the number of threads. An instance is NOT thread-safe: one per thread.
 */
final class Verifier {
    /** Entries claimed at a time by a thread, and so the steps of progress. */
    private static final int CHUNK = 1024;
    /** Below this many entries per thread, fewer threads: each costs a start, a reader and a cold JIT profile. */
    static final int MIN_ENTRIES_PER_THREAD = 16_384;

    private final StoreReader reader;
    private final Projections projections;
    private final ObjectIndex index;
    private final MicrodataParser parser;
    private final List<VerifyProblem> problems = new ArrayList<>();
    /** Holds a BLOB of up to 1 MiB whole, or one piece of a larger one. */
    private final byte[] buffer = new byte[1 << 20];
    /** One digest for every BLOB: looking one up per BLOB cost more than hashing a small BLOB. */
    private final MessageDigest digest = Sha256.newDigest();
    private long objects;
    private long idObjects;
    private long blobs;
    private long clobs;
    /** For each of {@link #problems}, the entry being checked when it was found ({@code MAX_VALUE}: the heads). */
    private final List<Integer> problemEntries = new ArrayList<>();
    /** The entry being checked. */
    private int current;

    Verifier(final StoreReader reader, final Projections projections) {
        this.reader = reader;
        this.projections = projections;
        this.index = projections.index();
        this.parser = new MicrodataParser(projections.registry());
    }

    /**
     * Verifies the entries indexed when it starts and the version heads, on up to {@code threads} threads (at least
     * {@code minPerThread} entries each); {@code listener} is called on the calling thread.
     *
     * @param newReader opens a reader; called on each thread that reads, which also closes it
     */
    static VerifyReport verify(final Supplier<StoreReader> newReader, final Projections projections,
                               final VerifyListener listener, final int threads, final int minPerThread) {
        final int total = projections.index().size();
        final int count = Math.max(1, Math.min(threads, total / Math.max(1, minPerThread)));
        final Shared shared = new Shared(total);
        final List<Worker> workers = new ArrayList<>();
        final Verifier first;
        try (StoreReader reader = newReader.get()) {
            first = new Verifier(reader, projections);
            try {
                for (int k = 1; k < count; k++) {
                    final Worker w = new Worker(newReader, projections, shared);
                    w.thread = new Thread(w::run, "chum-verify-" + k);
                    w.thread.setDaemon(true);
                    workers.add(w);
                    w.thread.start();
                }
                first.checkChunks(shared, listener);
                for (final Worker w : workers) {
                    while (w.thread.isAlive()) {
                        listener.onProgress(shared.checked.get(), total);
                        w.thread.join(100);
                    }
                }
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ChumException(ErrorCode.INTERRUPTED, "interrupted while verifying", e);
            } finally {
                // A failure here, or an interrupt, must not leave readers running behind the caller's back.
                shared.stop.set(true);
                joinAll(workers);
            }
            for (final Worker w : workers) {
                rethrow(w.failure);
            }
            first.current = Integer.MAX_VALUE;
            first.checkHeads();
        }
        listener.onProgress(total, total);
        final List<Verifier> all = new ArrayList<>();
        all.add(first);
        workers.forEach(w -> all.add(w.verifier));
        return report(all);
    }

    /** Checks chunks of entries, taking the next unclaimed one until none is left; reports progress if asked. */
    private void checkChunks(final Shared shared, final VerifyListener listener) {
        for (int from = shared.claim(); from < shared.total && !shared.stop.get(); from = shared.claim()) {
            final int to = Math.min(shared.total, from + CHUNK);
            for (current = from; current < to; current++) {
                checkEntry(current);
            }
            final long done = shared.checked.addAndGet(to - from);
            if (listener != null) {
                listener.onProgress(done, shared.total);
            }
        }
    }

    private void checkEntry(final int e) {
        final Sha256Value key = index.key(e);
        try {
            final LogEvent event = reader.read(index.logIndex(e));
            switch (index.kind(e)) {
                case ObjectIndex.KIND_OBJECT -> checkObject(e, (Hash) key, event);
                case ObjectIndex.KIND_ID_OBJECT -> checkIdObject(e, (IdHash) key, event);
                default -> checkBlob(e, (Hash) key, event);
            }
        } catch (final ChumException ex) {
            problem(key, ex.errorCode(), ex.reason());
        }
    }

    /** The threads' findings in index order (each entry was checked by one thread, in its order), heads last. */
    private static VerifyReport report(final List<Verifier> verifiers) {
        long objects = 0;
        long idObjects = 0;
        long blobs = 0;
        long clobs = 0;
        final List<Found> found = new ArrayList<>();
        for (final Verifier v : verifiers) {
            objects += v.objects;
            idObjects += v.idObjects;
            blobs += v.blobs;
            clobs += v.clobs;
            for (int i = 0; i < v.problems.size(); i++) {
                found.add(new Found(v.problemEntries.get(i), v.problems.get(i)));
            }
        }
        found.sort(Comparator.comparingInt(Found::entry));
        return new VerifyReport(objects, idObjects, blobs, clobs, found.stream().map(Found::problem).toList());
    }

    private static void joinAll(final List<Worker> workers) {
        boolean interrupted = false;
        for (final Worker w : workers) {
            while (w.thread.isAlive()) {
                try {
                    w.thread.join();
                } catch (final InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void rethrow(final Throwable failure) {
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw new ChumException(ErrorCode.INTERNAL, "verifying failed: " + failure, failure);
        }
    }

    /** A problem and the index entry whose check found it. */
    private record Found(int entry, VerifyProblem problem) {
    }

    /** What the threads of one verification share: the next chunk to claim, progress, and the stop flag. */
    private static final class Shared {
        final int total;
        final AtomicInteger nextChunk = new AtomicInteger();
        final AtomicLong checked = new AtomicLong();
        final AtomicBoolean stop = new AtomicBoolean();

        Shared(final int total) {
            this.total = total;
        }

        /** The first entry of the next unclaimed chunk (≥ total when none is left). */
        int claim() {
            return (int) Math.min(Integer.MAX_VALUE, (long) nextChunk.getAndIncrement() * CHUNK);
        }
    }

    /** A thread besides the caller's, with its own reader and verifier. */
    private static final class Worker {
        private final Supplier<StoreReader> newReader;
        private final Projections projections;
        private final Shared shared;
        Thread thread;
        /** Written by the worker's thread, read by the caller after joining it. */
        Verifier verifier;
        Throwable failure;

        Worker(final Supplier<StoreReader> newReader, final Projections projections, final Shared shared) {
            this.newReader = newReader;
            this.projections = projections;
            this.shared = shared;
        }

        void run() {
            try (StoreReader reader = newReader.get()) {
                verifier = new Verifier(reader, projections);
                verifier.checkChunks(shared, null);
            } catch (final Throwable t) {
                // Handed to the calling thread, which rethrows it; the other threads stop at their next chunk.
                failure = t;
                shared.stop.set(true);
            }
        }
    }

    private void checkObject(final int entry, final Hash hash, final LogEvent event) {
        objects++;
        if (!(event instanceof ObjectWritten o) || !o.hash().equals(hash)) {
            misplaced(entry, hash, event);
            return;
        }
        final byte[] md = o.microdata();
        final Hash actual = Sha256.hash(md);
        if (!actual.equals(hash)) {
            problem(hash, ErrorCode.HASH_MISMATCH, "object at 0x" + Long.toHexString(o.index()) + " hashes to "
                + actual);
            return;
        }
        final OneObject obj = parse(hash, md, false);
        if (obj != null) {
            checkType(entry, hash, obj.type(), o.type());
        }
        checkReferences(entry, hash, md);
    }

    private void checkIdObject(final int entry, final IdHash idHash, final LogEvent event) {
        idObjects++;
        if (!(event instanceof IdObjectWritten o) || !o.idHash().equals(idHash)) {
            misplaced(entry, idHash, event);
            return;
        }
        final byte[] md = o.idMicrodata();
        final IdHash actual = Sha256.idHash(md);
        if (!actual.equals(idHash)) {
            problem(idHash, ErrorCode.HASH_MISMATCH, "ID object at 0x" + Long.toHexString(o.index())
                + " hashes to " + actual);
            return;
        }
        final OneObject obj = parse(idHash, md, true);
        if (obj != null) {
            checkType(entry, idHash, obj.type(), o.type());
        }
        checkReferences(entry, idHash, md);
    }

    private void checkBlob(final int entry, final Hash hash, final LogEvent event) {
        if (!(event instanceof BlobWritten b) || !b.hash().equals(hash)) {
            blobs++;
            misplaced(entry, hash, event);
            return;
        }
        if (b.clob()) {
            clobs++;
        } else {
            blobs++;
        }
        digest.reset();
        final Utf8Validator utf8 = b.clob() ? new Utf8Validator() : null;
        long size = 0;
        if (!b.content().isChunked()) {
            // Small bytes are in the record just read: hashing them there spares reading the record again.
            final byte[] bytes = b.content().bytes();
            digest.update(bytes);
            if (utf8 != null) {
                utf8.update(bytes, 0, bytes.length);
            }
            size = bytes.length;
        } else if (b.size() <= buffer.length) {
            // Through the reader's own tailer: a stream per BLOB would create a Chronicle tailer each, which
            // makes verifying tens of thousands of small BLOBs take minutes.
            final int n;
            try {
                n = reader.readBlob(hash, buffer, 0);
            } catch (final ChumException e) {
                problem(hash, e.errorCode(), "cannot read the BLOB: " + e.getMessage());
                return;
            }
            digest.update(buffer, 0, n);
            if (utf8 != null) {
                utf8.update(buffer, 0, n);
            }
            size = n;
        } else {
            try (InputStream in = reader.openBlob(hash)) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    digest.update(buffer, 0, n);
                    if (utf8 != null) {
                        utf8.update(buffer, 0, n);
                    }
                    size += n;
                }
            } catch (final IOException e) {
                problem(hash, ErrorCode.IO, "cannot read the BLOB: " + ChumException.describe(e));
                return;
            }
        }
        final Hash actual = Hash.ofBytes(digest.digest());
        if (!actual.equals(hash) || size != b.size()) {
            problem(hash, ErrorCode.HASH_MISMATCH, (b.clob() ? "CLOB" : "BLOB") + " of " + size + " bytes at 0x"
                + Long.toHexString(b.index()) + " hashes to " + actual);
        } else if (utf8 != null && !utf8.isComplete()) {
            problem(hash, ErrorCode.BAD_CLOB, "CLOB is not valid UTF-8 at byte " + utf8.problemOffset());
        }
    }

    private OneObject parse(final Sha256Value hash, final byte[] md, final boolean idObject) {
        try {
            return idObject ? parser.parseIdObject(md) : parser.parse(md);
        } catch (final ChumException e) {
            problem(hash, e.errorCode(), e.reason());
            return null;
        }
    }

    private void checkType(final int entry, final Sha256Value hash, final String parsed, final String recorded) {
        final String indexed = projections.types().name(index.typeId(entry));
        if (!parsed.equals(recorded) || !parsed.equals(indexed)) {
            problem(hash, ErrorCode.CORRUPT_RECORD, "type " + parsed + " in the microdata, " + recorded
                + " in the record, " + indexed + " in the index");
        }
    }

    /** Every reference must name an entry written before this one (so any prefix of the log is closed). */
    private void checkReferences(final int entry, final Sha256Value hash, final byte[] md) {
        final long at = index.logIndex(entry);
        final List<Reference> references;
        try {
            references = Microdata.references(md);
        } catch (final ChumException e) {
            problem(hash, e.errorCode(), e.reason());
            return;
        }
        for (final Reference r : references) {
            final int target = switch (r.kind()) {
                case OBJ, ID -> index.findObject(r.target());
                case BLOB, CLOB -> index.findBlob(r.target());
            };
            final boolean rightKind = target >= 0 && switch (r.kind()) {
                case OBJ -> index.kind(target) == ObjectIndex.KIND_OBJECT;
                case ID -> index.kind(target) == ObjectIndex.KIND_ID_OBJECT;
                case BLOB, CLOB -> true;
            };
            if (!rightKind) {
                problem(hash, ErrorCode.MISSING_REFERENCE, "references the missing " + r.kind().dataType() + " "
                    + r.target());
            } else if (index.logIndex(target) >= at) {
                problem(hash, ErrorCode.MISSING_REFERENCE, "references " + r.kind().dataType() + " " + r.target()
                    + ", which is written after it (0x" + Long.toHexString(index.logIndex(target)) + ")");
            }
        }
    }

    private void checkHeads() {
        for (final Map.Entry<IdHash, List<VersionHead>> e : projections.heads().snapshot().entrySet()) {
            if (!index.containsIdObject(e.getKey())) {
                problem(e.getKey(), ErrorCode.MISSING_REFERENCE, "has version heads but no ID object");
            }
            for (final VersionHead h : e.getValue()) {
                checkHead(e.getKey(), h);
            }
        }
    }

    private void checkHead(final IdHash id, final VersionHead head) {
        try {
            final VersionNode node = VersionNode.of(head.node(), parser.parse(reader.readMicrodata(head.node())));
            final byte[] data = reader.readMicrodata(node.data());
            final IdHash dataId = Sha256.idHash(Microdata.extractIdMicrodata(data,
                projections.registry().recipe(Microdata.typeOf(data))));
            if (!node.data().equals(head.data()) || !dataId.equals(id)) {
                problem(head.node(), ErrorCode.CORRUPT_RECORD, "head of " + id + " names data " + head.data()
                    + ", the node names " + node.data() + " of ID " + dataId);
            }
        } catch (final ChumException e) {
            problem(head.node(), e.errorCode(), "head of " + id + ": " + e.reason());
        }
    }

    private void misplaced(final int entry, final Sha256Value hash, final LogEvent event) {
        problem(hash, ErrorCode.CORRUPT_RECORD, "the index names log record 0x"
            + Long.toHexString(index.logIndex(entry)) + ", which holds " + event.getClass().getSimpleName());
    }

    private void problem(final Sha256Value hash, final ErrorCode code, final String message) {
        problems.add(new VerifyProblem(hash, code, message));
        problemEntries.add(current);
    }
}
