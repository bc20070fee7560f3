package io.chum.sync;

import io.chum.identity.LocalIdentity;
import io.chum.store.OneStore;
import io.chum.transport.ServerLimits;
import io.chum.transport.TcpServer;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A chum server in a process of its own, to be killed: opens the store given as argument, serves chums on an
 * ephemeral loopback port over TLS (printing {@code PORT n}), and runs until killed or told {@code exit}.
 */
public final class ServeChildMain {
    private ServeChildMain() {
    }

    public static void main(final String[] args) throws Exception {
        final List<Throwable> errors = new ArrayList<>();
        try (OneStore store = OneStore.open(Path.of(args[0]), Peer.config(errors))) {
            final LocalIdentity identity = LocalIdentity.load(store);
            final ChumServer handler = new ChumServer(store, identity, o -> o, r -> System.out.println("CHUM "
                + r.toJson()), errors::add);
            try (TcpServer server = TcpServer.start("127.0.0.1", 0, io.chum.identity.TlsConfig.create(
                identity.keys()), handler, ServerLimits.defaults(), errors::add)) {
                System.out.println("PORT " + server.port());
                final BufferedReader in = new BufferedReader(new InputStreamReader(System.in,
                    StandardCharsets.UTF_8));
                for (String line = in.readLine(); line != null && !line.equals("exit"); line = in.readLine()) {
                    System.out.println("IGNORED " + line);
                }
            }
        }
        System.out.println(errors.isEmpty() ? "BYE" : "ERRORS " + errors);
    }
}
