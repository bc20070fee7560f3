package io.chum.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chum.store.OneStore;

/** {@code chum has}: whether the store holds a hash (exit 0 either way). */
final class HasCommand implements Runnable {
    static final CommandDef DEFINITION = CommonOptions.command("has")
        .description(
            "Tells whether the store holds an object, ID object, BLOB or CLOB (exit 0 either way).",
            "JSON: {\"hash\",\"present\"}.")
        .parameter("HASH", "Object, ID, BLOB or CLOB hash.")
        .build();

    private final CommonOptions common;
    private final String hex;

    HasCommand(final CommonOptions common) {
        this.common = common;
        this.hex = common.args().parameter(0);
    }

    @Override
    public void run() {
        try (OneStore store = common.openStore()) {
            final boolean present = HashArgument.find(store, hex).isPresent();
            final Output out = common.output();
            final ObjectNode node = out.object();
            node.put("hash", hex);
            node.put("present", present);
            out.emit(node, present ? "present" : "absent");
        }
    }
}
