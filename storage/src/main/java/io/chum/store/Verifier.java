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
import java.util.List;
import java.util.Map;

/**
 * {@link OneStore#verify}: walks the object index in log order and, for every entry, re-reads its record, checks
 * that it is the record the index names, re-hashes the content (objects, ID objects, BLOB and CLOB bytes),
 * parses objects and ID objects with the strict parser, checks that CLOBs are UTF-8 and that every reference
 * names an entry written earlier in the log; then checks that every version head names a stored version node of
 * its ID. Each problem is reported with its hash and a code; nothing stops the walk. Runs on the calling
 * thread with its own reader; not thread-safe.
 */
final class Verifier {
    private static final int PROGRESS_EVERY = 1024;

    private final StoreReader reader;
    private final Projections projections;
    private final ObjectIndex index;
    private final MicrodataParser parser;
    private final List<VerifyProblem> problems = new ArrayList<>();
    /** Holds a BLOB of up to 1 MiB whole, or one piece of a larger one. */
    private final byte[] buffer = new byte[1 << 20];
    private long objects;
    private long idObjects;
    private long blobs;
    private long clobs;

    Verifier(final StoreReader reader, final Projections projections) {
        this.reader = reader;
        this.projections = projections;
        this.index = projections.index();
        this.parser = new MicrodataParser(projections.registry());
    }

    VerifyReport run(final VerifyListener listener) {
        final int total = index.size();
        for (int e = 0; e < total; e++) {
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
            if ((e + 1) % PROGRESS_EVERY == 0) {
                listener.onProgress(e + 1, total);
            }
        }
        checkHeads();
        listener.onProgress(total, total);
        return new VerifyReport(objects, idObjects, blobs, clobs, problems);
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
        final MessageDigest digest = Sha256.newDigest();
        final Utf8Validator utf8 = b.clob() ? new Utf8Validator() : null;
        long size = 0;
        if (b.size() <= buffer.length) {
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
                problem(hash, ErrorCode.IO, "cannot read the BLOB: " + e.getMessage());
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
    }
}
