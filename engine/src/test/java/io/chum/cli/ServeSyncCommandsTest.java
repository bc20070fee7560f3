package io.chum.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.chum.store.OneStore;
import io.chum.store.StoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code serve}, {@code sync}, {@code chums} and {@code log --chum} together: bob's {@code chum serve} runs as a real
 * process (it ends on SIGTERM only), the other commands in this JVM.
 */
@Timeout(300)
class ServeSyncCommandsTest {
    private static final Pattern SERVING = Pattern.compile("^chum: serving .* on 127\\.0\\.0\\.1:(\\d+)$");
    private static final Duration STARTUP = Duration.ofSeconds(120);

    @TempDir
    Path tmp;

    @Test
    void shouldSyncWithAServeProcessRefuseUntrustedPeersAndStopOnSigterm() throws Exception {
        final String alice = store("alice");
        final String bob = store("bob");
        final String carol = store("carol");
        final String dave = store("dave");
        final JsonNode aliceId = identity(alice);
        final JsonNode bobId = identity(bob);
        final String bobKey = bobId.get("publicKey").asText();
        ok("trust", "--store", alice, "--email", "bob@mail.com", "--key", bobKey);
        ok("trust", "--store", bob, "--email", "alice@mail.com", "--key", aliceId.get("publicKey").asText());
        // carol trusts bob, but bob does not trust carol; dave trusts nobody.
        ok("trust", "--store", carol, "--email", "bob@mail.com", "--key", bobKey);

        final String aliceShared = put(alice, "{\"email\":\"from-alice@mail.com\",\"name\":\"Shared\"}");
        final String alicePrivate = put(alice, "{\"email\":\"secret-of-alice@mail.com\"}");
        ok("grant", "--store", alice, "--object", aliceShared, "--person", "bob@mail.com");
        final JsonNode bobShared = ok("put", "--store", bob, "--type", "Person", "--data",
            "{\"email\":\"from-bob@mail.com\"}", "--json").json();
        final String bobPrivate = put(bob, "{\"email\":\"secret-of-bob@mail.com\"}");
        ok("grant", "--store", bob, "--id", bobShared.get("idHash").asText(), "--person", "alice@mail.com");

        final JsonNode synced;
        try (CliProcess serve = CliProcess.start("serve", "--store", bob, "--listen", "127.0.0.1:0", "--json")) {
            final String address = address(serve);

            synced = ok("sync", "--store", alice, "--connect", address, "--json").json();
            assertTrue(synced.get("fullSync").asBoolean(), synced::toString);
            assertEquals(0, synced.get("errors").size(), synced::toString);
            assertEquals(bobId.get("personId").asText(), synced.get("remotePerson").asText());
            assertTrue(synced.get("sent").get("objects").asLong() >= 1, synced::toString);
            assertTrue(synced.get("received").get("objects").asLong() >= 1, synced::toString);
            assertTrue(present(alice, bobShared.get("hash").asText()));
            assertFalse(present(alice, bobPrivate));

            final CliRunner.Result refused = CliRunner.run("sync", "--store", carol, "--connect", address);
            assertEquals(1, refused.exitCode(), refused::toString);
            assertTrue(refused.err().startsWith("chum: CS-UNTRUSTED"), refused::toString);
            final CliRunner.Result untrustedServer = CliRunner.run("sync", "--store", dave, "--connect", address);
            assertEquals(1, untrustedServer.exitCode(), untrustedServer::toString);
            assertTrue(untrustedServer.err().startsWith("chum: CS-UNTRUSTED"), untrustedServer::toString);
            assertTrue(untrustedServer.err().contains(bobKey), untrustedServer::toString);

            serve.terminate();
            assertEquals(0, serve.awaitExit(STARTUP), serve::toString);
            final List<JsonNode> served = serve.jsonLines();
            assertEquals(1, served.size(), serve::toString);
            assertEquals(synced.get("chum").get("idHash"), served.get(0).get("chum").get("idHash"));
            // ID objects are not compared: an importer counts the ID object it stores with a versioned object.
            for (final String kind : List.of("objects", "blobs", "clobs")) {
                assertEquals(synced.get("sent").get(kind), served.get(0).get("received").get(kind), kind);
                assertEquals(synced.get("received").get(kind), served.get(0).get("sent").get(kind), kind);
            }
            assertEquals(aliceId.get("personId").asText(), served.get(0).get("remotePerson").asText());
            assertTrue(serve.errLines().stream().anyMatch(l -> l.startsWith("chum: stopping")), serve::toString);
        }
        assertTrue(present(bob, aliceShared));
        assertFalse(present(bob, alicePrivate));
        assertEquals(0, ok("verify", "--store", bob, "--json").json().get("errors").size());

        final JsonNode chum = ok("chums", "--store", alice, "--json").json();
        assertEquals(synced.get("chum"), chum.get("chum"));
        assertEquals(synced.get("sent"), chum.get("sent"));
        assertEquals(synced.get("received"), chum.get("received"));
        assertEquals(synced.get("highestRemoteTimestamp"), chum.get("highestRemoteTimestamp"));
        assertEquals(synced.get("fullSync"), chum.get("fullSync"));
        assertEquals(synced.get("millis"), chum.get("millis"));
        assertEquals(synced, chum, "chums sums up a chum it ran exactly as sync did");

        shouldListTheEventsOfOneChum(alice, synced, bobShared.get("hash").asText(), alicePrivate);
    }

    @Test
    void shouldSayThatAChumEndsAfterItsFullSyncsWhenTheServeDoesNotKeepItRunning() throws Exception {
        final String alice = store("alice");
        final String bob = store("bob");
        trustEachOther(alice, bob);
        try (CliProcess serve = CliProcess.start("serve", "--store", bob, "--listen", "127.0.0.1:0")) {
            try (CliProcess sync = CliProcess.start("sync", "--store", alice, "--connect", address(serve),
                    "--keep-running", "--json")) {
                assertEquals(0, sync.awaitExit(STARTUP), sync::toString);
                assertTrue(sync.jsonLines().get(0).get("fullSync").asBoolean(), sync::toString);
                assertTrue(sync.errLines().stream().anyMatch(l -> l.contains("does not keep chums running: this one "
                    + "ends after both full syncs")), sync::toString);
            }
            serve.terminate();
            assertEquals(0, serve.awaitExit(STARTUP), serve::toString);
        }
    }

    @Test
    void shouldLeaveAChumRunningInAnotherProcessAloneAndLogItOnceThatProcessIsGone() throws Exception {
        final String alice = store("alice");
        final String bob = store("bob");
        trustEachOther(alice, bob);
        try (CliProcess serve = CliProcess.start("serve", "--store", bob, "--listen", "127.0.0.1:0", "--keep-running")) {
            final String address = address(serve);
            try (CliProcess running = CliProcess.start("sync", "--store", alice, "--connect", address,
                    "--keep-running")) {
                awaitFullSyncRecords(alice, 1, running);
                // Opening alice's store for a second chum must not log the first, still running, as interrupted.
                final JsonNode second = ok("sync", "--store", alice, "--connect", address, "--json").json();
                assertEquals(0, second.get("errors").size(), second::toString);
                assertEquals(1, ok("chums", "--store", alice).out().lines().count(), "only the second chum ended");
                running.kill();
                running.awaitExit(STARTUP);
            }
            // Once its process is gone, the next open logs it.
            ok("sync", "--store", alice, "--connect", address);
            final List<String> chums = ok("chums", "--store", alice, "--json").out().lines().toList();
            assertEquals(3, chums.size(), String.join("\n", chums));
            assertEquals(1, chums.stream().filter(l -> l.contains("\"CS-INTERRUPTED\"")).count(),
                String.join("\n", chums));
            serve.terminate();
            assertEquals(0, serve.awaitExit(STARTUP), serve::toString);
        }
        assertEquals(0, ok("verify", "--store", alice, "--json").json().get("errors").size());
        try (Stream<Path> left = Files.list(Path.of(bob, "running"))) {
            assertEquals(List.of(), left.toList(), "a serve that ended normally leaves no runner file");
        }
    }

    /** Waits until alice's log holds {@code count} FULL_SYNC records: the chum of {@code running} is under way. */
    private static void awaitFullSyncRecords(final String store, final int count, final CliProcess running)
        throws InterruptedException {
        final long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            final long n = ok("log", "--store", store).out().lines().filter(l -> l.contains("FULL_SYNC ")).count();
            if (n >= count) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no full sync in " + store + "\n" + running);
    }

    private static void shouldListTheEventsOfOneChum(final String alice, final JsonNode synced,
                                                     final String imported, final String unrelated) {
        final String chumId = synced.get("chum").get("idHash").asText();
        final List<JsonNode> events = ok("log", "--store", alice, "--chum", chumId, "--json").jsonLines();
        assertEquals("chum", events.get(0).get("event").asText(), events::toString);
        final long session = events.get(0).get("index").asLong();
        assertTrue(events.stream().anyMatch(e -> imported.equals(e.path("hash").asText())
            && e.get("origin").asLong() == session), events::toString);
        assertTrue(events.stream().noneMatch(e -> unrelated.equals(e.path("hash").asText())), events::toString);
        assertTrue(events.stream().anyMatch(e -> synced.get("chum").get("hash").asText()
            .equals(e.path("hash").asText())), () -> "the Chum object: " + events);
        // The Chum object is stored before END (so a chum without one is logged as interrupted on reopen).
        final JsonNode last = events.get(events.size() - 1);
        assertEquals("END", last.path("chumRecord").asText(), events::toString);
        final JsonNode head = events.get(events.size() - 2);
        assertEquals("head", head.get("event").asText(), events::toString);
        assertEquals(chumId, head.get("idHash").asText());
        final List<String> text = List.of(ok("log", "--store", alice, "--chum", chumId).out().split("\n"));
        assertEquals(events.size(), text.size());
        assertTrue(text.get(0).contains("START"), text::toString);
    }

    @Test
    void shouldFailClearlyWithoutAPeerOrWithBadArguments() {
        final String alice = store("alice");
        final CliRunner.Result nobody = CliRunner.run("sync", "--store", alice, "--connect", "127.0.0.1:1");
        assertEquals(1, nobody.exitCode(), nobody::toString);
        assertTrue(nobody.err().startsWith("chum: CS-CONN-CLOSED"), nobody::toString);
        for (final String[] usage : List.of(
            new String[] {"sync", "--store", alice},
            new String[] {"sync", "--store", alice, "--connect", "no-port"},
            new String[] {"sync", "--store", alice, "--connect", "127.0.0.1:99999"},
            new String[] {"serve", "--store", alice},
            new String[] {"serve", "--store", alice, "--listen", "127.0.0.1:http"},
            new String[] {"chums"},
            new String[] {"log", "--store", alice, "--chum", "xyz"},
            new String[] {"log", "--store", alice, "--from", "1", "--since", "2"})) {
            final CliRunner.Result r = CliRunner.run(usage);
            assertEquals(2, r.exitCode(), () -> String.join(" ", usage) + "\n" + r);
            assertTrue(r.err().startsWith("chum: "), r::toString);
        }
        final String missing = tmp.resolve("missing").toString();
        for (final String command : List.of("serve", "sync")) {
            final String option = command.equals("serve") ? "--listen" : "--connect";
            final CliRunner.Result r = CliRunner.run(command, "--store", missing, option, "127.0.0.1:1");
            assertEquals(1, r.exitCode(), r::toString);
            assertTrue(r.err().startsWith("chum: CS-STORE-STATE"), r::toString);
        }
        // A store that was never initialised has no keys: sync says so, not what the connection made of that.
        final Path bare = tmp.resolve("bare");
        OneStore.create(bare, StoreConfig.defaults()).close();
        final CliRunner.Result noOwner = CliRunner.run("sync", "--store", bare.toString(), "--connect", "127.0.0.1:1");
        assertEquals(1, noOwner.exitCode(), noOwner::toString);
        assertTrue(noOwner.err().startsWith("chum: CS-STORE-STATE") && noOwner.err().contains("chum init"),
            noOwner::toString);
        assertEquals("", ok("chums", "--store", alice, "--json").out());
        final CliRunner.Result unknown = CliRunner.run("log", "--store", alice, "--chum", "ab".repeat(32));
        assertEquals(1, unknown.exitCode(), unknown::toString);
        assertTrue(unknown.err().startsWith("chum: CS-NOT-FOUND"), unknown::toString);
    }

    private static void trustEachOther(final String alice, final String bob) {
        ok("trust", "--store", alice, "--email", "bob@mail.com", "--key", identity(bob).get("publicKey").asText());
        ok("trust", "--store", bob, "--email", "alice@mail.com", "--key", identity(alice).get("publicKey").asText());
    }

    /** The address a serve process listens on, once it says so. */
    private static String address(final CliProcess serve) throws InterruptedException {
        final Matcher m = SERVING.matcher(serve.awaitErrLine("chum: serving", STARTUP));
        assertTrue(m.matches(), serve::toString);
        return "127.0.0.1:" + m.group(1);
    }

    private String store(final String name) {
        final String dir = tmp.resolve(name).toString();
        ok("init", "--store", dir, "--email", name + "@mail.com", "--instance", name + "-laptop");
        return dir;
    }

    private static JsonNode identity(final String store) {
        return ok("id", "--store", store, "--json").json();
    }

    private static String put(final String store, final String person) {
        return ok("put", "--store", store, "--type", "Person", "--data", person, "--json").json().get("hash").asText();
    }

    private static boolean present(final String store, final String hash) {
        return ok("has", "--store", store, hash, "--json").json().get("present").asBoolean();
    }

    private static CliRunner.Result ok(final String... args) {
        final CliRunner.Result r = CliRunner.run(args);
        assertEquals(0, r.exitCode(), () -> String.join(" ", args) + "\n" + r);
        return r;
    }
}
