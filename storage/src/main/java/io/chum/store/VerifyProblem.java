package io.chum.store;

import io.chum.ErrorCode;
import io.chum.model.Sha256Value;

import java.util.Objects;

/**
 * One problem {@link OneStore#verify} found. Immutable.
 *
 * @param hash    the object, ID object, BLOB or CLOB concerned
 * @param code    what is wrong ({@code CS-HASH-MISMATCH}, {@code CS-MISSING-REF}, {@code CS-MICRODATA}, …)
 * @param message details, naming the log index and any other hash involved
 */
public record VerifyProblem(Sha256Value hash, ErrorCode code, String message) {
    public VerifyProblem {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
