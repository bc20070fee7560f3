package io.chum.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chum.identity.LocalIdentity;
import io.chum.store.OneStore;

/** {@code chum id}: who owns a store, and its public key. */
final class IdCommand implements Runnable {
    static final CommandDef DEFINITION = CommonOptions.command("id")
        .description(
            "Prints the store owner's person ID, instance ID, email, instance name and public key.",
            "The same fields as 'chum init'. The public key is what peers pass to 'chum trust --key'.")
        .footer(
            "", "Example:", "  chum id --store /tmp/alice --json")
        .build();

    private final CommonOptions common;

    IdCommand(final CommonOptions common) {
        this.common = common;
    }

    @Override
    public void run() {
        try (OneStore store = common.openStore()) {
            print(common.output(), LocalIdentity.load(store));
        }
    }

    static void print(final Output out, final LocalIdentity id) {
        final ObjectNode node = out.object();
        node.put("personId", id.personId().toHex());
        node.put("instanceId", id.instanceId().toHex());
        node.put("email", id.email());
        node.put("instance", id.instanceName());
        node.put("publicKey", id.publicKeyHex());
        out.emit(node, "person     " + id.personId() + "  " + id.email()
            + "\ninstance   " + id.instanceId() + "  " + id.instanceName()
            + "\npublicKey  " + id.publicKeyHex());
    }
}
