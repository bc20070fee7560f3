package io.chum.bench;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.identity.LocalIdentity;
import io.chum.log.Durability;
import io.chum.log.LogConfig;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.OneObject;
import io.chum.store.AccessMode;
import io.chum.store.AccessRequest;
import io.chum.store.OneStore;
import io.chum.store.StoreAs;
import io.chum.store.StoreConfig;
import io.chum.store.StoreResult;
import io.chum.store.StoredKind;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Builds the chum-sync side of the side-by-side data set (peer-benchmark.md §5.2) from the same fast-import
 * stream git gets, so both hold the same leaf bytes. Run as
 * {@code java @config/jvm.args -cp bench/target/benchmarks.jar io.chum.bench.BenchData MODE --store DIR …}:
 * <ul>
 *   <li>{@code load --grant-to EMAIL [--threads T] < stream}: the leaves as BLOBs, one {@value BenchDataSet#DIR}
 *       per directory, the {@value BenchDataSet#ROOT} (CHANGE), and one IdAccess on the root's ID for EMAIL's
 *       Person (its ID object stored first). Opens the store, or creates it if there is none.</li>
 *   <li>{@code append [--threads T] < stream}: the leaves of a later stream ({@code gen.py K S SEED N}) added to
 *       the same directories; new directory objects and a new root version (CHANGE), which the IdAccess
 *       already covers.</li>
 *   <li>{@code recipes}: registers the two recipes only (a receiver needs them to import the data set).</li>
 *   <li>{@code count}: entries by kind, directory and root objects, microdata bytes of the current tree.</li>
 * </ul>
 * Each mode prints one JSON object on stdout. The store is opened with page-cache durability: this is data
 * preparation, and the benchmark does not time it. Errors: one line on stderr starting {@code BenchData: },
 * exit 1; usage errors exit 2.
 *
 * <p>Threading: {@code main} runs on one thread; leaves are stored by a {@link LeafLoader} pool.
 */
public final class BenchData {
    private static final int DEFAULT_THREADS = 4;
    private static final int MIN_CHUNK_SIZE = 4096;
    /** Enough for the generator's first lines ({@code blob}, {@code mark :1}, {@code data N}). */
    private static final int PEEK_BYTES = 256;
    private static final String USAGE = "usage: BenchData load --store DIR --grant-to EMAIL [--threads T] < stream\n"
        + "       BenchData append --store DIR [--threads T] < stream\n"
        + "       BenchData recipes --store DIR\n"
        + "       BenchData count --store DIR";

    private BenchData() {
    }

    public static void main(final String[] args) {
        final int status = run(args, System.in, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs one mode; returns the exit status. */
    static int run(final String[] args, final InputStream in, final PrintStream out, final PrintStream err) {
        try {
            final Options options = Options.parse(args);
            out.println(switch (options.mode()) {
                case "load" -> load(options, in, true);
                case "append" -> load(options, in, false);
                case "recipes" -> recipes(options);
                default -> count(options);
            });
            out.flush();
            return 0;
        } catch (final ChumException e) {
            err.println("BenchData: " + e.getMessage());
            if (e.errorCode() == ErrorCode.USAGE) {
                err.println(USAGE);
                return 2;
            }
            return 1;
        }
    }

    private static OneStore open(final Path dir, final int chunkSize) {
        // No periodic checkpoint while loading (each one forces a file); close writes one at the end.
        StoreConfig config = StoreConfig.defaults().withDurability(Durability.PAGE_CACHE)
            .withCheckpointEvents(Long.MAX_VALUE).withCheckpointInterval(Duration.ofDays(1));
        config = config.withLog(config.log().withChunkSize(chunkSize));
        return OneStore.isStore(dir) ? OneStore.open(dir, config) : OneStore.create(dir, config);
    }

    /**
     * The BLOB chunk size for leaves of {@code leafSize} bytes. Why not the default: a BLOB upload allocates whole
     * chunk buffers, and 256 KiB per 1 KiB leaf made loading two to three times slower. Why this value: every leaf
     * still becomes the same chunk records as with the default (one chunk up to the default size, default-sized
     * chunks beyond), so the sender's log looks like one written by any other client.
     */
    static int chunkSizeFor(final long leafSize) {
        final int standard = LogConfig.DEFAULT_CHUNK_SIZE;
        if (leafSize < 0 || leafSize >= standard) {
            return standard;
        }
        return Math.max(MIN_CHUNK_SIZE, Integer.highestOneBit((int) Math.max(leafSize - 1, 1)) << 1);
    }

    /** The size in the stream's first {@code data N} line, or -1; the stream is left where it was. */
    static long firstLeafSize(final BufferedInputStream in) throws IOException {
        in.mark(PEEK_BYTES);
        final byte[] head = in.readNBytes(PEEK_BYTES);
        in.reset();
        final String text = new String(head, StandardCharsets.ISO_8859_1);
        final int data = text.indexOf("\ndata ");
        final int end = data < 0 ? -1 : text.indexOf('\n', data + 1);
        if (end < 0) {
            return -1;
        }
        try {
            return Long.parseLong(text.substring(data + "\ndata ".length(), end));
        } catch (final NumberFormatException e) {
            return -1;
        }
    }

    /** {@code load} (first) or {@code append} (later leaves). */
    private static String load(final Options options, final InputStream in, final boolean first) {
        final long start = System.nanoTime();
        final BufferedInputStream stream = new BufferedInputStream(in, 1 << 16);
        final int chunkSize;
        try {
            chunkSize = chunkSizeFor(firstLeafSize(stream));
        } catch (final IOException e) {
            throw new ChumException(ErrorCode.IO, "cannot read the fast-import stream: " + e.getMessage(), e);
        }
        try (OneStore store = open(options.store(), chunkSize);
             LeafLoader leaves = new LeafLoader(store, options.threads())) {
            BenchDataSet.registerRecipes(store);
            final Hash previousRoot = BenchDataSet.currentRoot(store).orElse(null);
            if (first && previousRoot != null) {
                throw new ChumException(ErrorCode.STORE_STATE, "the store " + options.store()
                    + " already holds the data set (root " + previousRoot + "); use 'append' to add leaves");
            }
            if (!first && previousRoot == null) {
                throw new ChumException(ErrorCode.STORE_STATE, "the store " + options.store()
                    + " holds no data set to append to; use 'load' first");
            }
            final SortedMap<String, List<Hash>> dirs = first ? new TreeMap<>()
                : BenchDataSet.directories(store, previousRoot);

            // The commit's M lines come after every blob, so the leaves are still being stored while they arrive.
            final List<FileEntry> files = new ArrayList<>();
            FastImportStream.read(stream, new FastImportStream.Handler() {
                @Override
                public void blob(final int mark, final long size, final InputStream data) throws IOException {
                    leaves.add(mark, size, data);
                }

                @Override
                public void file(final int mark, final String path) {
                    files.add(new FileEntry(mark, directoryOf(path)));
                }
            });
            for (final FileEntry file : files) {
                dirs.computeIfAbsent(file.dir(), d -> new ArrayList<>()).add(leaves.hashOf(file.mark()));
            }
            leaves.awaitAll();
            final long leavesDone = System.nanoTime();

            final List<OneObject> dirObjects = new ArrayList<>(dirs.size());
            for (final Map.Entry<String, List<Hash>> d : dirs.entrySet()) {
                dirObjects.add(BenchDataSet.dir(d.getKey(), d.getValue()));
            }
            final List<Hash> dirHashes = leaves.storeAll(dirObjects);
            final StoreResult root = store.storeVersionedObject(BenchDataSet.root(dirHashes), StoreAs.CHANGE);
            final StringBuilder json = new StringBuilder(256).append("{\"mode\":\"").append(first ? "load" : "append")
                .append("\",\"leaves\":").append(leaves.leaves())
                .append(",\"bytes\":").append(leaves.bytes())
                .append(",\"newBlobs\":").append(leaves.newBlobs())
                .append(",\"dirs\":").append(dirHashes.size())
                .append(",\"root\":\"").append(root.hash().toHex())
                .append("\",\"rootId\":\"").append(root.idHash().toHex()).append('"');
            if (first) {
                json.append(",\"access\":\"").append(grant(store, root.idHash(), options.grantTo()).toHex())
                    .append('"');
            }
            final long end = System.nanoTime();
            final double leafSeconds = (leavesDone - start) / 1e9;
            return json.append(",\"leafMillis\":").append(Math.round(leafSeconds * 1e3))
                .append(",\"millis\":").append((end - start) / 1_000_000)
                .append(",\"leavesPerSecond\":")
                .append(String.format(Locale.ROOT, "%.0f", leaves.leaves() / Math.max(leafSeconds, 1e-9)))
                .append('}').toString();
        }
    }

    /** One IdAccess on the root's ID for {@code email}'s Person; returns the IdAccess object's hash. */
    private static Hash grant(final OneStore store, final IdHash rootId, final String email) {
        final IdHash person = LocalIdentity.personId(email);
        if (!store.exists(person)) {
            store.storeIdObject(LocalIdentity.personIdObject(email));
        }
        return store.createAccess(AccessRequest.forId(rootId, List.of(person), List.of(), AccessMode.ADD)).hash();
    }

    /** {@code dXX/fNNNNNNN} → {@code dXX}; the generator never nests deeper. */
    private static String directoryOf(final String path) {
        final int slash = path.indexOf('/');
        if (slash <= 0 || slash != path.lastIndexOf('/') || slash == path.length() - 1) {
            throw new ChumException(ErrorCode.USAGE, "path '" + path + "' is not DIR/FILE as the generator writes");
        }
        return path.substring(0, slash);
    }

    private static String recipes(final Options options) {
        try (OneStore store = open(options.store(), LogConfig.DEFAULT_CHUNK_SIZE)) {
            BenchDataSet.registerRecipes(store);
            return "{\"recipes\":[\"" + BenchDataSet.DIR + "\",\"" + BenchDataSet.ROOT + "\"]}";
        }
    }

    private static String count(final Options options) {
        if (!OneStore.isStore(options.store())) {
            throw new ChumException(ErrorCode.STORE_STATE, "there is no store in " + options.store());
        }
        try (OneStore store = OneStore.open(options.store(), StoreConfig.defaults())) {
            final Map<StoredKind, Integer> kinds = new EnumMap<>(StoredKind.class);
            final Map<String, Integer> types = new HashMap<>();
            store.forEachEntry(e -> {
                kinds.merge(e.kind(), 1, Integer::sum);
                if (e.kind() == StoredKind.OBJECT) {
                    types.merge(e.type(), 1, Integer::sum);
                }
            });
            long rootBytes = 0;
            long dirBytes = 0;
            final Hash root = BenchDataSet.currentRoot(store).orElse(null);
            if (root != null) {
                rootBytes = store.readMicrodata(root).length;
                for (final Object dir : store.readObject(root).getList("dirs")) {
                    dirBytes += store.readMicrodata((Hash) dir).length;
                }
            }
            return "{\"objects\":" + kinds.getOrDefault(StoredKind.OBJECT, 0)
                + ",\"idObjects\":" + kinds.getOrDefault(StoredKind.ID_OBJECT, 0)
                + ",\"blobs\":" + kinds.getOrDefault(StoredKind.BLOB, 0)
                + ",\"clobs\":" + kinds.getOrDefault(StoredKind.CLOB, 0)
                + ",\"dirs\":" + types.getOrDefault(BenchDataSet.DIR, 0)
                + ",\"roots\":" + types.getOrDefault(BenchDataSet.ROOT, 0)
                + ",\"root\":" + (root == null ? "null" : "\"" + root.toHex() + "\"")
                + ",\"rootBytes\":" + rootBytes + ",\"dirBytes\":" + dirBytes + "}";
        }
    }

    /** A commit's file entry: the leaf's mark and its directory. */
    private record FileEntry(int mark, String dir) {
    }

    /** The parsed command line. */
    private record Options(String mode, Path store, String grantTo, int threads) {
        static Options parse(final String[] args) {
            if (args.length == 0 || !List.of("load", "append", "recipes", "count").contains(args[0])) {
                throw usage(args.length == 0 ? "no mode given" : "unknown mode '" + args[0] + "'");
            }
            Path store = null;
            String grantTo = null;
            int threads = DEFAULT_THREADS;
            for (int i = 1; i < args.length; i += 2) {
                if (i + 1 == args.length) {
                    throw usage(args[i] + " needs a value");
                }
                switch (args[i]) {
                    case "--store" -> store = Path.of(args[i + 1]);
                    case "--grant-to" -> grantTo = args[i + 1];
                    case "--threads" -> threads = parseThreads(args[i + 1]);
                    default -> throw usage("unknown option '" + args[i] + "'");
                }
            }
            if (store == null) {
                throw usage(args[0] + " needs --store DIR");
            }
            if (args[0].equals("load") == (grantTo == null)) {
                throw usage(args[0].equals("load") ? "load needs --grant-to EMAIL" : "only load takes --grant-to");
            }
            return new Options(args[0], store, grantTo, threads);
        }

        private static int parseThreads(final String value) {
            try {
                final int n = Integer.parseInt(value);
                if (n >= 1 && n <= 64) {
                    return n;
                }
            } catch (final NumberFormatException e) {
                // reported below
            }
            throw usage("--threads must be 1..64, not '" + value + "'");
        }

        private static ChumException usage(final String message) {
            return new ChumException(ErrorCode.USAGE, message);
        }
    }
}
