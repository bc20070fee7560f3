package io.chum.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chum.microdata.Canonical;
import io.chum.model.ObjectJson;
import io.chum.model.OneObject;
import io.chum.model.RecipeRegistry;
import io.chum.store.OneStore;

import java.nio.charset.StandardCharsets;

/** {@code chum hash}: the canonical microdata, hash and ID hash of an object, without storing it. */
final class HashCommand implements Runnable {
    static final CommandDef DEFINITION = CommonOptions.command("hash")
        .description(
            "Prints the canonical microdata, hash and ID hash of an object without storing it.",
            "Core types need no store; application types read their recipe from --store. "
                + "JSON: {\"type\",\"microdata\",\"hash\",\"idHash\"} (idHash null if unversioned).")
        .required("--type", "TYPE", "ONE type, e.g. Person.")
        .required("--data", "JSON", "The object as JSON.")
        .footer(
            "", "Example:", "  chum hash --type Person --data '{\"email\":\"alice@mail.com\"}'")
        .build();

    private final CommonOptions common;
    private final String type;
    private final String data;

    HashCommand(final CommonOptions common) {
        this.common = common;
        this.type = common.args().value("--type");
        this.data = common.args().value("--data");
    }

    @Override
    public void run() {
        if (common.hasStore()) {
            try (OneStore store = common.openStore()) {
                print(store.recipes());
            }
        } else {
            print(common.coreRecipes());
        }
    }

    private void print(final RecipeRegistry registry) {
        final OneObject obj = ObjectJson.fromJson(data, type, registry);
        final Canonical.Encoded encoded = Canonical.encode(obj, registry);
        final String microdata = new String(encoded.microdata(), StandardCharsets.UTF_8);
        final Output out = common.output();
        final ObjectNode node = out.object();
        node.put("type", encoded.type());
        node.put("microdata", microdata);
        node.put("hash", encoded.hash().toHex());
        JsonFields.putHash(node, "idHash", encoded.idHash());
        out.emit(node, microdata + "\nhash   " + encoded.hash()
            + (encoded.idHash() == null ? "" : "\nidHash " + encoded.idHash()));
    }
}
