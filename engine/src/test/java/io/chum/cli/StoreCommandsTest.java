package io.chum.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.chum.model.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(120)
class StoreCommandsTest {
    @TempDir
    Path tmp;

    private String store;

    @BeforeEach
    void init() {
        store = tmp.resolve("alice").toString();
        final CliRunner.Result r = CliRunner.run("init", "--store", store, "--email", "alice@mail.com",
            "--instance", "MainAlice", "--json");
        assertEquals(0, r.exitCode(), r::toString);
    }

    @Test
    void shouldInitAndPrintTheSameIdentityWithId() {
        final JsonNode id = ok("id", "--store", store, "--json").json();
        assertEquals("alice@mail.com", id.get("email").asText());
        assertEquals("MainAlice", id.get("instance").asText());
        assertEquals(64, id.get("publicKey").asText().length());
        final JsonNode person = ok("hash", "--type", "Person", "--data", "{\"email\":\"alice@mail.com\"}", "--json").json();
        assertEquals(person.get("idHash").asText(), id.get("personId").asText());
        assertEquals(id, ok("id", "--store", store, "--json").json());
    }

    @Test
    void shouldRefuseToInitAnExistingStore() {
        final CliRunner.Result again = CliRunner.run("init", "--store", store, "--email", "x@y", "--instance", "X");
        assertEquals(1, again.exitCode(), again::toString);
        assertTrue(again.err().startsWith("chum: CS-STORE-STATE"), again::toString);
    }

    @Test
    void shouldPutGetHasAndListAnObject() {
        final JsonNode put = ok("put", "--store", store, "--type", "Person", "--data",
            "{\"email\":\"bob@mail.com\",\"name\":\"Bob\"}", "--json").json();
        final String hash = put.get("hash").asText();
        final JsonNode hashed = ok("hash", "--type", "Person", "--data", "{\"email\":\"bob@mail.com\",\"name\":\"Bob\"}",
            "--json").json();
        assertEquals(hashed.get("hash").asText(), hash);
        assertEquals(hashed.get("idHash").asText(), put.get("idHash").asText());
        assertEquals(hashed.get("microdata").asText() + "\n", ok("get", "--store", store, hash).out());
        assertEquals("Bob", ok("get", "--store", store, hash, "--json").json().get("name").asText());
        assertTrue(ok("has", "--store", store, hash, "--json").json().get("present").asBoolean());
        assertTrue(ok("has", "--store", store, put.get("idHash").asText(), "--json").json().get("present").asBoolean());
        assertFalse(ok("has", "--store", store, "0".repeat(64), "--json").json().get("present").asBoolean());
        final List<JsonNode> persons = ok("ls", "--store", store, "--type", "Person", "--json").jsonLines();
        assertTrue(persons.stream().anyMatch(n -> n.get("hash").asText().equals(hash)
            && n.get("kind").asText().equals("object")), persons::toString);
        assertTrue(persons.stream().anyMatch(n -> n.get("hash").asText().equals(put.get("idHash").asText())
            && n.get("kind").asText().equals("id")), persons::toString);
    }

    @Test
    void shouldStoreVersionsChangedAndMerged() {
        final String v1 = ok("put", "--store", store, "--type", "Person", "--data",
            "{\"email\":\"c@mail.com\",\"name\":\"C1\"}", "--json").json().get("hash").asText();
        final String v2 = ok("put", "--store", store, "--type", "Person", "--data",
            "{\"email\":\"c@mail.com\",\"name\":\"C2\"}", "--as", "merge", "--json").json().get("hash").asText();
        assertNotEquals(v1, v2);
        final List<JsonNode> heads = ok("log", "--store", store, "--json").jsonLines().stream()
            .filter(n -> n.get("event").asText().equals("head")).toList();
        assertEquals(v2, heads.get(heads.size() - 1).get("data").asText());
        final CliRunner.Result bad = CliRunner.run("put", "--store", store, "--type", "Person", "--data",
            "{\"email\":\"c@mail.com\"}", "--as", "sideways");
        assertEquals(2, bad.exitCode(), bad::toString);
    }

    @Test
    void shouldPutBlobsAndClobsAndReadThemBack() throws Exception {
        final byte[] bytes = new byte[300_000];
        new Random(7).nextBytes(bytes);
        final Path blob = Files.write(tmp.resolve("blob.bin"), bytes);
        final String blobHash = ok("put", "--store", store, "--blob", blob.toString(), "--json").json().get("hash").asText();
        assertEquals(sha256(bytes), blobHash);
        final Path copy = tmp.resolve("copy.bin");
        ok("get", "--store", store, blobHash, "--out", copy.toString());
        assertArrayEquals(bytes, Files.readAllBytes(copy));

        final Path clob = Files.writeString(tmp.resolve("text.html"), "<p>grüße 😀</p>", StandardCharsets.UTF_8);
        final String clobHash = ok("put", "--store", store, "--clob", clob.toString(), "--json").json().get("hash").asText();
        assertEquals(sha256(Files.readAllBytes(clob)), clobHash);
        final List<JsonNode> listed = ok("ls", "--store", store, "--json").jsonLines();
        assertTrue(listed.stream().anyMatch(n -> n.get("hash").asText().equals(clobHash)
            && n.get("kind").asText().equals("clob")));

        final CliRunner.Result asJson = CliRunner.run("get", "--store", store, blobHash, "--json");
        assertEquals(2, asJson.exitCode(), asJson::toString);
        assertTrue(asJson.err().startsWith("chum: usage: " + blobHash + " is a BLOB or CLOB: its bytes have no JSON"),
            asJson::toString);
        assertEquals("", asJson.out(), "no bytes on stdout");
        final CliRunner.Result merged = CliRunner.run("put", "--store", store, "--blob", blob.toString(), "--as",
            "merge");
        assertEquals(2, merged.exitCode(), merged::toString);
        assertTrue(merged.err().startsWith("chum: usage: --as is for versioned objects"), merged::toString);
    }

    @Test
    void shouldWriteAnObjectsJsonToAFileAndRefuseEmptyNames() throws Exception {
        final String hash = ok("put", "--store", store, "--type", "Person", "--data",
            "{\"email\":\"a@b.c\",\"name\":\"A\"}", "--json").json().get("hash").asText();
        final Path out = tmp.resolve("person.json");
        ok("get", "--store", store, hash, "--json", "--out", out.toString());
        final JsonNode written = Json.parse(Files.readString(out, StandardCharsets.UTF_8));
        assertEquals(ok("get", "--store", store, hash, "--json").json(), written);
        assertEquals("A", written.get("name").asText());
        for (final String[] args : List.of(
            new String[] {"trust", "--store", store, "--email", "", "--key", "11".repeat(32)},
            new String[] {"group", "--store", store, "--name", "", "--person", "a@b.c"},
            new String[] {"group", "--store", store, "--name", "g", "--person", ""},
            new String[] {"grant", "--store", store, "--object", hash, "--person", ""})) {
            final CliRunner.Result r = CliRunner.run(args);
            assertEquals(2, r.exitCode(), () -> String.join(" ", args) + "\n" + r);
            assertTrue(r.err().startsWith("chum: usage: "), () -> String.join(" ", args) + "\n" + r);
        }
    }

    @Test
    void shouldPutJsonLinesInOrderAndReportTheFailingLine() throws Exception {
        final Path file = tmp.resolve("people.jsonl");
        Files.writeString(file, "{\"email\":\"p1@x\"}\n\n{\"email\":\"p2@x\",\"name\":\"Two\"}\n");
        final List<JsonNode> results = ok("put", "--store", store, "--type", "Person", "--data-file", file.toString(),
            "--json").jsonLines();
        assertEquals(2, results.size());
        assertEquals(ok("hash", "--type", "Person", "--data", "{\"email\":\"p2@x\",\"name\":\"Two\"}", "--json").json()
            .get("hash").asText(), results.get(1).get("hash").asText());

        Files.writeString(file, "{\"email\":\"p3@x\"}\n{\"mail\":\"p4@x\"}\n");
        final CliRunner.Result bad = CliRunner.run("put", "--store", store, "--type", "Person", "--data-file",
            file.toString(), "--json");
        assertEquals(1, bad.exitCode(), bad::toString);
        assertTrue(bad.err().contains("line 2"), bad::toString);
        assertEquals(1, bad.jsonLines().size());
    }

    @Test
    void shouldRegisterARecipeAndUseItForHashAndPut() {
        final String recipe = "{\"name\":\"Note\",\"rule\":[{\"itemprop\":\"title\",\"isId\":true},"
            + "{\"itemprop\":\"body\",\"optional\":true}]}";
        final JsonNode registered = ok("recipe", "--store", store, "--data", recipe, "--json").json();
        assertEquals(64, registered.get("hash").asText().length());
        final CliRunner.Result unknown = CliRunner.run("hash", "--type", "Note", "--data", "{\"title\":\"t\"}");
        assertEquals(1, unknown.exitCode());
        final JsonNode hashed = ok("hash", "--store", store, "--type", "Note", "--data", "{\"title\":\"t\",\"body\":\"b\"}",
            "--json").json();
        final JsonNode put = ok("put", "--store", store, "--type", "Note", "--data", "{\"title\":\"t\",\"body\":\"b\"}",
            "--json").json();
        assertEquals(hashed.get("hash"), put.get("hash"));
        assertEquals(hashed.get("idHash"), put.get("idHash"));
    }

    @Test
    void shouldStoreARecipeAsGivenAndRefuseAChangeItsObjectsWouldNotReadTheSame() {
        // explicit defaults and a plain itemtype: ONE stores the Recipe object as written, so its hash keeps them
        final String recipe = "{\"name\":\"App$Item\",\"rule\":[{\"itemprop\":\"id\",\"isId\":true,"
            + "\"itemtype\":{\"type\":\"string\"}},{\"itemprop\":\"n\",\"optional\":false,\"isId\":false,"
            + "\"itemtype\":{\"type\":\"integer\"}}]}";
        final JsonNode asObject = ok("hash", "--type", "Recipe", "--data", recipe, "--json").json();
        final JsonNode registered = ok("recipe", "--store", store, "--data", recipe, "--json").json();
        assertEquals(asObject.get("hash"), registered.get("hash"));
        assertEquals(asObject.get("idHash"), registered.get("idHash"));
        ok("put", "--store", store, "--type", "App$Item", "--data", "{\"id\":\"x\",\"n\":5}");
        final CliRunner.Result changed = CliRunner.run("recipe", "--store", store, "--data",
            "{\"name\":\"App$Item\",\"rule\":[{\"itemprop\":\"id\",\"isId\":true}]}");
        assertEquals(1, changed.exitCode());
        assertTrue(changed.err().startsWith("chum: CS-RECIPE: Recipe App$Item would change how stored App$Item"
            + " objects read"), changed.err());
        final CliRunner.Result bad = CliRunner.run("put", "--store", store, "--type", "Recipe", "--data",
            "{\"name\":\"App$Bad\",\"rule\":[{\"itemprop\":\"a\",\"itemtype\":{\"type\":\"nonsense\"}}]}");
        assertEquals(1, bad.exitCode());
        assertTrue(bad.err().startsWith("chum: CS-RECIPE:"), bad.err());
        assertEquals(1, bad.err().lines().count(), "one line, no stack trace: " + bad.err());
        ok("verify", "--store", store);
    }

    @Test
    void shouldStoreARecipeWithItsCrdtConfig() {
        final String recipe = "{\"name\":\"App$Doc\",\"crdtConfig\":{\"text\":\"lww\"},"
            + "\"rule\":[{\"itemprop\":\"id\",\"isId\":true},{\"itemprop\":\"text\"}]}";
        final JsonNode asObject = ok("hash", "--type", "Recipe", "--data", recipe, "--json").json();
        final JsonNode registered = ok("recipe", "--store", store, "--data", recipe, "--json").json();
        assertEquals(asObject.get("hash"), registered.get("hash"));
        final JsonNode stored = ok("get", "--store", store, registered.get("hash").asText(), "--json").json();
        assertEquals("lww", stored.get("crdtConfig").get("text").asText(), stored::toString);
        ok("put", "--store", store, "--type", "App$Doc", "--data", "{\"id\":\"d\",\"text\":\"t\"}");
        final CliRunner.Result badConfig = CliRunner.run("recipe", "--store", store, "--data",
            "{\"name\":\"App$Doc2\",\"crdtConfig\":{\"text\":1},\"rule\":[{\"itemprop\":\"id\",\"isId\":true}]}");
        assertEquals(1, badConfig.exitCode(), badConfig::toString);
        assertTrue(badConfig.err().contains("crdtConfig"), badConfig::toString);
    }

    @Test
    void shouldReplayTheLogFromAPositionAndByType() {
        ok("put", "--store", store, "--type", "Person", "--data", "{\"email\":\"d@mail.com\"}");
        final List<JsonNode> all = ok("log", "--store", store, "--json").jsonLines();
        assertTrue(all.size() >= 5, all::toString);
        final long middle = all.get(all.size() / 2).get("index").asLong();
        final List<JsonNode> tail = ok("log", "--store", store, "--from", Long.toString(middle), "--json").jsonLines();
        assertEquals(middle, tail.get(0).get("index").asLong());
        assertEquals(all.subList(all.size() / 2, all.size()), tail);
        final List<JsonNode> persons = ok("log", "--store", store, "--type", "Person", "--json").jsonLines();
        assertTrue(persons.stream().allMatch(n -> n.get("type").asText().equals("Person")), persons::toString);
        final long since = all.get(all.size() - 1).get("time").asLong();
        assertFalse(ok("log", "--store", store, "--since", Long.toString(since), "--json").jsonLines().isEmpty());
    }

    @Test
    void shouldVerifyAHealthyStore() {
        ok("put", "--store", store, "--type", "Person", "--data", "{\"email\":\"e@mail.com\"}");
        final JsonNode report = ok("verify", "--store", store, "--json").json();
        assertTrue(report.get("objects").asLong() > 0);
        assertEquals(0, report.get("errors").size());
    }

    @Test
    void shouldFailClearlyWithoutAStoreOrWithAMissingHash() {
        final CliRunner.Result noStore = CliRunner.run("ls", "--store", tmp.resolve("nope").toString());
        assertEquals(1, noStore.exitCode(), noStore::toString);
        assertTrue(noStore.err().startsWith("chum: CS-STORE-STATE"), noStore::toString);
        final CliRunner.Result missingOption = CliRunner.run("ls");
        assertEquals(2, missingOption.exitCode(), missingOption::toString);
        final CliRunner.Result missing = CliRunner.run("get", "--store", store, "1".repeat(64));
        assertEquals(1, missing.exitCode(), missing::toString);
        assertTrue(missing.err().startsWith("chum: CS-NOT-FOUND"), missing::toString);
        assertEquals(2, CliRunner.run("get", "--store", store, "xyz").exitCode());
    }

    private static CliRunner.Result ok(final String... args) {
        final CliRunner.Result r = CliRunner.run(args);
        assertEquals(0, r.exitCode(), r::toString);
        return r;
    }

    private static String sha256(final byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
