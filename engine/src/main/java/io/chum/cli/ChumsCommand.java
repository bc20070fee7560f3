package io.chum.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chum.identity.LocalIdentity;
import io.chum.microdata.Canonical;
import io.chum.model.CoreRecipes;
import io.chum.model.Hash;
import io.chum.model.Json;
import io.chum.model.OneObject;
import io.chum.store.OneStore;
import io.chum.store.StoredEntry;
import io.chum.store.StoredKind;
import io.chum.sync.ChumLog;
import io.chum.sync.ChumResult;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** {@code chum chums}: the Chum objects of a store, one summary each. */
final class ChumsCommand implements Runnable {
    static final CommandDef DEFINITION = CommonOptions.command("chums")
        .description(
            "Lists the store's Chum objects: one summary per finished chum, oldest first.",
            "Each summary names the peer, the counts both ways, how many offered objects were already present, the "
                + "full-sync timestamp and the errors; for a chum this store ran also whether it reached full sync and "
                + "how long it took (fullSync, millis), as sync prints them.")
        .build();

    private final CommonOptions common;

    ChumsCommand(final CommonOptions common) {
        this.common = common;
    }

    @Override
    public void run() {
        try (OneStore store = common.openStore()) {
            final String local = LocalIdentity.load(store).personId().toHex();
            final List<StoredEntry> chums = new ArrayList<>();
            store.forEachEntry(e -> {
                if (e.kind() == StoredKind.OBJECT && CoreRecipes.CHUM.equals(e.type())) {
                    chums.add(e);
                }
            });
            chums.sort(Comparator.comparingLong(StoredEntry::logIndex));
            final Map<Hash, ChumResult> ran = ChumLog.endedChums(store);
            final Output out = common.output();
            for (final StoredEntry e : chums) {
                final Hash hash = (Hash) e.hash();
                final ChumResult result = ran.get(hash);
                // A chum this store ran is summed up like sync does; a Chum object from elsewhere only has its fields.
                final ObjectNode node = result != null ? result.toJson() : summary(hash, store.readObject(hash), store,
                    local);
                out.line(node, text(node));
            }
            out.flush();
        }
    }

    private static ObjectNode summary(final Hash hash, final OneObject chum, final OneStore store, final String local) {
        final ObjectNode node = Json.object();
        final ObjectNode id = node.putObject("chum");
        id.put("hash", hash.toHex());
        id.put("idHash", Canonical.idHashOf(chum, store.recipes()).toHex());
        node.put("name", chum.getString("name"));
        final List<Object> instances = chum.getList("instance");
        final List<Object> persons = chum.getList("person");
        final int remote = persons.size() == 2 && local.equals(persons.get(0)) ? 1 : 0;
        node.put("remotePerson", (String) persons.get(remote));
        node.put("remoteInstance", (String) instances.get(remote));
        counts(node.putObject("sent"), chum, "AtoB");
        counts(node.putObject("received"), chum, "BtoA");
        node.put("exists", (Long) chum.get("BtoAExists"));
        final Object errors = chum.get("errors");
        node.set("errors", errors instanceof JsonNode e && e.isArray() ? (ArrayNode) e
            : Json.array());
        node.put("highestRemoteTimestamp", (Long) chum.get("highestRemoteTimestamp"));
        return node;
    }

    private static void counts(final ObjectNode n, final OneObject chum, final String prefix) {
        n.put("objects", chum.getList(prefix + "Objects").size());
        n.put("idObjects", chum.getList(prefix + "IdObjects").size());
        n.put("blobs", chum.getList(prefix + "Blob").size());
        n.put("clobs", chum.getList(prefix + "Clob").size());
    }

    private static String text(final ObjectNode n) {
        return "chum " + n.get("name").asText() + " with " + n.get("remoteInstance").asText()
            + ": sent " + total(n.get("sent")) + ", received " + total(n.get("received"))
            + ", already had " + n.get("exists").asLong()
            + (n.has("fullSync") ? (n.get("fullSync").asBoolean() ? ", full sync" : ", no full sync") : "")
            + (n.has("millis") && n.get("millis").asLong() >= 0 ? ", " + n.get("millis").asLong() + " ms" : "")
            + ", highestRemoteTimestamp " + n.get("highestRemoteTimestamp").asLong() + ", "
            + n.get("errors").size() + " error(s)  "
            + n.get("chum").get("hash").asText();
    }

    private static long total(final JsonNode counts) {
        return counts.get("objects").asLong() + counts.get("idObjects").asLong() + counts.get("blobs").asLong()
            + counts.get("clobs").asLong();
    }
}
