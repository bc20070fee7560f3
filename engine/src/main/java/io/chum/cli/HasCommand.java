package io.chum.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chum.store.OneStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code chum has}: whether the store holds a hash (exit 0 either way). */
@Command(name = "has",
    description = {
        "Tells whether the store holds an object, ID object, BLOB or CLOB (exit 0 either way).",
        "JSON: {\"hash\",\"present\"}."})
final class HasCommand implements Runnable {
    @Mixin
    private CommonOptions common;

    @Parameters(index = "0", paramLabel = "HASH", description = "Object, ID, BLOB or CLOB hash.")
    private String hex;

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
