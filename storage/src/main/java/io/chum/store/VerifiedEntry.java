package io.chum.store;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.microdata.Microdata;
import io.chum.microdata.MicrodataParser;
import io.chum.microdata.ReferenceVisitor;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.OneObject;
import io.chum.model.Recipe;
import io.chum.model.RecipeRegistry;
import io.chum.model.Reference;
import io.chum.model.Sha256;
import io.chum.model.Sha256Value;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An object, ID object, BLOB or CLOB received from a peer and verified: the only input of
 * {@link OneStore#importBatch}. The factories are the only way to make one. They re-hash the bytes against the
 * expected hash ({@code CS-HASH-MISMATCH}); objects and ID objects are parsed with the strict parser
 * ({@code CS-MICRODATA}, {@code CS-OBJ-UNKNOWN-TYPE}) and CLOBs checked to be UTF-8 ({@code CS-BAD-CLOB}). So an
 * instance always holds content that hashes to its hash. The bytes are copied in once. For an object of a versioned
 * type the entry also carries its ID object, derived with {@link Microdata#extractIdMicrodata}. A large BLOB may
 * instead be a sealed {@link BlobWriter} upload whose chunks are already in the log.
 *
 * <p>Immutable and thread-safe, except that an entry made from an upload hands that upload to the import.
 */
public final class VerifiedEntry {
    private final StoredKind kind;
    private final Sha256Value hash;
    private final String type;
    private final byte[] bytes;
    private final List<Reference> references;
    private final IdHash idHash;
    private final byte[] idMicrodata;
    private final BlobWriter upload;
    private final long size;

    private VerifiedEntry(final StoredKind kind, final Sha256Value hash, final String type, final byte[] bytes,
                          final List<Reference> references, final IdHash idHash, final byte[] idMicrodata,
                          final BlobWriter upload, final long size) {
        this.kind = kind;
        this.hash = hash;
        this.type = type;
        this.bytes = bytes;
        this.references = references;
        this.idHash = idHash;
        this.idMicrodata = idMicrodata;
        this.upload = upload;
        this.size = size;
    }

    /**
     * Verifies object microdata received under {@code expected}, with the recipes of {@code registry} (normally
     * {@link OneStore#recipes()}).
     */
    public static VerifiedEntry object(final byte[] microdata, final Hash expected, final RecipeRegistry registry) {
        return object(microdata, 0, microdata.length, expected, registry);
    }

    /** As {@link #object(byte[], Hash, RecipeRegistry)} for {@code src[offset, offset + length)}. */
    public static VerifiedEntry object(final byte[] src, final int offset, final int length, final Hash expected,
                                       final RecipeRegistry registry) {
        Objects.requireNonNull(expected, "expected");
        final byte[] md = Arrays.copyOfRange(src, offset, Math.addExact(offset, length));
        final Hash actual = Sha256.hash(md);
        if (!actual.equals(expected)) {
            throw new ChumException(ErrorCode.HASH_MISMATCH, "object offered as " + expected + " hashes to "
                + actual);
        }
        final List<Reference> found = new ArrayList<>();
        final OneObject obj = parse(md, expected, registry, false, found);
        final Recipe recipe = registry.recipe(obj.type());
        final List<Reference> refs = List.copyOf(found);
        if (!recipe.isVersioned()) {
            return new VerifiedEntry(StoredKind.OBJECT, actual, obj.type(), md, refs, null, null, null, md.length);
        }
        final byte[] idMd = Microdata.extractIdMicrodata(md, recipe);
        return new VerifiedEntry(StoredKind.OBJECT, actual, obj.type(), md, refs, Sha256.idHash(idMd), idMd, null,
            md.length);
    }

    /** Verifies ID-object microdata received under {@code expected}. */
    public static VerifiedEntry idObject(final byte[] idMicrodata, final IdHash expected,
                                         final RecipeRegistry registry) {
        return idObject(idMicrodata, 0, idMicrodata.length, expected, registry);
    }

    /** As {@link #idObject(byte[], IdHash, RecipeRegistry)} for {@code src[offset, offset + length)}. */
    public static VerifiedEntry idObject(final byte[] src, final int offset, final int length, final IdHash expected,
                                         final RecipeRegistry registry) {
        Objects.requireNonNull(expected, "expected");
        final byte[] md = Arrays.copyOfRange(src, offset, Math.addExact(offset, length));
        final IdHash actual = Sha256.idHash(md);
        if (!actual.equals(expected)) {
            throw new ChumException(ErrorCode.HASH_MISMATCH, "ID object offered as " + expected + " hashes to "
                + actual);
        }
        final List<Reference> found = new ArrayList<>();
        final OneObject obj = parse(md, expected, registry, true, found);
        return new VerifiedEntry(StoredKind.ID_OBJECT, actual, obj.type(), md, List.copyOf(found), actual, md, null,
            md.length);
    }

    /**
     * Verifies the bytes {@code src[offset, offset + length)} of a BLOB (or, with {@code clob}, a CLOB) received
     * under {@code expected}. Meant for small BLOBs that travel with a batch; large ones stream into a
     * {@link BlobWriter} and use {@link #blob(BlobWriter, Hash)}.
     */
    public static VerifiedEntry blob(final byte[] src, final int offset, final int length, final Hash expected,
                                     final boolean clob) {
        Objects.requireNonNull(expected, "expected");
        final byte[] data = Arrays.copyOfRange(src, offset, Math.addExact(offset, length));
        final Hash actual = Sha256.hash(data);
        final String what = clob ? "CLOB" : "BLOB";
        if (!actual.equals(expected)) {
            throw new ChumException(ErrorCode.HASH_MISMATCH, what + " offered as " + expected + " hashes to "
                + actual + " (" + length + " bytes)");
        }
        if (clob) {
            final Utf8Validator utf8 = new Utf8Validator();
            utf8.update(data, 0, data.length);
            if (!utf8.isComplete()) {
                throw new ChumException(ErrorCode.BAD_CLOB, "CLOB " + actual + " is not valid UTF-8 at byte "
                    + utf8.problemOffset());
            }
        }
        return new VerifiedEntry(clob ? StoredKind.CLOB : StoredKind.BLOB, actual, null, data, List.of(), null, null,
            null, data.length);
    }

    /**
     * Verifies a streamed BLOB or CLOB upload received under {@code expected}: seals it ({@link BlobWriter#seal()})
     * and compares the hash. On a mismatch the upload is aborted ({@code CS-HASH-MISMATCH}). The entry takes the
     * upload over: {@link OneStore#importBatch} commits it with the batch.
     */
    public static VerifiedEntry blob(final BlobWriter upload, final Hash expected) {
        Objects.requireNonNull(expected, "expected");
        final Hash actual = upload.seal();
        upload.checkExpected(expected);
        return new VerifiedEntry(upload.isClob() ? StoredKind.CLOB : StoredKind.BLOB, actual, null, null, List.of(),
            null, null, upload, upload.size());
    }

    /** Parses and proves canonical, collecting the references in one pass (the closure check needs them). */
    private static OneObject parse(final byte[] md, final Sha256Value expected, final RecipeRegistry registry,
                                   final boolean idObject, final List<Reference> references) {
        final ReferenceVisitor collect = (kind, target) -> references.add(new Reference(kind, target));
        try {
            final MicrodataParser parser = new MicrodataParser(registry);
            return idObject ? parser.parseIdObject(md, collect) : parser.parse(md, collect);
        } catch (final ChumException e) {
            throw new ChumException(e.errorCode(), (idObject ? "ID object " : "object ") + expected + ": "
                + e.reason(), e);
        }
    }

    /** What the entry is. */
    public StoredKind kind() {
        return kind;
    }

    /** True for an ID object. */
    public boolean isIdObject() {
        return kind == StoredKind.ID_OBJECT;
    }

    /** True for a BLOB or CLOB. */
    public boolean isBlob() {
        return kind == StoredKind.BLOB || kind == StoredKind.CLOB;
    }

    /** The hash ({@link IdHash} for an ID object, {@link Hash} otherwise). */
    public Sha256Value hash() {
        return hash;
    }

    /** The ONE type of an object or ID object; null for a BLOB or CLOB. */
    public String type() {
        return type;
    }

    /** A copy of the microdata (or of a small BLOB's bytes); null for a streamed upload. */
    public byte[] microdata() {
        return bytes == null ? null : bytes.clone();
    }

    /** The length of the content in bytes. */
    public long size() {
        return size;
    }

    /** Every reference in the microdata, in order (none for a BLOB or CLOB). */
    public List<Reference> references() {
        return references;
    }

    /** The ID hash: of the object's ID object, or the entry's own for an ID object; null if unversioned or a BLOB. */
    public IdHash idHash() {
        return idHash;
    }

    byte[] microdataNoCopy() {
        return bytes;
    }

    /** The ID-object microdata of a versioned object (or of the ID object itself); null if unversioned. */
    byte[] idMicrodataNoCopy() {
        return idMicrodata;
    }

    /** The sealed upload of a streamed BLOB, or null. */
    BlobWriter upload() {
        return upload;
    }

    @Override
    public String toString() {
        return "VerifiedEntry[" + kind + (type == null ? "" : " " + type) + " " + hash + "]";
    }
}
