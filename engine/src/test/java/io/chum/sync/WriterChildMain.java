package io.chum.sync;

import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.store.AccessMode;
import io.chum.store.AccessRequest;
import io.chum.store.OneStore;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A second process writing to a store while a chum of another process runs on it: {@code write TAG} stores a marker
 * object and grants it to the person given as argument, printing {@code WROTE <hash>}; {@code exit} ends.
 */
public final class WriterChildMain {
    private WriterChildMain() {
    }

    public static void main(final String[] args) throws Exception {
        final List<Throwable> errors = new ArrayList<>();
        try (OneStore store = OneStore.open(Path.of(args[0]), Peer.config(errors))) {
            final IdHash grantee = IdHash.ofHex(args[1]);
            System.out.println("READY");
            final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null && !line.equals("exit"); line = in.readLine()) {
                final Hash h = store.storeObject(ChumTests.marker(store, line)).hash();
                store.createAccess(AccessRequest.forObject(h, List.of(grantee), List.of(), AccessMode.ADD));
                System.out.println("WROTE " + h.toHex());
            }
        }
        System.out.println(errors.isEmpty() ? "BYE" : "ERRORS " + errors);
    }
}
