package io.chum.store;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.microdata.Microdata;
import io.chum.microdata.MicrodataParser;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.OneObject;
import io.chum.model.Recipe;
import io.chum.model.RecipeRegistry;
import io.chum.model.Reference;
import io.chum.model.Sha256;
import io.chum.model.Sha256Value;

import java.util.List;
import java.util.Objects;

/**
 * An object or ID object received from a peer whose microdata was hashed and parsed: the only input of
 * {@link OneStore#importBatch}. The factories are the only way to make one, and they re-hash the bytes against
 * the expected hash ({@code CS-HASH-MISMATCH}) and parse them with the strict parser ({@code CS-MICRODATA},
 * {@code CS-OBJ-UNKNOWN-TYPE}), so an instance always holds canonical microdata that hashes to its hash. The
 * bytes are copied in. For an object of a versioned type the entry also carries its ID object, derived with
 * {@link Microdata#extractIdMicrodata}. Immutable; thread-safe.
 */
public final class VerifiedEntry {
    private final Sha256Value hash;
    private final String type;
    private final byte[] microdata;
    private final List<Reference> references;
    private final IdHash idHash;
    private final byte[] idMicrodata;

    private VerifiedEntry(final Sha256Value hash, final String type, final byte[] microdata,
                          final List<Reference> references, final IdHash idHash, final byte[] idMicrodata) {
        this.hash = hash;
        this.type = type;
        this.microdata = microdata;
        this.references = references;
        this.idHash = idHash;
        this.idMicrodata = idMicrodata;
    }

    /**
     * Verifies object microdata received under {@code expected}, with the recipes of {@code registry} (normally
     * {@link OneStore#recipes()}).
     */
    public static VerifiedEntry object(final byte[] microdata, final Hash expected, final RecipeRegistry registry) {
        Objects.requireNonNull(expected, "expected");
        final byte[] md = microdata.clone();
        final Hash actual = Sha256.hash(md);
        if (!actual.equals(expected)) {
            throw new ChumException(ErrorCode.HASH_MISMATCH, "object offered as " + expected + " hashes to "
                + actual);
        }
        final OneObject obj = parse(md, expected, registry, false);
        final Recipe recipe = registry.recipe(obj.type());
        final List<Reference> references = List.copyOf(Microdata.references(md));
        if (!recipe.isVersioned()) {
            return new VerifiedEntry(actual, obj.type(), md, references, null, null);
        }
        final byte[] idMd = Microdata.extractIdMicrodata(md, recipe);
        return new VerifiedEntry(actual, obj.type(), md, references, Sha256.idHash(idMd), idMd);
    }

    /** Verifies ID-object microdata received under {@code expected}. */
    public static VerifiedEntry idObject(final byte[] idMicrodata, final IdHash expected,
                                         final RecipeRegistry registry) {
        Objects.requireNonNull(expected, "expected");
        final byte[] md = idMicrodata.clone();
        final IdHash actual = Sha256.idHash(md);
        if (!actual.equals(expected)) {
            throw new ChumException(ErrorCode.HASH_MISMATCH, "ID object offered as " + expected + " hashes to "
                + actual);
        }
        final OneObject obj = parse(md, expected, registry, true);
        return new VerifiedEntry(actual, obj.type(), md, List.copyOf(Microdata.references(md)), actual, md);
    }

    private static OneObject parse(final byte[] md, final Sha256Value expected, final RecipeRegistry registry,
                                   final boolean idObject) {
        try {
            final MicrodataParser parser = new MicrodataParser(registry);
            return idObject ? parser.parseIdObject(md) : parser.parse(md);
        } catch (final ChumException e) {
            throw new ChumException(e.errorCode(), (idObject ? "ID object " : "object ") + expected + ": "
                + e.reason(), e);
        }
    }

    /** True for an ID object, false for an object. */
    public boolean isIdObject() {
        return hash instanceof IdHash;
    }

    /** The hash ({@link IdHash} for an ID object, {@link Hash} for an object). */
    public Sha256Value hash() {
        return hash;
    }

    /** The ONE type. */
    public String type() {
        return type;
    }

    /** A copy of the microdata. */
    public byte[] microdata() {
        return microdata.clone();
    }

    /** Every reference in the microdata, in order. */
    public List<Reference> references() {
        return references;
    }

    /** The ID hash: of the object's ID object, or the entry's own for an ID object; null if unversioned. */
    public IdHash idHash() {
        return idHash;
    }

    byte[] microdataNoCopy() {
        return microdata;
    }

    /** The ID-object microdata of a versioned object (or of the ID object itself); null if unversioned. */
    byte[] idMicrodataNoCopy() {
        return idMicrodata;
    }

    @Override
    public String toString() {
        return (isIdObject() ? "VerifiedEntry[ID object " : "VerifiedEntry[object ") + type + " " + hash + "]";
    }
}
