package io.chum.sync;

import java.util.Objects;

/**
 * An error a chum recorded, as it appears in the Chum object's {@code errors}. Immutable.
 *
 * @param code    the error code, e.g. {@code CS-HASH-MISMATCH}
 * @param message what happened, naming the hash or frame
 * @param remote  true if the peer reported it (its code is kept), false if this side detected it
 */
public record ChumError(String code, String message, boolean remote) {
    public ChumError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
