package io.chum.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chum.model.CoreRecipes;
import io.chum.model.Json;
import io.chum.model.ObjectJson;
import io.chum.model.RecipeJson;
import io.chum.store.OneStore;
import io.chum.store.StoreAs;
import io.chum.store.StoreResult;

/** {@code chum recipe}: registers an application type as a ONE Recipe object. */
final class RecipeCommand implements Runnable {
    static final CommandDef DEFINITION = CommonOptions.command("recipe")
        .description(
            "Registers an application type as a ONE Recipe object; it then works in put, hash --store and sync.",
            "JSON in: {\"name\":…,\"rule\":[{\"itemprop\":…,\"itemtype\":{…},\"isId\"?,\"optional\"?}]} "
                + "(itemtype as in ONE). JSON out: {\"hash\",\"idHash\"}.")
        .required("--data", "JSON", "The recipe as JSON.")
        .footer(
            "", "Example:",
            "  chum recipe --store /tmp/alice --data '{\"name\":\"App$Note\",\"rule\":[",
            "    {\"itemprop\":\"id\",\"itemtype\":{\"type\":\"string\"},\"isId\":true},",
            "    {\"itemprop\":\"text\",\"itemtype\":{\"type\":\"string\"}}]}'")
        .build();

    private final CommonOptions common;
    private final String data;

    RecipeCommand(final CommonOptions common) {
        this.common = common;
        this.data = common.args().value("--data");
    }

    @Override
    public void run() {
        final JsonNode json = Json.parse(data);
        // The recipe's own checks first, for messages that name the rule; the Recipe object is then stored as
        // given, as ONE stores it, so that it has the hash ONE gives the same JSON.
        RecipeJson.fromJson(json);
        try (OneStore store = common.openStore()) {
            final StoreResult result = store.storeVersionedObject(
                ObjectJson.fromJson(json, CoreRecipes.RECIPE, store.recipes()), StoreAs.CHANGE);
            final Output out = common.output();
            final ObjectNode node = out.object();
            node.put("hash", result.hash().toHex());
            node.put("idHash", result.idHash().toHex());
            out.emit(node, result.hash() + "  id " + result.idHash());
        }
    }
}
