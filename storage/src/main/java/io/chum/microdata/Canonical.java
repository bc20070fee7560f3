package io.chum.microdata;

import io.chum.model.Hash;
import io.chum.model.HashingOutputStream;
import io.chum.model.IdHash;
import io.chum.model.OneObject;
import io.chum.model.OneObjects;
import io.chum.model.RecipeRegistry;
import io.chum.model.Sha256;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * The canonical encoding of ONE objects in one call: validate, render microdata, hash; for versioned types
 * also the ID-object microdata (cut from the same rendering, not rendered again) and ID hash. This is what
 * stores and peers use to name objects. Stateless and thread-safe.
 */
public final class Canonical {
    private Canonical() {
    }

    /**
     * An object's canonical encoding. The arrays are not copied: treat them as immutable.
     *
     * @param type        the ONE type
     * @param microdata   the canonical microdata (UTF-8)
     * @param hash        SHA-256 of {@code microdata}
     * @param idMicrodata the ID-object microdata, or null if the type is unversioned
     * @param idHash      SHA-256 of {@code idMicrodata}, or null if the type is unversioned
     */
    public record Encoded(String type, byte[] microdata, Hash hash, byte[] idMicrodata, IdHash idHash) {
        /** True if the type has ID properties (and {@link #idHash()} is set). */
        public boolean isVersioned() {
            return idHash != null;
        }
    }

    /**
     * The canonical encoding of a {@link StreamedObject} without its microdata, which is written separately by
     * {@link #writeStreamed}.
     *
     * @param type        the ONE type
     * @param hash        SHA-256 of the microdata
     * @param length      length of the microdata in bytes
     * @param idMicrodata the ID-object microdata, or null if the type is unversioned
     * @param idHash      SHA-256 of {@code idMicrodata}, or null if the type is unversioned
     */
    public record StreamedEncoding(String type, Hash hash, long length, byte[] idMicrodata, IdHash idHash) {
        /** True if the type has ID properties (and {@link #idHash()} is set). */
        public boolean isVersioned() {
            return idHash != null;
        }

        /** The {@link Encoded} of the object, given its {@code microdata} when it was small enough to be kept. */
        public Encoded withMicrodata(final byte[] microdata) {
            return new Encoded(type, microdata, hash, idMicrodata, idHash);
        }
    }

    /**
     * Validates {@code obj} and hashes its microdata by rendering it in pieces (nothing of the size of the microdata
     * is held): the hash, length and ID hash {@link #encode} gives for {@link StreamedObject#toOneObject}.
     */
    public static StreamedEncoding hashStreamed(final StreamedObject obj, final RecipeRegistry registry) {
        final HashingOutputStream hashing = new HashingOutputStream();
        final long length;
        try {
            length = writeStreamed(obj, registry, hashing);
            hashing.close();
        } catch (final IOException e) {
            throw new UncheckedIOException("hashing without a target cannot fail", e);
        }
        return streamedEncoding(obj, registry, hashing.hash(), length);
    }

    /**
     * The encoding of {@code obj} whose microdata, as {@link #writeStreamed} wrote it, hashed to {@code hash} and was
     * {@code length} bytes long: adds the ID object, rendered from the properties that are not streamed (ID
     * properties never are). For a caller that hashed the microdata while writing it somewhere.
     */
    public static StreamedEncoding streamedEncoding(final StreamedObject obj, final RecipeRegistry registry,
                                                    final Hash hash, final long length) {
        final MicrodataWriter writer = MicrodataWriter.forThread(registry);
        try {
            if (!writer.isVersioned(obj.type())) {
                return new StreamedEncoding(obj.type(), hash, length, null, null);
            }
            writer.renderIdObjectToBuffer(obj.rest());
            final byte[] idMicrodata = Arrays.copyOf(writer.buffer(), writer.length());
            return new StreamedEncoding(obj.type(), hash, length, idMicrodata, Sha256.idHash(idMicrodata));
        } finally {
            MicrodataWriter.release(writer);
        }
    }

    /**
     * Validates {@code obj} and writes its canonical microdata to {@code out} in pieces of about 64 KiB; returns the
     * length. The bytes equal {@link #encode}'s microdata of {@link StreamedObject#toOneObject}.
     *
     * @throws IOException from {@code out}
     */
    public static long writeStreamed(final StreamedObject obj, final RecipeRegistry registry, final OutputStream out)
        throws IOException {
        OneObjects.validate(obj.rest(), registry);
        final MicrodataWriter writer = MicrodataWriter.forThread(registry);
        try {
            return writer.renderStreamed(obj, out);
        } finally {
            MicrodataWriter.release(writer);
        }
    }

    /** Validates {@code obj} ({@link OneObjects#validate}) and encodes it. */
    public static Encoded encode(final OneObject obj, final RecipeRegistry registry) {
        OneObjects.validate(obj, registry);
        final MicrodataWriter writer = MicrodataWriter.forThread(registry);
        try {
            final int length = writer.renderRecordingIds(obj);
            final byte[] microdata = Arrays.copyOf(writer.buffer(), length);
            final Hash hash = Sha256.hash(microdata);
            if (!writer.isVersioned(obj.type())) {
                return new Encoded(obj.type(), microdata, hash, null, null);
            }
            final byte[] idMicrodata = writer.idMicrodataOfLastRendering(obj.type());
            return new Encoded(obj.type(), microdata, hash, idMicrodata, Sha256.idHash(idMicrodata));
        } finally {
            MicrodataWriter.release(writer);
        }
    }

    /**
     * The ID hash of {@code obj}, which may be a full object or an ID object: only its ID properties count and
     * only they are validated. {@code CS-OBJ-NOT-VERSIONED} for unversioned types.
     */
    public static IdHash idHashOf(final OneObject obj, final RecipeRegistry registry) {
        final OneObject idObject = OneObjects.idObjectOf(obj, registry);
        OneObjects.validateIdObject(idObject, registry);
        final MicrodataWriter writer = MicrodataWriter.forThread(registry);
        try {
            final int length = writer.renderIdObjectToBuffer(idObject);
            return Sha256.idHash(writer.buffer(), 0, length);
        } finally {
            MicrodataWriter.release(writer);
        }
    }
}
