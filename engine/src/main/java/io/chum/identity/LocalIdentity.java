package io.chum.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.microdata.Canonical;
import io.chum.model.CoreRecipes;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.Json;
import io.chum.model.OneObject;
import io.chum.model.RecipeRegistry;
import io.chum.store.OneStore;
import io.chum.store.StoreAs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who owns a store: the owner's email (their Person), the instance name (their Instance) and the
 * instance's keys. Created once by {@code init}; loaded by every command that speaks for the store.
 *
 * <p>{@link #create} writes the owner's Person, the Instance and a Keys object (owner = the Person's ID,
 * the public keys as hex) into the store, the keys and the instance's TLS certificate into its private
 * area (owner-only), and a small {@code identity.json} naming email and instance next to them. Immutable.
 */
public record LocalIdentity(String email, String instanceName, IdHash personId, IdHash instanceId,
                            Hash keysHash, InstanceKeys keys) {
    /** The file in the private area that names the owner's email and instance. */
    public static final String IDENTITY_FILE = "identity.json";

    private static final RecipeRegistry CORE = RecipeRegistry.withCoreRecipes();

    /** Creates the owner's objects and keys in a new store. */
    public static LocalIdentity create(final OneStore store, final String email, final String instanceName) {
        if (email == null || email.isBlank() || instanceName == null || instanceName.isBlank()) {
            throw new ChumException(ErrorCode.USAGE, "an identity needs a non-empty email and instance name");
        }
        final Path privateDir = store.privateDirectory();
        if (Files.exists(privateDir.resolve(IDENTITY_FILE))) {
            throw new ChumException(ErrorCode.STORE_STATE, "the store at " + store.directory() + " already has an owner");
        }
        final IdHash person = store.storeVersionedObject(person(email), StoreAs.CHANGE).idHash();
        final IdHash instance = store.storeVersionedObject(instance(instanceName, person), StoreAs.CHANGE).idHash();
        final InstanceKeys keys = InstanceKeys.generate();
        keys.save(privateDir);
        // The TLS certificate is made now, so that serve and sync only read it (see TlsConfig.forInstance).
        TlsConfig.forInstance(privateDir, keys);
        final Hash keysHash = store.storeObject(keysObject(person, keys)).hash();
        writeIdentityFile(privateDir, email, instanceName);
        return new LocalIdentity(email, instanceName, person, instance, keysHash, keys);
    }

    /** The identity of an initialised store; {@code CS-STORE-STATE} if {@code init} never ran on it. */
    public static LocalIdentity load(final OneStore store) {
        return load(store, null);
    }

    /**
     * {@link #load(OneStore)} with the instance keys already loaded from the store's private directory
     * ({@link InstanceKeys#load}), or null to load them here.
     */
    public static LocalIdentity load(final OneStore store, final InstanceKeys loadedKeys) {
        final Path file = store.privateDirectory().resolve(IDENTITY_FILE);
        if (!Files.exists(file)) {
            throw new ChumException(ErrorCode.STORE_STATE, "the store at " + store.directory()
                + " has no owner: " + file + " is missing ('chum init' writes it with the store; restore "
                + store.privateDirectory() + " from a backup, or make a new store with 'chum init')");
        }
        final JsonNode json;
        try {
            json = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (final IOException e) {
            throw new ChumException(ErrorCode.IO, "cannot read " + file + ": " + ChumException.describe(e), e);
        }
        final String email = json.path("email").asText("");
        final String instanceName = json.path("instance").asText("");
        final IdHash person = personId(email);
        final IdHash instance = Canonical.idHashOf(instance(instanceName, person), store.recipes());
        final InstanceKeys keys = loadedKeys != null ? loadedKeys : InstanceKeys.load(store.privateDirectory());
        final Hash keysHash = Canonical.encode(keysObject(person, keys), store.recipes()).hash();
        return new LocalIdentity(email, instanceName, person, instance, keysHash, keys);
    }

    /** The ID hash of the Person with {@code email}. */
    public static IdHash personId(final String email) {
        return Canonical.idHashOf(person(email), CORE);
    }

    /** A Person object with only an email (its ID object is the same with data-id-object). */
    public static OneObject person(final String email) {
        return OneObject.of(CoreRecipes.PERSON, Map.of("email", email));
    }

    /** The Person ID object for {@code email}, e.g. to store before granting access to that person. */
    public static OneObject personIdObject(final String email) {
        return person(email);
    }

    /** The public sign key as 64 hex characters: what peers pass to {@code chum trust --key}. */
    public String publicKeyHex() {
        return keys.publicSignKeyHex();
    }

    private static OneObject instance(final String name, final IdHash owner) {
        final Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", name);
        values.put("owner", owner);
        values.put("recipe", List.of());
        values.put("enabledReverseMapTypes", Map.of());
        values.put("enabledReverseMapTypesForIdObjects", Map.of());
        return OneObject.of(CoreRecipes.INSTANCE, values);
    }

    private static OneObject keysObject(final IdHash owner, final InstanceKeys keys) {
        final Map<String, Object> values = new LinkedHashMap<>();
        values.put("owner", owner);
        values.put("publicKey", keys.publicKeyHex());
        values.put("publicSignKey", keys.publicSignKeyHex());
        return OneObject.of(CoreRecipes.KEYS, values);
    }

    private static void writeIdentityFile(final Path privateDir, final String email, final String instanceName) {
        final ObjectNode json = Json.object();
        json.put("email", email);
        json.put("instance", instanceName);
        try {
            Files.writeString(privateDir.resolve(IDENTITY_FILE), Json.write(json) + "\n", StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new ChumException(ErrorCode.IO, "cannot write the identity file: " + ChumException.describe(e), e);
        }
    }
}
