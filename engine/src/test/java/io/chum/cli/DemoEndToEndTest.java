package io.chum.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code chum demo --json} as a real process: both Chum summaries and the demo's own report on stdout, exit 0, and
 * nothing left behind. The process is the CLI's main class in a child JVM with the project's JVM flags (what
 * {@code bin/chum} runs), on the test class path: during {@code mvn verify} the jar {@code bin/chum} would run is
 * packaged only after the tests.
 */
@Timeout(300)
class DemoEndToEndTest {
    private static final int WRITES = 20;

    @TempDir
    Path tmp;

    @Test
    void shouldRunTheDemoAsAProcessAndPrintBothSummariesAndAPassingReport() throws Exception {
        final CliProcess demo = CliProcess.start("demo", "--objects", "300", "--writes", "" + WRITES, "--json",
            "--dir", tmp.toString());
        try (demo) {
            assertEquals(0, demo.awaitExit(Duration.ofSeconds(240)), demo::toString);
        }
        final List<JsonNode> lines = demo.jsonLines();
        assertEquals(3, lines.size(), demo::toString);
        final JsonNode alice = lines.get(0);
        final JsonNode bob = lines.get(1);
        final JsonNode report = lines.get(2).get("demo");
        assertEquals("alice", alice.get("side").asText(), demo::toString);
        assertEquals("bob", bob.get("side").asText(), demo::toString);

        // One chum, seen from both ends: the same Chum ID, two Chum objects, mirrored counts.
        assertEquals(alice.get("chum").get("idHash").asText(), bob.get("chum").get("idHash").asText());
        assertNotEquals(alice.get("chum").get("hash").asText(), bob.get("chum").get("hash").asText());
        assertEquals("demo", alice.get("name").asText());
        for (final JsonNode side : List.of(alice, bob)) {
            assertTrue(side.get("fullSync").asBoolean(), side::toString);
            assertEquals(0, side.get("errors").size(), side::toString);
            assertTrue(side.get("highestRemoteTimestamp").asLong() > 0, side::toString);
            assertTrue(side.get("millis").asLong() > 0, side::toString);
            for (final String kind : List.of("objects", "blobs", "clobs")) {
                assertTrue(side.get("sent").get(kind).asLong() > 0, () -> kind + " " + side);
                assertTrue(side.get("received").get(kind).asLong() > 0, () -> kind + " " + side);
            }
        }
        for (final String kind : List.of("objects", "blobs", "clobs")) {
            assertEquals(alice.get("sent").get(kind), bob.get("received").get(kind), kind);
            assertEquals(bob.get("sent").get(kind), alice.get("received").get(kind), kind);
        }
        assertEquals(report.get("bob").get("person").asText(), alice.get("remotePerson").asText());
        assertEquals(report.get("alice").get("person").asText(), bob.get("remotePerson").asText());

        // The demo's own checks: everything granted arrived, nothing else did.
        assertTrue(report.get("ok").asBoolean(), report::toString);
        assertEquals(0, report.get("failures").size(), report::toString);
        report.get("checks").fields().forEachRemaining(c -> assertTrue(c.getValue().asBoolean(), c::toString));
        // Both stores, closed and opened again from their files, held everything and loaded their keys.
        assertTrue(report.get("checks").has("reopened"), report::toString);
        // A second, one-shot chum from the first one's cursor found nothing to transfer.
        assertTrue(report.get("checks").has("secondChumIdle"), report::toString);
        assertEquals(0, report.get("secondChum").get("entries").asLong(), report::toString);
        assertEquals(0, report.get("secondChum").get("alreadyHad").asLong(), report::toString);
        for (final String name : List.of("alice", "bob")) {
            final JsonNode side = report.get(name);
            assertTrue(side.get("grantedToPeer").asLong() > 0, side::toString);
            assertTrue(side.get("withheldFromPeer").asLong() > 0, side::toString);
            assertEquals(0, side.get("missingAtPeer").asLong(), side::toString);
            assertEquals(0, side.get("leakedToPeer").asLong(), side::toString);
            assertEquals(0, side.get("verify").get("errors").asLong(), side::toString);
        }
        assertEquals(2L * WRITES, report.get("latencyMs").get("samples").asLong(), report::toString);
        assertTrue(report.get("latencyMs").get("p99").asDouble() >= report.get("latencyMs").get("p50").asDouble());
        assertEquals("TLSv1.3", report.get("sync").get("tls").asText());

        assertFalse(report.get("kept").asBoolean());
        assertFalse(Files.exists(Path.of(report.get("directory").asText())), report::toString);
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(), left.toList(), "the demo must remove its directory");
        }
        assertTrue(demo.errLines().stream().noneMatch(l -> l.startsWith("chum: ")), demo::toString);
    }

    @Test
    void shouldRefuseTooFewObjectsAsAUsageError() {
        final CliRunner.Result r = CliRunner.run("demo", "--objects", "5", "--dir", tmp.toString());
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith("chum: usage: "), r::toString);
        final CliRunner.Result writes = CliRunner.run("demo", "--writes", "0", "--dir", tmp.toString());
        assertEquals(2, writes.exitCode(), writes::toString);
        assertEquals(2, CliRunner.run("demo", "--objects", "many").exitCode());
    }

    /**
     * keepRunning writes that cannot arrive in time: exit 1, CS-DEMO, cleaned up. The exporter offers the first write
     * after a quiet spell at once; the second comes within the 100 s delay of that offer and is held back past the
     * demo's 30 s wait.
     */
    @Test
    @Tag("slow")
    void shouldExitOneWithADemoErrorWhenACheckFails() throws Exception {
        final CliRunner.Result r = CliRunner.run("demo", "--objects", "100", "--writes", "2",
            "--max-notification-delay", "100000", "--dir", tmp.toString());
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith("chum: CS-DEMO: "), r::toString);
        assertTrue(r.err().contains("did not arrive"), r::toString);
        assertTrue(r.out().contains("demo FAILED"), r::toString);
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(), left.toList(), "the demo must remove its directory also when it fails");
        }
    }
}
