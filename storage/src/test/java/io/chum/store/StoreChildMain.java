package io.chum.store;

import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.ItemType;
import io.chum.model.OneObject;
import io.chum.model.Recipe;
import io.chum.model.Rule;
import io.chum.model.Sha256;
import io.chum.testing.OneTestRecipes;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Child-process side of the store's multi-process, crash and bounded-heap tests. Modes:
 * <ul>
 *   <li>{@code serve dir}: opens the store, prints READY, then answers commands read from stdin, one per line:
 *       {@code note TEXT} (stores a Note, prints {@code STORED hash}), {@code wait HASH} (waits up to 10 s until
 *       the hash is visible, prints {@code SEEN} or {@code TIMEOUT}), {@code versions NAME COUNT} (stores COUNT
 *       CHANGE versions of a versioned object, prints {@code DONE}), {@code heads IDHASH} (once caught up with
 *       the log, prints {@code HEADS h1,h2 CURRENT data}), {@code exit};</li>
 *   <li>{@code loop dir}: writes notes, versions and BLOBs forever; prints READY after 200 writes;</li>
 *   <li>{@code bigblob dir bytes}: creates a store, streams a generated BLOB of that size in and back out, prints
 *       {@code WRITTEN hash}, {@code READ hash} and {@code PEAKHEAP bytes}.</li>
 * </ul>
 */
final class StoreChildMain {
    /** An unversioned application type the tests register. */
    static final Recipe NOTE = new Recipe("Note", List.of(Rule.of("text", ItemType.StringType.PLAIN)));

    private StoreChildMain() {
    }

    public static void main(final String[] args) throws Exception {
        final Path dir = Paths.get(args[1]);
        switch (args[0]) {
            case "serve" -> serve(dir);
            case "loop" -> loop(dir);
            case "bigblob" -> bigBlob(dir, Long.parseLong(args[2]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static OneObject note(final String text) {
        return OneObject.of("Note", Map.of("text", text));
    }

    static OneObject version(final String name, final Hash ref) {
        return OneObject.of(OneTestRecipes.VERSIONED_REFERENCE_TEST, Map.of("name", name, "unversionedRef",
            List.of(ref)));
    }

    private static void serve(final Path dir) throws Exception {
        try (OneStore store = OneStore.open(dir, TestStores.config());
             BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            System.out.println("READY");
            System.out.flush();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                final String[] cmd = line.split(" ");
                switch (cmd[0]) {
                    case "note" -> System.out.println("STORED " + store.storeObject(note(cmd[1])).hash());
                    case "notes" -> {
                        for (int i = 0; i < Integer.parseInt(cmd[2]); i++) {
                            store.storeObject(note(cmd[1] + "-" + i));
                        }
                        System.out.println("DONE");
                    }
                    case "checkpoint" -> {
                        store.checkpoint();
                        System.out.println("CHECKPOINTED");
                    }
                    case "wait" -> System.out.println(awaitVisible(store, Hash.ofHex(cmd[1])) ? "SEEN" : "TIMEOUT");
                    case "versions" -> {
                        writeVersions(store, cmd[1], Integer.parseInt(cmd[2]), "child");
                        System.out.println("DONE");
                    }
                    case "heads" -> System.out.println(heads(store, IdHash.ofHex(cmd[1])));
                    case "exit" -> {
                        System.out.println("BYE");
                        System.out.flush();
                        return;
                    }
                    default -> throw new IllegalArgumentException(line);
                }
                System.out.flush();
            }
        }
    }

    static void writeVersions(final OneStore store, final String name, final int count, final String who) {
        for (int i = 0; i < count; i++) {
            final Hash ref = store.storeObject(note(who + "-" + name + "-" + i)).hash();
            store.storeVersionedObject(version(name, ref), StoreAs.CHANGE);
        }
    }

    /** The heads of {@code id} once this process has applied the whole log. */
    static String heads(final OneStore store, final IdHash id) throws InterruptedException {
        final long end = store.logEnd();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (store.projectedPosition() < end && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        return "HEADS " + store.heads(id).stream().map(Hash::toHex).collect(Collectors.joining(","))
            + " CURRENT " + store.currentVersion(id).map(h -> h.data().toHex()).orElse("none");
    }

    static boolean awaitVisible(final OneStore store, final Hash hash) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!store.exists(hash)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(1);
        }
        return true;
    }

    private static void loop(final Path dir) {
        final Random random = new Random(42);
        try (OneStore store = OneStore.open(dir, TestStores.config())) {
            Hash last = store.storeObject(note("start")).hash();
            for (int i = 0; ; i++) {
                if (i % 10 == 0) {
                    final byte[] blob = new byte[100_000 + random.nextInt(600_000)];
                    random.nextBytes(blob);
                    store.storeBlob(new java.io.ByteArrayInputStream(blob));
                } else if (i % 7 == 0) {
                    store.storeVersionedObject(version("doc" + i % 5, last), StoreAs.CHANGE);
                } else {
                    last = store.storeObject(note("loop " + i)).hash();
                }
                if (i == 200) {
                    System.out.println("READY");
                    System.out.flush();
                }
            }
        }
    }

    private static void bigBlob(final Path dir, final long size) throws Exception {
        try (OneStore store = OneStore.create(dir, TestStores.config())) {
            final BlobResult written = store.storeBlob(new GeneratedStream(size, 7));
            final MessageDigest digest = Sha256.newDigest();
            final byte[] buf = new byte[64 << 10];
            long read = 0;
            try (InputStream in = store.openBlob(written.hash())) {
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    digest.update(buf, 0, n);
                    read += n;
                }
            }
            final long peak = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            System.out.println("WRITTEN " + written.hash() + " " + written.size());
            System.out.println("READ " + Hash.ofBytes(digest.digest()) + " " + read);
            System.out.println("PEAKHEAP " + peak);
        }
    }

    /** Deterministic pseudo-random bytes of a given length, generated as they are read. */
    static final class GeneratedStream extends InputStream {
        private final long size;
        private long position;
        private long x;

        GeneratedStream(final long size, final long seed) {
            this.size = size;
            this.x = seed * 0x9E3779B97F4A7C15L + 1;
        }

        @Override
        public int read() {
            final byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(final byte[] b, final int off, final int len) {
            if (position >= size) {
                return -1;
            }
            final int n = (int) Math.min(len, size - position);
            for (int i = 0; i < n; i++) {
                x ^= x << 13;
                x ^= x >>> 7;
                x ^= x << 17;
                b[off + i] = (byte) x;
            }
            position += n;
            return n;
        }
    }
}
