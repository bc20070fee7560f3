package io.chum.bench;

import io.chum.identity.LocalIdentity;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.Sha256;
import io.chum.store.OneStore;
import io.chum.store.StoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** BenchData builds the data set of the git comparison from a fast-import stream in the generator's format. */
@Timeout(120)
class BenchDataTest {
    private static final long SEED = 42;
    private static final String RECEIVER = "receiver@example.org";

    @TempDir
    Path tmp;

    @Test
    void shouldLoadLeavesAsBlobsInDirectoriesUnderOneGrantedRoot() {
        final Path store = tmp.resolve("store");
        final Run load = run(stream(0, 600, 100), "load", "--store", store.toString(), "--grant-to", RECEIVER);
        assertEquals(0, load.status, load.err);
        assertTrue(load.out.contains("\"leaves\":600,"), load.out);

        final Run count = run(new byte[0], "count", "--store", store.toString());
        assertTrue(count.out.startsWith("{\"objects\":"), count.out);
        assertTrue(count.out.contains("\"blobs\":600,\"clobs\":0,\"dirs\":256,\"roots\":1,"), count.out);

        try (OneStore s = OneStore.open(store, StoreConfig.defaults())) {
            final Hash root = BenchDataSet.currentRoot(s).orElseThrow();
            final SortedMap<String, List<Hash>> dirs = BenchDataSet.directories(s, root);
            assertEquals(256, dirs.size());
            for (int i = 0; i < 600; i++) {
                final String dir = String.format("d%02x", i % 256);
                assertTrue(dirs.get(dir).contains(Sha256.hash(leaf(i, 100))), "leaf " + i + " in " + dir);
            }
            final IdHash person = LocalIdentity.personId(RECEIVER);
            assertTrue(s.exists(person), "the Person ID object is stored before the grant");
            assertEquals(Set.of(BenchDataSet.rootId(s)), s.grantsFor(person).ids());
            assertTrue(s.grantsFor(person).objects().isEmpty(), "one IdAccess, no Access");
        }
    }

    @Test
    void shouldAppendLaterLeavesToTheSameDirectoriesAsANewRootVersion() {
        final Path store = tmp.resolve("store");
        assertEquals(0, run(stream(0, 300, 64), "load", "--store", store.toString(), "--grant-to", RECEIVER).status);
        final Run append = run(stream(300, 5, 64), "append", "--store", store.toString());
        assertEquals(0, append.status, append.err);
        assertTrue(append.out.contains("\"leaves\":5,\"bytes\":320,\"newBlobs\":5,\"dirs\":256,"), append.out);

        try (OneStore s = OneStore.open(store, StoreConfig.defaults())) {
            final IdHash rootId = BenchDataSet.rootId(s);
            assertEquals(2, s.versionNodes(rootId).size(), "one version per load or append");
            final Hash root = BenchDataSet.currentRoot(s).orElseThrow();
            final SortedMap<String, List<Hash>> dirs = BenchDataSet.directories(s, root);
            final Set<Hash> all = new HashSet<>();
            dirs.values().forEach(all::addAll);
            assertEquals(305, all.size());
            // leaf 300 goes to d2c (300 mod 256 = 44), next to leaf 44, as in git
            assertTrue(dirs.get("d2c").containsAll(List.of(Sha256.hash(leaf(44, 64)), Sha256.hash(leaf(300, 64)))));
            assertEquals(Set.of(rootId), s.grantsFor(LocalIdentity.personId(RECEIVER)).ids(),
                "the IdAccess covers the new version");
        }
    }

    @Test
    void shouldRefuseASecondLoadAndAnAppendWithoutData() {
        final Path store = tmp.resolve("store");
        final Run early = run(stream(0, 2, 10), "append", "--store", store.toString());
        assertEquals(1, early.status);
        assertTrue(early.err.startsWith("BenchData: CS-STORE-STATE: "), early.err);
        assertEquals(0, run(stream(0, 2, 10), "load", "--store", store.toString(), "--grant-to", RECEIVER).status);
        final Run again = run(stream(0, 2, 10), "load", "--store", store.toString(), "--grant-to", RECEIVER);
        assertEquals(1, again.status);
        assertTrue(again.err.contains("use 'append'"), again.err);
    }

    @Test
    void shouldRefuseStreamsOutsideTheGeneratorsSubsetAndBadArguments() {
        final byte[] reset = "reset refs/heads/main\n".getBytes(StandardCharsets.US_ASCII);
        final Run bad = run(reset, "load", "--store", tmp.resolve("s").toString(), "--grant-to", RECEIVER);
        assertEquals(2, bad.status);
        assertTrue(bad.err.contains("fast-import line 1: unsupported 'reset refs/heads/main'"), bad.err);

        final byte[] truncated = "blob\nmark :1\ndata 10\nabc".getBytes(StandardCharsets.US_ASCII);
        final Run cut = run(truncated, "load", "--store", tmp.resolve("t").toString(), "--grant-to", RECEIVER);
        assertEquals(1, cut.status);
        assertTrue(cut.err.contains("ends 7 bytes before the end of a 'data' block"), cut.err);

        assertEquals(2, run(new byte[0], "load", "--store", tmp.resolve("u").toString()).status);
        assertEquals(2, run(new byte[0], "frobnicate").status);
        assertEquals(2, run(new byte[0], "count", "--store", "x", "--threads", "0").status);
    }

    @Test
    void shouldPickAChunkSizeThatKeepsEachSmallLeafInOneChunk() {
        assertEquals(4096, BenchData.chunkSizeFor(1024));
        assertEquals(4096, BenchData.chunkSizeFor(0));
        assertEquals(4096, BenchData.chunkSizeFor(4096));
        assertEquals(8192, BenchData.chunkSizeFor(4097));
        assertEquals(64 << 10, BenchData.chunkSizeFor(64 << 10));
        assertEquals(256 << 10, BenchData.chunkSizeFor(4 << 20));
        assertEquals(256 << 10, BenchData.chunkSizeFor(-1));
    }

    /** Leaf {@code i}'s bytes in these tests (the real generator uses Python's PRNG; the format is what counts). */
    private static byte[] leaf(final int i, final int size) {
        final byte[] b = new byte[size];
        new SplittableRandom(SEED * 1_000_003 + i).nextBytes(b);
        return b;
    }

    /** A stream in bench/gen.py's format: leaves first .. first+count-1, one commit (a child one if first > 0). */
    private static byte[] stream(final int first, final int count, final int size) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int k = 0; k < count; k++) {
            out.writeBytes(("blob\nmark :" + (k + 1) + "\ndata " + size + "\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(leaf(first + k, size));
            out.write('\n');
        }
        final List<String> lines = new ArrayList<>(List.of("commit refs/heads/main", "committer b <b@x> 0 +0000",
            "data 4", first == 0 ? "bulk" : "more"));
        if (first > 0) {
            lines.add("from refs/heads/main^0");
        }
        for (int k = 0; k < count; k++) {
            final int i = first + k;
            lines.add(String.format("M 100644 :%d d%02x/f%07d", k + 1, i % 256, i));
        }
        lines.add("");
        out.writeBytes((String.join("\n", lines) + "\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static Run run(final byte[] stdin, final String... args) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int status = BenchData.run(args, new ByteArrayInputStream(stdin),
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int status, String out, String err) {
    }
}
