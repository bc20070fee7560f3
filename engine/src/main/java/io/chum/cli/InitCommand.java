package io.chum.cli;

import io.chum.identity.LocalIdentity;
import io.chum.store.OneStore;
import io.chum.store.StoreConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code chum init}: a new store with its owner's Person, Instance and identity keys. */
@Command(name = "init",
    description = {
        "Creates a new store: the owner's Person and Instance, and the instance's key pair.",
        "The private key stays in the store's private area (owner-only); the public key is published as the "
            + "owner's Keys object and printed, for peers to 'chum trust'. JSON: {\"personId\",\"instanceId\","
            + "\"email\",\"instance\",\"publicKey\"}."},
    footer = {"", "Example:", "  chum init --store /tmp/alice --email alice@mail.com --instance MainAlice"})
final class InitCommand implements Runnable {
    @Mixin
    private CommonOptions common;

    @Option(names = "--email", required = true, paramLabel = "EMAIL", description = "The owner's email (their Person).")
    private String email;

    @Option(names = "--instance", required = true, paramLabel = "NAME", description = "This instance's name.")
    private String instance;

    @Override
    public void run() {
        try (OneStore store = OneStore.create(common.storeDir(), StoreConfig.defaults())) {
            IdCommand.print(common.output(), LocalIdentity.create(store, email, instance));
        }
    }
}
