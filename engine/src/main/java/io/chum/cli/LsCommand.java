package io.chum.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chum.store.OneStore;

/** {@code chum ls}: every stored hash with its kind and type. */
final class LsCommand implements Runnable {
    static final CommandDef DEFINITION = CommonOptions.command("ls")
        .description(
            "Lists every stored hash with its kind (object, id, blob, clob) and type.",
            "JSON: one {\"hash\",\"kind\",\"type\"} per line.")
        .option("--type", "TYPE", "Only objects and ID objects of this type.")
        .build();

    private final CommonOptions common;
    private final String type;

    LsCommand(final CommonOptions common) {
        this.common = common;
        this.type = common.args().value("--type");
    }

    @Override
    public void run() {
        try (OneStore store = common.openStore()) {
            final Output out = common.output();
            store.forEachEntry(entry -> {
                if (type != null && !type.equals(entry.type())) {
                    return;
                }
                final String kind = HashArgument.kindName(entry.kind());
                final ObjectNode node = out.object();
                node.put("hash", entry.hash().toHex());
                node.put("kind", kind);
                if (entry.type() == null) {
                    node.putNull("type");
                } else {
                    node.put("type", entry.type());
                }
                out.line(node, entry.hash() + "  " + kind + (entry.type() == null ? "" : "  " + entry.type()));
            });
            out.flush();
        }
    }
}
