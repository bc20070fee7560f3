package io.chum.cli;

import io.chum.identity.LocalIdentity;
import io.chum.protocol.ProtocolLimits;
import io.chum.store.OneStore;
import io.chum.store.StoreConfig;

/** {@code chum init}: a new store with its owner's Person, Instance and identity keys. */
final class InitCommand implements Runnable {
    static final CommandDef DEFINITION = CommonOptions.command("init")
        .description(
            "Creates a new store: the owner's Person and Instance, and the instance's key pair.",
            "The private key stays in the store's private area (owner-only); the public key is published as the "
                + "owner's Keys object and printed, for peers to 'chum trust'. JSON: {\"personId\",\"instanceId\","
                + "\"email\",\"instance\",\"publicKey\"}.")
        .required("--email", "EMAIL", "The owner's email (their Person).")
        .required("--instance", "NAME", "This instance's name.")
        .footer(
            "", "Example:", "  chum init --store /tmp/alice --email alice@mail.com --instance MainAlice")
        .build();

    private final CommonOptions common;
    private final String email;
    private final String instance;

    InitCommand(final CommonOptions common) {
        this.common = common;
        this.email = common.args().nameValue("--email", ProtocolLimits.DEFAULT.maxStringBytes());
        this.instance = common.args().nameValue("--instance", ProtocolLimits.DEFAULT.maxStringBytes());
    }

    @Override
    public void run() {
        try (OneStore store = OneStore.create(common.storeDir(), StoreConfig.defaults())) {
            IdCommand.print(common.output(), LocalIdentity.create(store, email, instance));
        }
    }
}
