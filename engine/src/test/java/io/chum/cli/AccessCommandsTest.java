package io.chum.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.chum.identity.LocalIdentity;
import io.chum.identity.PeerKey;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.store.AccessGrants;
import io.chum.store.OneStore;
import io.chum.store.StoreConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(120)
class AccessCommandsTest {
    @TempDir
    Path tmp;

    private String store;
    private String objectHash;
    private String objectId;

    @BeforeEach
    void init() {
        store = tmp.resolve("alice").toString();
        ok("init", "--store", store, "--email", "alice@mail.com", "--instance", "MainAlice");
        final JsonNode put = ok("put", "--store", store, "--type", "Person", "--data",
            "{\"email\":\"shared@mail.com\",\"name\":\"Shared\"}", "--json").json();
        objectHash = put.get("hash").asText();
        objectId = put.get("idHash").asText();
    }

    @Test
    void shouldGrantAnObjectAndAnIdToPersonsByEmail() {
        final JsonNode access = ok("grant", "--store", store, "--object", objectHash, "--person", "bob@mail.com",
            "--json").json();
        assertEquals(64, access.get("hash").asText().length());
        ok("grant", "--store", store, "--id", objectId, "--person", "bob@mail.com", "--person", "carol@mail.com");
        final AccessGrants bob = grantsFor("bob@mail.com");
        assertEquals(Set.of(Hash.ofHex(objectHash)), bob.objects());
        assertEquals(Set.of(IdHash.ofHex(objectId)), bob.ids());
        assertEquals(Set.of(IdHash.ofHex(objectId)), grantsFor("carol@mail.com").ids());
    }

    @Test
    void shouldReplaceAndRevokeAGrant() {
        ok("grant", "--store", store, "--object", objectHash, "--person", "bob@mail.com");
        ok("grant", "--store", store, "--object", objectHash, "--person", "carol@mail.com", "--mode", "replace");
        assertTrue(grantsFor("bob@mail.com").objects().isEmpty());
        assertEquals(1, grantsFor("carol@mail.com").objects().size());
        ok("grant", "--store", store, "--object", objectHash, "--mode", "replace");
        assertTrue(grantsFor("carol@mail.com").isEmpty());
        assertEquals(2, CliRunner.run("grant", "--store", store, "--object", objectHash, "--mode", "sideways").exitCode());
    }

    @Test
    void shouldGrantThroughTheCurrentVersionOfAGroup() {
        ok("group", "--store", store, "--name", "friends", "--person", "bob@mail.com", "--person", "dave@mail.com");
        ok("grant", "--store", store, "--id", objectId, "--group", "friends");
        assertEquals(Set.of(IdHash.ofHex(objectId)), grantsFor("dave@mail.com").ids());
        ok("group", "--store", store, "--name", "friends", "--person", "bob@mail.com");
        assertTrue(grantsFor("dave@mail.com").isEmpty());
        assertFalse(grantsFor("bob@mail.com").isEmpty());
        final CliRunner.Result unknown = CliRunner.run("grant", "--store", store, "--id", objectId, "--group", "nobody");
        assertEquals(1, unknown.exitCode(), unknown::toString);
        assertTrue(unknown.err().startsWith("chum: CS-NOT-FOUND"), unknown::toString);
    }

    @Test
    void shouldTrustReplaceAndRevokeKeys() {
        final String k1 = "11".repeat(32);
        final String k2 = "22".repeat(32);
        final String k3 = "33".repeat(32);
        final JsonNode trusted = ok("trust", "--store", store, "--email", "bob@mail.com", "--key", k1, "--json").json();
        assertEquals(LocalIdentity.personId("bob@mail.com").toHex(), trusted.get("personId").asText());
        ok("trust", "--store", store, "--email", "bob@mail.com", "--key", k2);
        try (OneStore s = open()) {
            assertEquals(2, s.trustedKeysOf(LocalIdentity.personId("bob@mail.com")).size());
        }
        ok("trust", "--store", store, "--email", "bob@mail.com", "--key", k3, "--replace");
        ok("trust", "--store", store, "--email", "bob@mail.com", "--key", k3, "--revoke");
        try (OneStore s = open()) {
            assertTrue(s.trustedKey(PeerKey.fromHex(k1).raw()).isEmpty());
            assertTrue(s.trustedKey(PeerKey.fromHex(k2).raw()).isEmpty());
            assertTrue(s.trustedKey(PeerKey.fromHex(k3).raw()).isEmpty());
        }
        final CliRunner.Result badKey = CliRunner.run("trust", "--store", store, "--email", "b@x", "--key", "zz");
        assertEquals(2, badKey.exitCode(), badKey::toString);
        final String own = ok("id", "--store", store, "--json").json().get("publicKey").asText();
        assertEquals(2, CliRunner.run("trust", "--store", store, "--email", "b@x", "--key", own).exitCode());
    }

    @Test
    void shouldRefuseToMoveAKeyToAnotherPersonOrRevokeItForOneItIsNotTrustedFor() {
        final String bobsKey = "44".repeat(32);
        final String carolsKey = "55".repeat(32);
        ok("trust", "--store", store, "--email", "bob@mail.com", "--key", bobsKey);
        ok("trust", "--store", store, "--email", "carol@mail.com", "--key", carolsKey);
        final CliRunner.Result moved = CliRunner.run("trust", "--store", store, "--email", "mallory@mail.com",
            "--key", bobsKey, "--replace");
        assertEquals(1, moved.exitCode(), moved::toString);
        assertTrue(moved.err().startsWith("chum: CS-TRUST-CONFLICT: key " + bobsKey + " is trusted for bob@mail.com"),
            moved::toString);
        final CliRunner.Result revoked = CliRunner.run("trust", "--store", store, "--email", "carol@mail.com",
            "--key", bobsKey, "--revoke");
        assertEquals(1, revoked.exitCode(), revoked::toString);
        assertTrue(revoked.err().contains("is not trusted for carol@mail.com; it is trusted for bob@mail.com"),
            revoked::toString);
        try (OneStore s = open()) {
            assertEquals(LocalIdentity.personId("bob@mail.com"),
                s.trustedKey(PeerKey.fromHex(bobsKey).raw()).orElseThrow().person(), "bob keeps his key");
            assertEquals(1, s.trustedKeysOf(LocalIdentity.personId("carol@mail.com")).size(),
                "a refused --replace revokes nothing");
        }
        // the explicit way: revoke it for bob, then trust it for carol
        ok("trust", "--store", store, "--email", "bob@mail.com", "--key", bobsKey, "--revoke");
        ok("trust", "--store", store, "--email", "carol@mail.com", "--key", bobsKey);
        ok("trust", "--store", store, "--email", "carol@mail.com", "--key", bobsKey);
    }

    @Test
    void shouldTakeOnlyPersonsAsMembersAndGranteesAndEachOnce() {
        final String bobId = LocalIdentity.personId("bob@mail.com").toHex();
        final JsonNode group = ok("group", "--store", store, "--name", "pair", "--person", "bob@mail.com",
            "--person", bobId, "--person", "bob@mail.com", "--json").json();
        try (OneStore s = open()) {
            assertEquals(List.of(LocalIdentity.personId("bob@mail.com")),
                s.readObject(Hash.ofHex(group.get("hash").asText())).getList("person"), "one member, once");
        }
        final JsonNode upper = ok("group", "--store", store, "--name", "upper", "--person",
            bobId.toUpperCase(java.util.Locale.ROOT), "--json").json();
        try (OneStore s = open()) {
            assertEquals(List.of(LocalIdentity.personId("bob@mail.com")),
                s.readObject(Hash.ofHex(upper.get("hash").asText())).getList("person"), "an upper-case ID is the ID");
        }
        final String groupId = group.get("idHash").asText();
        final CliRunner.Result asMember = CliRunner.run("group", "--store", store, "--name", "nested", "--person",
            groupId);
        assertEquals(1, asMember.exitCode(), asMember::toString);
        assertTrue(asMember.err().startsWith("chum: CS-OBJ-WRONG-TYPE: " + groupId + " is the ID hash of a Group"),
            asMember::toString);
        final CliRunner.Result unknown = CliRunner.run("grant", "--store", store, "--id", groupId, "--person",
            "ab".repeat(32));
        assertEquals(1, unknown.exitCode(), unknown::toString);
        assertTrue(unknown.err().startsWith("chum: CS-NOT-FOUND: no Person ID object"), unknown::toString);
    }

    private AccessGrants grantsFor(final String email) {
        try (OneStore s = open()) {
            return s.grantsFor(LocalIdentity.personId(email));
        }
    }

    private OneStore open() {
        return OneStore.open(Path.of(store), StoreConfig.defaults());
    }

    private static CliRunner.Result ok(final String... args) {
        final CliRunner.Result r = CliRunner.run(args);
        assertEquals(0, r.exitCode(), r::toString);
        return r;
    }
}
