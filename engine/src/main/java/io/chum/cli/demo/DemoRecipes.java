package io.chum.cli.demo;

import io.chum.model.CoreRecipes;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.ItemType.ArrayType;
import io.chum.model.ItemType.IntegerType;
import io.chum.model.ItemType.ReferenceToBlob;
import io.chum.model.ItemType.ReferenceToClob;
import io.chum.model.ItemType.ReferenceToId;
import io.chum.model.ItemType.ReferenceToObj;
import io.chum.model.ItemType.StringType;
import io.chum.model.OneObject;
import io.chum.model.Recipe;
import io.chum.model.Rule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The demo's application types, registered on both instances as ONE Recipe objects, and builders of their objects:
 * <ul>
 *   <li>{@value #NOTE} (versioned by {@code noteId}): a note with an author, text, an optional body (CLOB) and an
 *       optional link to an album; edited in several versions;</li>
 *   <li>{@value #ALBUM} (versioned by {@code albumId}): an ordered list of photos; a second version adds photos;</li>
 *   <li>{@value #PHOTO} (unversioned): a caption, a thumbnail (BLOB), optionally the original image (BLOB) and a
 *       description (CLOB).</li>
 * </ul>
 * Stateless; thread-safe.
 */
public final class DemoRecipes {
    public static final String NOTE = "Demo$Note";
    public static final String ALBUM = "Demo$Album";
    public static final String PHOTO = "Demo$Photo";

    private static final ReferenceToId PERSON_ID = new ReferenceToId(Set.of(CoreRecipes.PERSON));

    public static final Recipe NOTE_RECIPE = new Recipe(NOTE, List.of(
        Rule.id("noteId", StringType.PLAIN),
        Rule.of("author", PERSON_ID),
        Rule.of("title", StringType.PLAIN),
        Rule.of("text", StringType.PLAIN),
        Rule.of("revision", IntegerType.ANY),
        Rule.optional("body", ReferenceToClob.INSTANCE),
        Rule.optional("about", new ReferenceToObj(Set.of(ALBUM)))));

    public static final Recipe ALBUM_RECIPE = new Recipe(ALBUM, List.of(
        Rule.id("albumId", StringType.PLAIN),
        Rule.of("owner", PERSON_ID),
        Rule.of("title", StringType.PLAIN),
        Rule.of("photo", new ArrayType(new ReferenceToObj(Set.of(PHOTO))))));

    public static final Recipe PHOTO_RECIPE = new Recipe(PHOTO, List.of(
        Rule.of("caption", StringType.PLAIN),
        Rule.of("takenAt", IntegerType.ANY),
        Rule.of("thumbnail", ReferenceToBlob.INSTANCE),
        Rule.optional("original", ReferenceToBlob.INSTANCE),
        Rule.optional("description", ReferenceToClob.INSTANCE)));

    /** The three recipes. */
    public static final List<Recipe> ALL = List.of(PHOTO_RECIPE, ALBUM_RECIPE, NOTE_RECIPE);

    private DemoRecipes() {
    }

    /** A version of a note; {@code body} and {@code about} may be null. */
    static OneObject note(final String noteId, final IdHash author, final String title, final String text,
                          final long revision, final Hash body, final Hash about) {
        final Map<String, Object> v = new LinkedHashMap<>();
        v.put("noteId", noteId);
        v.put("author", author);
        v.put("title", title);
        v.put("text", text);
        v.put("revision", revision);
        if (body != null) {
            v.put("body", body);
        }
        if (about != null) {
            v.put("about", about);
        }
        return OneObject.of(NOTE, v);
    }

    /** A version of an album listing {@code photos} in order. */
    static OneObject album(final String albumId, final IdHash owner, final String title, final List<Hash> photos) {
        final Map<String, Object> v = new LinkedHashMap<>();
        v.put("albumId", albumId);
        v.put("owner", owner);
        v.put("title", title);
        v.put("photo", new ArrayList<Object>(photos));
        return OneObject.of(ALBUM, v);
    }

    /** A photo; {@code original} and {@code description} may be null. */
    static OneObject photo(final String caption, final long takenAt, final Hash thumbnail, final Hash original,
                           final Hash description) {
        final Map<String, Object> v = new LinkedHashMap<>();
        v.put("caption", caption);
        v.put("takenAt", takenAt);
        v.put("thumbnail", thumbnail);
        if (original != null) {
            v.put("original", original);
        }
        if (description != null) {
            v.put("description", description);
        }
        return OneObject.of(PHOTO, v);
    }
}
