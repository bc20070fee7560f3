package io.chum.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chum.model.Sha256Value;

/** Small helpers for the JSON lines commands print. */
final class JsonFields {
    private JsonFields() {
    }

    /** Puts a hash as hex, or null. */
    static void putHash(final ObjectNode node, final String field, final Sha256Value hash) {
        if (hash == null) {
            node.putNull(field);
        } else {
            node.put(field, hash.toHex());
        }
    }
}
