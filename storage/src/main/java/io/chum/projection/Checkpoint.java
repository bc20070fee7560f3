package io.chum.projection;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.log.EventLog;
import io.chum.log.LogEvent;
import io.chum.log.LogReader;
import io.chum.model.RecipeRegistry;
import org.agrona.ErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The checkpoint file {@code <store>/projections/checkpoint.bin}: a snapshot of all projections and the log
 * position it covers, so opening a store replays only the tail of the log.
 *
 * <pre>
 *  offset size field (little-endian)
 *  0      8    magic "CHUMCKPT"
 *  8      4    format version (5)
 *  12     4    flags: bit 0 LOG_FORCED, every record it covers was on disk before it was written
 *  16     8    covered log position: every event before it is in the snapshot
 *  24     8    index of the last event applied, -1 if none
 *  32     8    fingerprint of that event (kind, time, origin, key)
 *  40     8    content length in bytes
 *  48     4    CRC32C of the content
 *  52     4    cycle files of the log up to the one the covered position lies in
 *  56     8    index of the log's first record (its first position if empty)
 *  64     ...  content: type names, object index (without its entries), version heads, grant objects, reverse
 *              maps, recipes (JSON), trust decisions, chum records, head changes
 * </pre>
 *
 * <p>The object index's entries are in {@link ObjectIndexFile} beside it, which a checkpoint only extends by the
 * entries added since the last one, and forces before the checkpoint that counts them is renamed into place. The
 * checkpoint holds their count and CRCs; loading reads and checks them.
 *
 * <p>Written by the store's writer thread to a temporary file (unique per process), forced to disk, then renamed
 * over the old one, so readers and other processes see either the old or the new checkpoint, never a partial one.
 * Several processes may write it in turn; each writes a consistent snapshot of a prefix of the log. Loading ignores
 * (with a WARN) a missing, damaged or foreign-version checkpoint, and a stale one: one whose last event lies past the
 * end of the log or no longer matches its fingerprint, or whose log now has fewer cycle files or begins later. A
 * stale checkpoint written without {@code LOG_FORCED} may be what a machine crash leaves (it counted records that
 * never reached the disk). One written with it counted only records already on disk, so the log lost records behind
 * the store's back (a cycle file removed, cut short or replaced): loading refuses it with {@code CS-CORRUPT}, and
 * overwriting it, which would hide the loss, never happens. Stateless; the methods are called by the writer thread.
 */
public final class Checkpoint {
    /** File name inside the projections directory. */
    public static final String FILE_NAME = "checkpoint.bin";
    /** File name of the object index's entries, beside the checkpoint (a checkpoint needs both). */
    public static final String OBJECT_ENTRIES_FILE_NAME = ObjectIndexFile.FILE_NAME;
    /** Format version of the checkpoint file. */
    public static final int VERSION = 5;

    private static final Logger LOG = LoggerFactory.getLogger(Checkpoint.class);
    private static final byte[] MAGIC = "CHUMCKPT".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER_LENGTH = 64;
    private static final int LOG_FORCED = 1;

    private Checkpoint() {
    }

    /**
     * Writes the projections atomically into {@code dir}; {@code CS-IO} if that fails (the old file stays).
     * {@code logForced}: every record the projections cover is on disk (the caller forced the log up to their
     * position), so a later log without them was damaged, not left short by a crash.
     */
    public static void write(final Path dir, final Projections p, final EventLog log, final boolean logForced) {
        final Path file = dir.resolve(FILE_NAME);
        final Path tmp = dir.resolve("checkpoint." + ProcessHandle.current().pid() + "."
            + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            Files.createDirectories(dir);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ch.position(HEADER_LENGTH);
                final CheckpointOutput out = new CheckpointOutput(ch, tmp);
                writeContent(out, p, dir);
                out.flush();
                final ByteBuffer header = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
                header.put(MAGIC).putInt(VERSION).putInt(logForced ? LOG_FORCED : 0).putLong(p.position())
                    .putLong(p.lastEventIndex()).putLong(p.lastFingerprint()).putLong(out.length()).putInt(out.crc())
                    .putInt(log.cycleFilesUpTo(p.position())).putLong(log.firstIndex());
                header.clear();
                long at = 0;
                while (header.hasRemaining()) {
                    at += ch.write(header, at);
                }
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(dir);
        } catch (final IOException e) {
            deleteQuietly(tmp);
            throw new ChumException(ErrorCode.IO, "cannot write the checkpoint " + file + ": "
                + ChumException.describe(e), e);
        } catch (final RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    private static void writeContent(final CheckpointOutput out, final Projections p, final Path dir) {
        p.types().writeTo(out);
        p.index().writeTo(out, dir);
        p.heads().writeTo(out);
        p.grants().writeTo(out);
        p.reverseMaps().writeTo(out);
        p.recipes().writeTo(out);
        p.trust().writeTo(out);
        p.chumRecords().writeTo(out);
        p.headChanges().writeTo(out);
    }

    /**
     * The projections in {@code dir}'s checkpoint, if there is a usable one for {@code log}. Recipes it holds are
     * registered into {@code registry} only after the whole file proved intact. {@code CS-CORRUPT} if the checkpoint
     * counted records that were on disk and the log no longer holds them.
     */
    public static Optional<Projections> load(final Path dir, final EventLog log, final RecipeRegistry registry,
                                             final ErrorHandler errorHandler) {
        final Path file = dir.resolve(FILE_NAME);
        String lost = null;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            final ByteBuffer header = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
            while (header.hasRemaining() && ch.read(header) >= 0) {
                // reads the whole header unless the file is shorter
            }
            header.flip();
            final String problem = headerProblem(header, ch.size());
            if (problem != null) {
                LOG.warn("Ignoring the checkpoint {}: {}; rebuilding the projections from the log", file, problem);
                return Optional.empty();
            }
            final long position = header.getLong(16);
            final long lastIndex = header.getLong(24);
            final long fingerprint = header.getLong(32);
            final String stale = staleness(log, position, lastIndex, fingerprint, header.getInt(52),
                header.getLong(56));
            if (stale != null) {
                if ((header.getInt(12) & LOG_FORCED) == 0) {
                    LOG.warn("Ignoring the stale checkpoint {}: {}; rebuilding the projections from the log", file,
                        stale);
                    return Optional.empty();
                }
                lost = stale; // thrown below, past the catch that ignores a damaged checkpoint
            } else {
                final CheckpointInput in = new CheckpointInput(ch, file, header.getLong(40));
                final Loaded loaded = readContent(in, dir, registry, errorHandler);
                in.finish(header.getInt(48));
                final Projections p = loaded.projections();
                for (final String json : loaded.recipes()) {
                    p.recipes().registerJson(json);
                }
                p.restoreLastEvent(lastIndex, fingerprint);
                // no event lies between the end of the log and a position past it (staleness)
                p.advanceTo(Math.min(position, log.endIndex()));
                return Optional.of(p);
            }
        } catch (final NoSuchFileException e) {
            return Optional.empty();
        } catch (final IOException | ChumException e) {
            LOG.warn("Ignoring the checkpoint {}: {}; rebuilding the projections from the log", file, e.toString());
            return Optional.empty();
        }
        throw new ChumException(ErrorCode.CORRUPT_RECORD, "the log in " + log.directory() + " no longer holds the"
            + " records that were on disk when the checkpoint " + file + " was written (" + lost + "): its files were"
            + " removed, cut short, damaged or replaced behind the store's back, the store was copied while in use, or"
            + " the checkpoint is another store's. Restore the whole store from a backup, or delete " + file
            + " to open it with what its log still holds (whatever the log lost is then gone for good)");
    }

    /** Projections read from a checkpoint, and the recipes to register once the file proved intact. */
    private record Loaded(Projections projections, List<String> recipes) {
    }

    private static Loaded readContent(final CheckpointInput in, final Path dir, final RecipeRegistry registry,
                                      final ErrorHandler errorHandler) {
        final TypeNames types = TypeNames.readFrom(in);
        final ObjectIndex index = ObjectIndex.readFrom(in, dir);
        final VersionHeads heads = VersionHeads.readFrom(in);
        final GrantObjects grants = GrantObjects.readFrom(in);
        final ReverseMaps reverseMaps = ReverseMaps.readFrom(in);
        final List<String> recipes = RegisteredRecipes.readFrom(in);
        final TrustTable trust = TrustTable.readFrom(in);
        final ChumRecordIndex chumRecords = ChumRecordIndex.readFrom(in);
        final HeadChangeIndex headChanges = HeadChangeIndex.readFrom(in);
        return new Loaded(new Projections(registry, errorHandler, types, index, heads, reverseMaps, grants, trust,
            chumRecords, headChanges), recipes);
    }

    private static String headerProblem(final ByteBuffer header, final long fileSize) {
        if (header.remaining() < HEADER_LENGTH) {
            return "shorter than its header";
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (header.get(i) != MAGIC[i]) {
                return "not a checkpoint file";
            }
        }
        if (header.getInt(8) != VERSION) {
            return "format version " + header.getInt(8) + ", this build reads " + VERSION;
        }
        if (header.getLong(40) != fileSize - HEADER_LENGTH) {
            return "content length " + header.getLong(40) + " does not match the file size " + fileSize;
        }
        // a checkpoint that contradicts itself is damaged, whatever the log holds
        if (header.getLong(16) < 0 || header.getLong(24) >= header.getLong(16)) {
            return "its last event 0x" + Long.toHexString(header.getLong(24)) + " does not lie before its position 0x"
                + Long.toHexString(header.getLong(16));
        }
        return null;
    }

    /** Why the checkpoint does not describe a prefix of {@code log}, or null if it does. */
    private static String staleness(final EventLog log, final long position, final long lastIndex,
                                    final long fingerprint, final int cycleFiles, final long firstIndex) {
        // The position itself may lie past the end: a reader moves into a new cycle file as soon as it exists, even
        // while its first record is still being written (or never will be, its writer having died). Only events
        // count, and the last one is checked below.
        if (lastIndex < 0) {
            return null;
        }
        if (lastIndex >= log.endIndex()) {
            return "its last event 0x" + Long.toHexString(lastIndex) + " lies at or past the end of the log, 0x"
                + Long.toHexString(log.endIndex());
        }
        // Only losses count: a cycle file that appears later (a cycle the position pointed into, created by the next
        // append) is no sign of damage.
        if (log.firstIndex() > firstIndex) {
            return "the log began at 0x" + Long.toHexString(firstIndex) + ", now it begins at 0x"
                + Long.toHexString(log.firstIndex());
        }
        if (log.cycleFilesUpTo(position) < cycleFiles) {
            return "it counted " + cycleFiles + " cycle files up to 0x" + Long.toHexString(position) + ", the log"
                + " now has " + log.cycleFilesUpTo(position);
        }
        try (LogReader reader = log.reader()) {
            final LogEvent e = reader.read(lastIndex);
            if (Projections.fingerprint(e) != fingerprint) {
                return "the log record at 0x" + Long.toHexString(lastIndex) + " is not the event it ended with";
            }
            return null;
        } catch (final ChumException e) {
            return "its last event 0x" + Long.toHexString(lastIndex) + " cannot be read: " + e.reason();
        }
    }

    /**
     * Deletes temporary checkpoint files left by processes that died while writing one (their pid is in the name
     * and no longer alive). Best effort.
     */
    public static void deleteOrphans(final Path dir) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "checkpoint.*.tmp")) {
            for (final Path f : files) {
                final String[] parts = f.getFileName().toString().split("\\.");
                final long pid = parts.length == 4 ? parseLong(parts[1]) : -1;
                if (pid > 0 && ProcessHandle.of(pid).isEmpty()) {
                    deleteQuietly(f);
                }
            }
        } catch (final IOException e) {
            LOG.debug("Cannot list {}: {}", dir, e.toString());
        }
    }

    private static long parseLong(final String s) {
        try {
            return Long.parseLong(s);
        } catch (final NumberFormatException e) {
            return -1;
        }
    }

    private static void syncDirectory(final Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (final IOException e) {
            LOG.debug("Cannot fsync the directory {}: {}", dir, e.toString());
        }
    }

    private static void deleteQuietly(final Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (final IOException e) {
            LOG.debug("Cannot delete {}: {}", file, e.toString());
        }
    }
}
