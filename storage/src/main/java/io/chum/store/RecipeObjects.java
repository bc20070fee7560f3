package io.chum.store;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.microdata.Canonical;
import io.chum.microdata.Microdata;
import io.chum.microdata.MicrodataParser;
import io.chum.model.CoreRecipes;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.Recipe;
import io.chum.model.RecipeJson;
import io.chum.model.RecipeRegistry;
import io.chum.model.Sha256;
import io.chum.projection.ObjectIndex;
import io.chum.projection.TypeNames;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Checks a Recipe object before the writer appends it, on every path: {@code recipe}, {@code put} and imports. A
 * Recipe object registers its recipe when it is projected (storage-format.md §14), so one that could not be
 * registered, or that would change how stored objects read, is refused with {@code CS-RECIPE} and nothing is
 * written.
 *
 * <p>A registered recipe may change only if every stored object and ID object of its type, and every object of the
 * type in the same import batch, reads under the new recipe back to the same bytes and the same ID hash (adding an
 * optional property, say). Otherwise those objects would stay in the log unreadable, and {@code verify} would
 * report a healthy store as damaged: such a change needs a new type name.
 *
 * <p>Threading: the writer thread only, so that no write comes between the check and the append.
 */
final class RecipeObjects {
    private final RecipeRegistry registry;
    private final MicrodataParser parser;
    private final ObjectIndex index;
    private final TypeNames types;
    private final StoreReader reader;

    RecipeObjects(final RecipeRegistry registry, final ObjectIndex index, final TypeNames types,
                  final StoreReader reader) {
        this.registry = registry;
        this.parser = new MicrodataParser(registry);
        this.index = index;
        this.types = types;
        this.reader = reader;
    }

    /**
     * Refuses the Recipe object {@code microdata} if its recipe cannot be registered, or if it changes a registered
     * recipe in a way that the stored objects of the type, or {@code batch}'s, would not read the same.
     *
     * Returns the recipe, resolved.
     *
     * @param batch   microdata of objects about to be appended with it (an import batch); other types are skipped
     * @param recipes the store's recipes, or the store's with the Recipe objects of the batch that come before this
     * @throws ChumException BAD_RECIPE, naming the first object that would not read the same
     */
    Recipe check(final byte[] microdata, final List<byte[]> batch, final RecipeRegistry recipes) {
        final Recipe recipe = recipes.check(RecipeJson.fromOneObject(parser.parse(microdata)));
        final Recipe current = recipes.find(recipe.name());
        if (current == null || current.equals(recipe)) {
            return recipe;
        }
        final RecipeRegistry changed = recipes.with(recipe);
        final MicrodataParser changedParser = new MicrodataParser(changed);
        for (int e = 0; e < index.size(); e++) {
            if (index.kind(e) <= ObjectIndex.KIND_ID_OBJECT && recipe.name().equals(types.name(index.typeId(e)))) {
                final boolean idObject = index.kind(e) == ObjectIndex.KIND_ID_OBJECT;
                final byte[] md = idObject ? reader.readIdMicrodata((IdHash) index.key(e))
                    : reader.readMicrodata((Hash) index.key(e));
                requireSameReading(recipe, md, idObject, current, changed, changedParser);
            }
        }
        for (final byte[] md : batch) {
            if (!Microdata.isIdObject(md) && recipe.name().equals(Microdata.typeOf(md))) {
                requireSameReading(recipe, md, false, current, changed, changedParser);
            }
        }
        return recipe;
    }

    /**
     * Refuses to make a stored Recipe object the current version again if its recipe is not the registered one: a
     * Recipe object registers when it is written, and this one was written before, so the current version and the
     * registered recipe would disagree.
     */
    void requireRegistered(final byte[] microdata, final Hash hash) {
        final Recipe recipe = registry.check(RecipeJson.fromOneObject(parser.parse(microdata)));
        if (!recipe.equals(registry.find(recipe.name()))) {
            throw new ChumException(ErrorCode.BAD_RECIPE, "Recipe " + recipe.name() + ": its object " + hash
                + " is stored already, as an earlier version; a Recipe object registers when it is written, so "
                + "making it current again would leave the registered recipe another one");
        }
    }

    private void requireSameReading(final Recipe recipe, final byte[] md, final boolean idObject,
                                    final Recipe current, final RecipeRegistry changed,
                                    final MicrodataParser changedParser) {
        final String problem;
        try {
            problem = idObject ? idObjectProblem(md, changedParser)
                : objectProblem(md, current, changed, changedParser);
        } catch (final ChumException e) {
            throw refused(recipe, md, e.reason());
        }
        if (problem != null) {
            throw refused(recipe, md, problem);
        }
    }

    private static String objectProblem(final byte[] md, final Recipe current, final RecipeRegistry changed,
                                        final MicrodataParser changedParser) {
        final Canonical.Encoded again = Canonical.encode(changedParser.parse(md), changed);
        if (!Arrays.equals(again.microdata(), md)) {
            return "it would read as different microdata";
        }
        final IdHash before = current.isVersioned() ? Sha256.idHash(Microdata.extractIdMicrodata(md, current)) : null;
        return Objects.equals(before, again.idHash()) ? null : "its ID hash would change";
    }

    private static String idObjectProblem(final byte[] md, final MicrodataParser changedParser) {
        changedParser.parseIdObject(md);
        return null;
    }

    private static ChumException refused(final Recipe recipe, final byte[] md, final String problem) {
        return new ChumException(ErrorCode.BAD_RECIPE, "Recipe " + recipe.name() + " would change how stored "
            + recipe.name() + " objects read: " + (Microdata.isIdObject(md) ? "ID object " + Sha256.idHash(md)
            : "object " + Sha256.hash(md)) + ": " + problem + "; register the new rules under a new type name");
    }

    /** True for objects this class checks. */
    static boolean isRecipe(final String type) {
        return CoreRecipes.RECIPE.equals(type);
    }
}
