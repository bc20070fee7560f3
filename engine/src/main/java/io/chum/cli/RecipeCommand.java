package io.chum.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chum.microdata.Canonical;
import io.chum.model.IdHash;
import io.chum.model.Json;
import io.chum.model.Recipe;
import io.chum.model.RecipeJson;
import io.chum.store.OneStore;

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
        final Recipe recipe = RecipeJson.fromJson(Json.parse(data));
        try (OneStore store = common.openStore()) {
            final IdHash idHash = store.registerRecipe(recipe);
            final Canonical.Encoded encoded = Canonical.encode(RecipeJson.toOneObject(recipe), store.recipes());
            final Output out = common.output();
            final ObjectNode node = out.object();
            node.put("hash", encoded.hash().toHex());
            node.put("idHash", idHash.toHex());
            out.emit(node, encoded.hash() + "  id " + idHash);
        }
    }
}
