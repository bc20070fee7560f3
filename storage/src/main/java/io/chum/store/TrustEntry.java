package io.chum.store;

import io.chum.model.IdHash;

import java.util.Arrays;
import java.util.Objects;

/**
 * A trust decision recorded in the store: the public signing key of {@code person} (known by {@code email})
 * is trusted, or was revoked. Immutable (the key is copied in and out).
 *
 * @param email         the person's e-mail
 * @param person        the Person's ID hash
 * @param publicSignKey the 32-byte public signing key
 * @param revoked       true if the key is no longer trusted
 * @param logIndex      the log index of the decision
 * @param timestamp     when it was made, ms since the epoch
 */
public record TrustEntry(String email, IdHash person, byte[] publicSignKey, boolean revoked, long logIndex,
                         long timestamp) {
    public TrustEntry {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(person, "person");
        publicSignKey = publicSignKey.clone();
    }

    /** A copy of the key. */
    @Override
    public byte[] publicSignKey() {
        return publicSignKey.clone();
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof TrustEntry t && email.equals(t.email) && person.equals(t.person)
            && Arrays.equals(publicSignKey, t.publicSignKey) && revoked == t.revoked && logIndex == t.logIndex
            && timestamp == t.timestamp;
    }

    @Override
    public int hashCode() {
        return Objects.hash(email, person, revoked, logIndex, timestamp) * 31 + Arrays.hashCode(publicSignKey);
    }

    @Override
    public String toString() {
        return "TrustEntry[email=" + email + ", person=" + person + ", revoked=" + revoked + ", logIndex="
            + logIndex + "]";
    }
}
