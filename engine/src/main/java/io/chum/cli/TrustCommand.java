package io.chum.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.identity.LocalIdentity;
import io.chum.identity.PeerKey;
import io.chum.model.IdHash;
import io.chum.store.OneStore;
import io.chum.store.TrustEntry;

/**
 * {@code chum trust}: accept a peer's key as proof of its person. A chum's remote person is the person its
 * key is trusted for — never what the peer claims.
 */
final class TrustCommand implements Runnable {
    static final CommandDef DEFINITION = CommonOptions.command("trust")
        .description(
            "Trusts KEY (a peer's public key, as printed by its 'chum id') as the key of the person EMAIL.",
            "A person may have several trusted keys (one per instance). --replace revokes the person's other keys "
                + "(key rotation); --revoke revokes KEY. Trust decisions are local: they are never sent to peers. "
                + "JSON: {\"personId\"}.")
        .required("--email", "EMAIL", "The peer's person (email).")
        .required("--key", "KEY", "The peer's public key (64 hex).")
        .flag("--replace", "Revoke every other key of this person.")
        .flag("--revoke", "Revoke KEY instead of trusting it.")
        .footer(
            "", "Example (KEY: the publicKey that 'chum id --store /tmp/bob' prints):",
            "  chum trust --store /tmp/alice --email bob@mail.com --key KEY")
        .build();

    private final CommonOptions common;
    private final String email;
    private final String key;
    private final boolean replace;
    private final boolean revoke;

    TrustCommand(final CommonOptions common) {
        this.common = common;
        this.email = common.args().nonEmptyValue("--email");
        this.key = common.args().value("--key");
        this.replace = common.args().has("--replace");
        this.revoke = common.args().has("--revoke");
    }

    @Override
    public void run() {
        if (replace && revoke) {
            throw new ChumException(ErrorCode.USAGE, "--replace and --revoke exclude each other");
        }
        final PeerKey peerKey;
        try {
            peerKey = PeerKey.fromHex(key);
        } catch (final RuntimeException e) {
            throw new ChumException(ErrorCode.USAGE, "--key must be 64 hex characters (a peer's 'chum id' publicKey)");
        }
        try (OneStore store = common.openStore()) {
            final IdHash person = PersonArgument.resolve(store, email);
            if (!revoke && LocalIdentity.load(store).publicKeyHex().equals(peerKey.hex())) {
                throw new ChumException(ErrorCode.USAGE, "that is this store's own key");
            }
            // the new key first: a refused one revokes nothing, and a rotation is never left without a key
            store.trust(email, person, peerKey.raw(), revoke);
            if (replace) {
                for (final TrustEntry old : store.trustedKeysOf(person)) {
                    if (!PeerKey.fromRaw(old.publicSignKey()).equals(peerKey)) {
                        store.trust(email, person, old.publicSignKey(), true);
                    }
                }
            }
            final Output out = common.output();
            final ObjectNode node = out.object();
            node.put("personId", person.toHex());
            out.emit(node, (revoke ? "revoked " : "trusted ") + peerKey.hex() + " for " + email + " (" + person + ")");
        }
    }
}
