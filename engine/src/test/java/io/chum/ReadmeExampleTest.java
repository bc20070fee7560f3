package io.chum;

// README:imports-begin
import io.chum.identity.LocalIdentity;
import io.chum.identity.TlsConfig;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.OneObject;
import io.chum.model.Recipe;
import io.chum.model.RecipeJson;
import io.chum.store.AccessMode;
import io.chum.store.AccessRequest;
import io.chum.store.OneStore;
import io.chum.store.StoreAs;
import io.chum.store.StoreConfig;
import io.chum.sync.ChumApi;
import io.chum.sync.ChumResult;
import io.chum.sync.ChumServer;
import io.chum.sync.ChumSync;
import io.chum.sync.ChumSyncOptions;
import io.chum.sync.FullSync;
import io.chum.transport.Connection;
import io.chum.transport.ServerLimits;
import io.chum.transport.TcpServer;
import io.chum.transport.TcpTransport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
// README:imports-end

import io.chum.store.VerifyListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps the Java example of {@code README.md} honest: the code between the {@code README:} markers below is the
 * README's example, statement for statement, and this test runs it (two stores, a keepRunning chum over TLS 1.3 on
 * loopback) and checks what it claims. A second test fails if the README's code block and this file drift apart.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReadmeExampleTest {
    private static final String BLOCK_MARKER = "<!-- ReadmeExampleTest -->";

    @Test
    void shouldRunTheReadmeExample(@TempDir final Path dir) throws Exception {
        final ChumResult result = syncTwoStores(dir);

        assertTrue(result.ok(), () -> "the chum recorded errors: " + result.errors());
        assertTrue(result.fullSync(), "alice's importer must have achieved full sync");
        assertEquals("MainBob", result.remoteInstance());
        assertTrue(result.sent().objects() >= 2, () -> "both versions of the note go to bob: " + result.toJson());
        try (OneStore alice = OneStore.open(dir.resolve("alice"), StoreConfig.defaults());
             OneStore bob = OneStore.open(dir.resolve("bob"), StoreConfig.defaults())) {
            final OneObject trip = OneObject.of("App$Note", Map.of("id", "trip", "text", "Packing list, v2"));
            final IdHash tripId = alice.storeVersionedObject(trip, StoreAs.CHANGE).idHash();
            assertEquals(alice.currentVersion(tripId).orElseThrow().data(),
                bob.currentVersion(tripId).orElseThrow().data(), "bob's current version is alice's latest");
            assertTrue(bob.currentVersion(result.idHash()).isPresent(), "bob stored the Chum object with the same ID");
            final OneObject diary = OneObject.of("App$Note", Map.of("id", "diary", "text", "Private"));
            final Hash diaryHash = alice.storeVersionedObject(diary, StoreAs.CHANGE).hash();
            assertTrue(alice.exists(diaryHash));
            assertFalse(bob.exists(diaryHash), "the ungranted note must stay with alice");
            assertTrue(bob.verify(VerifyListener.NONE).ok(), "bob's store verifies");
        }
    }

    @Test
    void shouldShowTheSameCodeInTheReadme() throws IOException {
        final Path root = projectRoot();
        final List<String> source = Files.readAllLines(
            root.resolve("engine/src/test/java/io/chum/ReadmeExampleTest.java"), StandardCharsets.UTF_8);
        final List<String> expected = new ArrayList<>(region(source, "// README:imports-begin",
            "// README:imports-end"));
        expected.add("");
        expected.addAll(region(source, "// README:example-begin", "// README:example-end"));

        final List<String> readme = Files.readAllLines(root.resolve("README.md"), StandardCharsets.UTF_8);
        final int marker = readme.indexOf(BLOCK_MARKER);
        assertTrue(marker >= 0, "README.md must mark its Java example with " + BLOCK_MARKER);
        final int open = readme.subList(marker, readme.size()).indexOf("```java") + marker;
        final int close = readme.subList(open + 1, readme.size()).indexOf("```") + open + 1;
        assertTrue(open > marker && close > open, "README.md: no ```java block after " + BLOCK_MARKER);

        assertEquals(String.join("\n", expected), String.join("\n", readme.subList(open + 1, close)),
            "README.md's Java example differs from ReadmeExampleTest's; update both together");
    }

    // README:example-begin
    /** Two stores sync over TLS 1.3: alice grants bob a note, bob gets it and its later versions. */
    static ChumResult syncTwoStores(Path dir) throws Exception {
        Recipe note = RecipeJson.fromJson("""
            {"name": "App$Note", "rule": [
              {"itemprop": "id", "itemtype": {"type": "string"}, "isId": true},
              {"itemprop": "text", "itemtype": {"type": "string"}}]}""");
        try (OneStore alice = OneStore.create(dir.resolve("alice"), StoreConfig.defaults());
             OneStore bob = OneStore.create(dir.resolve("bob"), StoreConfig.defaults())) {
            // Owners, keys and the application type ('chum init', 'chum recipe').
            LocalIdentity aliceId = LocalIdentity.create(alice, "alice@mail.com", "MainAlice");
            LocalIdentity bobId = LocalIdentity.create(bob, "bob@mail.com", "MainBob");
            alice.registerRecipe(note);
            bob.registerRecipe(note);
            // Each trusts the other's key as proof of the other's person ('chum trust').
            alice.trust(bobId.email(), bobId.personId(), bobId.keys().peerKey().raw(), false);
            bob.trust(aliceId.email(), aliceId.personId(), aliceId.keys().peerKey().raw(), false);

            // Alice writes two notes and grants bob every version of one ('chum put', 'chum grant --id').
            OneObject trip = OneObject.of("App$Note", Map.of("id", "trip", "text", "Packing list"));
            IdHash tripId = alice.storeVersionedObject(trip, StoreAs.CHANGE).idHash();
            alice.storeVersionedObject(OneObject.of("App$Note", Map.of("id", "diary", "text", "Private")),
                StoreAs.CHANGE);
            alice.storeIdObject(LocalIdentity.personIdObject(bobId.email()));
            alice.createAccess(AccessRequest.forId(tripId, List.of(bobId.personId()), List.of(), AccessMode.ADD));

            // Bob serves chums ('chum serve --keep-running'); a peer's trusted key says who it is.
            ChumServer chums = new ChumServer(bob, bobId, options -> options.keepRunning(true),
                result -> System.out.println("bob: " + result.toJson()),
                error -> System.err.println("bob: chum failed: " + error));
            try (TcpServer server = TcpServer.start("127.0.0.1", 0, TlsConfig.create(bobId.keys()), chums,
                ServerLimits.defaults())) {
                // Alice connects ('chum sync --keep-running'): mutual TLS 1.3, then the peer's key must be trusted.
                Connection connection = TcpTransport.connect("127.0.0.1", server.port(),
                    TlsConfig.create(aliceId.keys()), Duration.ofSeconds(10));
                IdHash peer = alice.trustedKey(connection.peerKey().raw()).orElseThrow().person();
                ChumApi chum = ChumSync.createChum(ChumSyncOptions.builder()
                    .store(alice)
                    .connection(connection)
                    .identity(aliceId)
                    .remotePersonId(peer)
                    .keepRunning(true)
                    .maxNotificationDelay(5)
                    .build());

                CompletableFuture<FullSync> fullSync = new CompletableFuture<>();
                chum.onFullSync(fullSync::complete);
                System.out.println("full sync after " + fullSync.get(60, TimeUnit.SECONDS).millis() + " ms");

                // The chum keeps running: a new version reaches bob within about maxNotificationDelay.
                Hash v2 = alice.storeVersionedObject(trip.with("text", "Packing list, v2"), StoreAs.CHANGE).hash();
                while (!bob.exists(v2)) {
                    Thread.sleep(1);
                }

                chum.stop();
                ChumResult result = chum.result().get(60, TimeUnit.SECONDS);
                System.out.println("alice: " + result.toJson());
                return result;
            }
        }
    }
    // README:example-end

    /** The lines strictly between the two marker lines, without the indentation they share. */
    private static List<String> region(final List<String> lines, final String begin, final String end) {
        int from = -1;
        int to = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().equals(begin)) {
                from = i + 1;
            } else if (lines.get(i).trim().equals(end)) {
                to = i;
            }
        }
        assertTrue(from > 0 && to >= from, "markers " + begin + " / " + end + " missing");
        final List<String> region = lines.subList(from, to);
        final int indent = region.stream().filter(l -> !l.isBlank())
            .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        final List<String> out = new ArrayList<>();
        for (final String line : region) {
            out.add(line.isBlank() ? "" : line.substring(indent));
        }
        return out;
    }

    /** The directory holding the parent pom.xml and README.md (surefire runs in the module directory). */
    private static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("README.md"))) {
            dir = dir.getParent();
        }
        assertNotNull(dir, "README.md not found above " + Path.of("").toAbsolutePath());
        return dir;
    }
}
