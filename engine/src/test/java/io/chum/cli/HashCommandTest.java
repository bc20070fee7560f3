package io.chum.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HashCommandTest {
    private static final String ALICE_MICRODATA = "<div itemscope itemtype=\"//refin.io/Person\">"
        + "<span itemprop=\"email\">alice@mail.com</span><span itemprop=\"name\">Alice</span></div>";
    private static final String ALICE_ID_MICRODATA = "<div data-id-object=\"true\" itemscope itemtype=\"//refin.io/Person\">"
        + "<span itemprop=\"email\">alice@mail.com</span></div>";

    @Test
    void shouldPrintMicrodataHashAndIdHashAsJson() throws Exception {
        final CliRunner.Result r = CliRunner.run("hash", "--type", "Person", "--data",
            "{\"email\":\"alice@mail.com\",\"name\":\"Alice\"}", "--json");
        assertEquals(0, r.exitCode(), r::toString);
        final JsonNode json = r.json();
        assertEquals("Person", json.get("type").asText());
        assertEquals(ALICE_MICRODATA, json.get("microdata").asText());
        assertEquals(sha256(ALICE_MICRODATA), json.get("hash").asText());
        assertEquals(sha256(ALICE_ID_MICRODATA), json.get("idHash").asText());
    }

    @Test
    void shouldPrintNullIdHashForUnversionedTypes() {
        final String node = "0".repeat(64);
        final CliRunner.Result r = CliRunner.run("hash", "--type", "VersionNodeEdge", "--data",
            "{\"data\":\"" + node + "\",\"depth\":0,\"creationTime\":1700000000000}", "--json");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.json().get("idHash").isNull());
    }

    @Test
    void shouldPrintTextWithoutJsonFlag() {
        final CliRunner.Result r = CliRunner.run("hash", "--type", "Person", "--data",
            "{\"email\":\"alice@mail.com\",\"name\":\"Alice\"}");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().startsWith(ALICE_MICRODATA + "\n"), r::toString);
    }

    @Test
    void shouldFailWithCodedErrorOnInvalidObject() {
        final CliRunner.Result r = CliRunner.run("hash", "--type", "Person", "--data", "{\"emai\":\"x\"}");
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith("chum: CS-OBJ-UNKNOWN-PROP: "), r::toString);
        assertEquals("", r.out());
    }

    @Test
    void shouldFailWithCodedErrorOnUnknownTypeAndBadJson() {
        assertTrue(CliRunner.run("hash", "--type", "Nope", "--data", "{}").err().startsWith("chum: CS-OBJ-UNKNOWN-TYPE"));
        assertTrue(CliRunner.run("hash", "--type", "Person", "--data", "{").err().startsWith("chum: CS-JSON"));
    }

    @Test
    void shouldExitTwoOnUsageErrors() {
        final CliRunner.Result missing = CliRunner.run("hash", "--type", "Person");
        assertEquals(2, missing.exitCode(), missing::toString);
        assertTrue(missing.err().startsWith("chum: usage: "), missing::toString);
        assertEquals(2, CliRunner.run("no-such-command").exitCode());
        assertEquals(2, CliRunner.run().exitCode());
    }

    private static String sha256(final String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
