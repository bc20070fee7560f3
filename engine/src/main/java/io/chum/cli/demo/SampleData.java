package io.chum.cli.demo;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.OneObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Writes the sample data of one side and its grants, deterministically (seeded by the side's name and the item's
 * index), so runs are alike:
 * <ul>
 *   <li>albums of {@value #PHOTOS_PER_ALBUM} photos, each photo with its own thumbnail BLOB, every tenth with a
 *       description CLOB, the first album's first photos with large originals (one larger than a log chunk);
 *       each album in two versions, the second adding photos;</li>
 *   <li>notes in {@value #VERSIONS_PER_NOTE} versions, every fourth version with a body CLOB, every seventh note
 *       about an album;</li>
 *   <li>grants by index {@code i % 10}: IdAccess to notes {@code 0} for the group (peer and carol), {@code 1..3}
 *       for the peer, {@code 4} for carol alone; Access to the current version of albums {@code 0} for the group,
 *       {@code 1, 2} for the peer, {@code 3, 4} for carol alone; the rest stays private. The old version of an album
 *       is never granted. A private album that a shared note is about becomes accessible through the note.</li>
 * </ul>
 * Albums and notes are written by a pool of threads, so that the store's group commit forces many writes at once.
 * Stateless apart from the side it writes to.
 */
final class SampleData {
    static final int PHOTOS_PER_ALBUM = 8;
    static final int VERSIONS_PER_NOTE = 3;
    /** Sizes of the originals of the first album's first photos; the last is larger than the 256 KiB log chunk. */
    private static final int[] ORIGINAL_SIZES = {96 << 10, 160 << 10, 600 << 10};
    private static final String[] WORDS = {"harbour", "morning", "light", "bicycle", "market", "river", "garden",
        "mountain", "coffee", "letter", "window", "summer", "island", "bridge", "lantern", "forest", "station",
        "picnic", "museum", "ferry", "quiet", "golden", "rain", "old", "little", "north", "evening", "street"};
    private static final long EPOCH_2024 = 1_704_067_200_000L;

    /** How many albums and notes make about {@code objects} data objects. */
    record Plan(int albums, int notes) {
        static Plan forObjects(final int objects) {
            final int perAlbum = PHOTOS_PER_ALBUM + 2;
            final int albums = Math.max(2, Math.round(objects * 0.6f / perAlbum));
            final int notes = Math.max(4, (objects - albums * perAlbum + VERSIONS_PER_NOTE - 1) / VERSIONS_PER_NOTE);
            return new Plan(albums, notes);
        }

        /** Data objects the plan writes: photos, album versions and note versions. */
        long objects() {
            return (long) albums * (PHOTOS_PER_ALBUM + 2) + (long) notes * VERSIONS_PER_NOTE;
        }
    }

    /** A note's identity and the state its next version starts from. */
    record Note(String noteId, String title, Hash about, boolean shared) {
    }

    private final DemoSide side;
    private final Plan plan;
    private final IdHash peer;
    private final IdHash carol;
    private final IdHash group;
    private final long seed;
    private final List<Hash> currentAlbums = new ArrayList<>();
    /** Notes the peer may read (IdAccess through the group or directly), for the keepRunning writes. */
    final List<Note> sharedNotes = new ArrayList<>();
    /** Notes nobody else may read. */
    final List<Note> privateNotes = new ArrayList<>();

    SampleData(final DemoSide side, final Plan plan, final IdHash peer, final IdHash carol, final IdHash group) {
        this.side = side;
        this.plan = plan;
        this.peer = peer;
        this.carol = carol;
        this.group = group;
        this.seed = side.name.hashCode() * 1_000_003L;
    }

    /** Writes albums, then notes (notes may be about albums), on {@code pool}; returns when all is stored. */
    void write(final ExecutorService pool) {
        final List<Hash> albums = runAll(pool, plan.albums(), this::album);
        currentAlbums.addAll(albums);
        final List<Note> notes = runAll(pool, plan.notes(), this::note);
        for (final Note n : notes) {
            if (n.shared()) {
                sharedNotes.add(n);
            } else {
                privateNotes.add(n);
            }
        }
    }

    private static <T> List<T> runAll(final ExecutorService pool, final int count, final IntFunction<T> task) {
        final List<Future<T>> futures = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            final int index = i;
            futures.add(pool.submit(() -> task.apply(index)));
        }
        final List<T> results = new ArrayList<>(count);
        for (final Future<T> f : futures) {
            try {
                results.add(f.get());
            } catch (final ExecutionException e) {
                throw ChumException.wrap(e.getCause(), ErrorCode.INTERNAL);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ChumException(ErrorCode.INTERNAL, "interrupted while writing sample data", e);
            }
        }
        return results;
    }

    /** Album {@code i}: its photos and two versions; returns the current version. */
    private Hash album(final int i) {
        final SplittableRandom random = new SplittableRandom(seed + i);
        final List<Hash> photos = new ArrayList<>(PHOTOS_PER_ALBUM);
        for (int p = 0; p < PHOTOS_PER_ALBUM; p++) {
            photos.add(photo(random, i, p));
        }
        final String albumId = side.name + "-album-" + i;
        final String title = capitalise(words(random, 2 + random.nextInt(3)));
        side.version(DemoRecipes.album(albumId, side.person(), title, photos.subList(0, PHOTOS_PER_ALBUM / 2 + 1)));
        final Hash current = side.version(DemoRecipes.album(albumId, side.person(), title, photos)).hash();
        switch (i % 10) {
            case 0 -> side.grantObject(current, List.of(), List.of(group), true);
            case 1, 2 -> side.grantObject(current, List.of(peer), List.of(), true);
            case 3, 4 -> side.grantObject(current, List.of(carol), List.of(), false);
            default -> {
                // private
            }
        }
        return current;
    }

    private Hash photo(final SplittableRandom random, final int album, final int p) {
        final byte[] thumbnail = new byte[128 + random.nextInt(385)];
        random.nextBytes(thumbnail);
        final Hash thumb = side.blob(thumbnail);
        Hash original = null;
        if (album == 0 && p < ORIGINAL_SIZES.length) {
            final byte[] bytes = new byte[ORIGINAL_SIZES[p]];
            random.nextBytes(bytes);
            original = side.blob(bytes);
        }
        Hash description = null;
        if ((album * PHOTOS_PER_ALBUM + p) % 10 == 0) {
            description = side.clob("<p>" + capitalise(words(random, 40 + random.nextInt(120))) + ".</p>\n<p>Taken by "
                + side.identity.email() + ", album " + album + ", photo " + p + ".</p>\n");
        }
        final String caption = capitalise(words(random, 3 + random.nextInt(5))) + " (" + side.name + " " + album
            + "/" + p + ")";
        final long takenAt = EPOCH_2024 + random.nextLong(365L * 24 * 3600 * 1000);
        return side.object(DemoRecipes.photo(caption, takenAt, thumb, original, description));
    }

    /** Note {@code i} in its versions, with its grant. */
    private Note note(final int i) {
        final SplittableRandom random = new SplittableRandom(seed ^ (0x5DEECE66DL + i));
        final String noteId = side.name + "-note-" + i;
        final String title = capitalise(words(random, 2 + random.nextInt(4)));
        final Hash about = i % 7 == 0 ? currentAlbums.get(i % currentAlbums.size()) : null;
        IdHash id = null;
        for (int v = 1; v <= VERSIONS_PER_NOTE; v++) {
            final Hash body = (i * VERSIONS_PER_NOTE + v) % 4 == 0 ? side.clob("# " + title + "\n\n"
                + capitalise(words(random, 60 + random.nextInt(150))) + ".\n\n_revision " + v + " by " + side.name
                + "_\n") : null;
            id = side.version(DemoRecipes.note(noteId, side.person(), title, capitalise(words(random,
                10 + random.nextInt(30))) + ".", v, body, about)).idHash();
        }
        final boolean shared = switch (i % 10) {
            case 0 -> {
                side.grantId(id, List.of(), List.of(group), true);
                yield true;
            }
            case 1, 2, 3 -> {
                side.grantId(id, List.of(peer), List.of(), true);
                yield true;
            }
            case 4 -> {
                side.grantId(id, List.of(carol), List.of(), false);
                yield false;
            }
            default -> false;
        };
        return new Note(noteId, title, about, shared);
    }

    /** A new version of {@code note}, told apart by {@code text}. */
    OneObject nextVersion(final Note note, final long revision, final String text) {
        return DemoRecipes.note(note.noteId(), side.person(), note.title(), text, revision, null, note.about());
    }

    private static String words(final SplittableRandom random, final int n) {
        final StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append(' ');
            }
            b.append(WORDS[random.nextInt(WORDS.length)]);
        }
        return b.toString();
    }

    private static String capitalise(final String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }
}
