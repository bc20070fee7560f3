package io.chum.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.chum.ChumException;
import io.chum.ErrorCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The error paths of the store commands: exit 1 with a coded {@code chum: CS-…} line, exit 2 for usage errors. */
@Timeout(120)
class CommandErrorsTest {
    private static final String NO_SUCH_HASH = "ab".repeat(32);

    @TempDir
    Path tmp;

    private String store;

    @BeforeEach
    void init() {
        store = tmp.resolve("alice").toString();
        final CliRunner.Result r = CliRunner.run("init", "--store", store, "--email", "alice@mail.com",
            "--instance", "MainAlice");
        assertEquals(0, r.exitCode(), r::toString);
    }

    @Test
    void shouldReportACorruptedRecordFromVerify() throws IOException {
        final JsonNode put = CliRunner.run("put", "--store", store, "--type", "Person", "--data",
            "{\"email\":\"corrupt-me@mail.com\"}", "--json").json();
        flipFirstByteOf(Path.of(store), "corrupt-me");

        final CliRunner.Result json = CliRunner.run("verify", "--store", store, "--json");
        assertEquals(1, json.exitCode(), json::toString);
        assertTrue(json.err().startsWith("chum: CS-VERIFY"), json::toString);
        final JsonNode errors = json.json().get("errors");
        assertEquals(1, errors.size(), json::toString);
        assertEquals("CS-CORRUPT", errors.get(0).get("code").asText());
        assertEquals(put.get("idHash").asText(), errors.get(0).get("hash").asText());

        final CliRunner.Result text = CliRunner.run("verify", "--store", store);
        assertEquals(1, text.exitCode(), text::toString);
        assertTrue(text.out().contains(put.get("idHash").asText() + "  CS-CORRUPT"), text::toString);
    }

    @Test
    void shouldRefuseBadRecipes() {
        expectError("CS-JSON", "recipe", "--store", store, "--data", "{bad");
        expectError("CS-RECIPE", "recipe", "--store", store, "--data", "{\"rule\":[]}");
        expectError("CS-RECIPE", "recipe", "--store", store, "--data",
            "{\"name\":\"X\",\"rule\":[{\"itemprop\":\"a\",\"itemtype\":{\"type\":\"nonsense\"}}]}");
        expectUsage("recipe", "--store", store);
    }

    @Test
    void shouldRefuseBadPuts() throws IOException {
        expectError("CS-OBJ-UNKNOWN-TYPE", "put", "--store", store, "--type", "Nope", "--data", "{}");
        expectError("CS-OBJ-MISSING", "put", "--store", store, "--type", "Person", "--data", "{\"name\":\"x\"}");
        expectError("CS-IO", "put", "--store", store, "--blob", tmp.resolve("missing.bin").toString());
        expectError("CS-IO", "put", "--store", store, "--type", "Person", "--data-file",
            tmp.resolve("missing.jsonl").toString());
        final Path file = Files.writeString(tmp.resolve("x.txt"), "x", StandardCharsets.UTF_8);
        expectUsage("put", "--store", store, "--type", "Person", "--data", "{}", "--as", "bogus");
        expectUsage("put", "--store", store, "--type", "Person", "--data", "{}", "--blob", file.toString());
        expectUsage("put", "--store", store, "--type", "Person");
    }

    @Test
    void shouldRefuseBadGrantsTrustAndMissingEntries() {
        expectUsage("grant", "--store", store, "--person", "bob@mail.com");
        expectError("CS-MISSING-REF", "grant", "--store", store, "--object", NO_SUCH_HASH, "--person", "b@mail.com");
        expectUsage("group", "--store", store, "--person", "bob@mail.com");
        expectUsage("trust", "--store", store, "--email", "b@mail.com", "--key", "11".repeat(32), "--replace",
            "--revoke");
        expectUsage("trust", "--store", store, "--email", "b@mail.com");
        expectError("CS-NOT-FOUND", "get", "--store", store, NO_SUCH_HASH, "--out", tmp.resolve("out").toString());
        final CliRunner.Result has = CliRunner.run("has", "--store", store, NO_SUCH_HASH, "--json");
        assertEquals(0, has.exitCode(), has::toString);
        assertEquals(false, has.json().get("present").asBoolean());
        expectUsage("has", "--store", store);
        expectUsage("init", "--store", tmp.resolve("other").toString(), "--email", "x@mail.com");
    }

    @Test
    void shouldNeedAnExistingStoreForEveryStoreCommand() {
        final String missing = tmp.resolve("missing").toString();
        for (final String[] args : List.of(
            new String[] {"id", "--store", missing},
            new String[] {"ls", "--store", missing},
            new String[] {"has", "--store", missing, NO_SUCH_HASH},
            new String[] {"get", "--store", missing, NO_SUCH_HASH},
            new String[] {"put", "--store", missing, "--type", "Person", "--data", "{\"email\":\"x@mail.com\"}"},
            new String[] {"recipe", "--store", missing, "--data", "{\"name\":\"X\",\"rule\":[]}"},
            new String[] {"grant", "--store", missing, "--object", NO_SUCH_HASH},
            new String[] {"group", "--store", missing, "--name", "g"},
            new String[] {"trust", "--store", missing, "--email", "b@mail.com", "--key", "11".repeat(32)},
            new String[] {"log", "--store", missing},
            new String[] {"chums", "--store", missing},
            new String[] {"verify", "--store", missing})) {
            expectError("CS-STORE-STATE", args);
        }
    }

    @Test
    void shouldSayWhatIsMissingWhenAStoresIdentityIsGoneAndNotSuggestInitAlone() throws IOException {
        Files.delete(Path.of(store, "private", "identity.json"));
        final CliRunner.Result r = CliRunner.run("id", "--store", store);
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith("chum: CS-STORE-STATE: the store at " + store + " has no owner: "), r::toString);
        assertTrue(r.err().contains("identity.json is missing") && r.err().contains("from a backup"), r::toString);
        expectError("CS-STORE-STATE", "init", "--store", store, "--email", "alice@mail.com", "--instance", "Main");
    }

    private static void expectError(final String code, final String... args) {
        final CliRunner.Result r = CliRunner.run(args);
        assertEquals(1, r.exitCode(), () -> String.join(" ", args) + "\n" + r);
        assertTrue(r.err().startsWith("chum: " + code + ": "), () -> String.join(" ", args) + "\n" + r);
        assertEquals(1, r.err().lines().count(), () -> "one error line: " + r);
    }

    private static void expectUsage(final String... args) {
        final CliRunner.Result r = CliRunner.run(args);
        assertEquals(2, r.exitCode(), () -> String.join(" ", args) + "\n" + r);
        assertTrue(r.err().startsWith("chum: "), () -> String.join(" ", args) + "\n" + r);
    }

    /** Flips one bit of the first log record containing {@code text}, as a bad disk would. */
    private static void flipFirstByteOf(final Path storeDir, final String text) throws IOException {
        final byte[] needle = text.getBytes(StandardCharsets.US_ASCII);
        try (Stream<Path> files = Files.list(storeDir.resolve("log"))) {
            for (final Path file : files.filter(p -> p.toString().endsWith(".cq4")).sorted().toList()) {
                final byte[] bytes = Files.readAllBytes(file);
                for (int i = 0; i + needle.length <= bytes.length; i++) {
                    if (Arrays.equals(bytes, i, i + needle.length, needle, 0, needle.length)) {
                        bytes[i] ^= 0x20;
                        Files.write(file, bytes);
                        return;
                    }
                }
            }
        }
        throw new IllegalStateException("no record with '" + text + "' in " + storeDir);
    }

    @Test
    void shouldReportAFaultInAMappedLogFileAsACodedError() {
        final ChumException fault = ChumCli.mappedFileFault(
            new InternalError("a fault occurred in an unsafe memory access operation"));
        assertEquals(ErrorCode.IO, fault.errorCode());
        assertTrue(fault.getMessage().startsWith("CS-IO: a fault accessing the store's memory-mapped log files (is the"
            + " disk full"), fault::getMessage);
        assertNull(ChumCli.mappedFileFault(new InternalError("something else")), "not a mapping's fault");
    }
}
