package io.chum.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chum.microdata.Canonical;
import io.chum.model.IdHash;
import io.chum.model.Json;
import io.chum.model.Recipe;
import io.chum.model.RecipeJson;
import io.chum.store.OneStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code chum recipe}: registers an application type as a ONE Recipe object. */
@Command(name = "recipe",
    description = {
        "Registers an application type as a ONE Recipe object; it then works in put, hash --store and sync.",
        "JSON in: {\"name\":…,\"rule\":[{\"itemprop\":…,\"itemtype\":{…},\"isId\"?,\"optional\"?}]} "
            + "(itemtype as in ONE). JSON out: {\"hash\",\"idHash\"}."},
    footer = {"", "Example:",
        "  chum recipe --store /tmp/alice --data '{\"name\":\"App$Note\",\"rule\":[",
        "    {\"itemprop\":\"id\",\"itemtype\":{\"type\":\"string\"},\"isId\":true},",
        "    {\"itemprop\":\"text\",\"itemtype\":{\"type\":\"string\"}}]}'"})
final class RecipeCommand implements Runnable {
    @Mixin
    private CommonOptions common;

    @Option(names = "--data", required = true, paramLabel = "JSON", description = "The recipe as JSON.")
    private String data;

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
