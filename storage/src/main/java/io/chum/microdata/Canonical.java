package io.chum.microdata;

import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.OneObject;
import io.chum.model.OneObjects;
import io.chum.model.RecipeRegistry;
import io.chum.model.Sha256;

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
