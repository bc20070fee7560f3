package io.chum.log;

import io.chum.model.IdHash;

import java.util.Arrays;
import java.util.Objects;

/**
 * A local trust decision: the public signing key of {@code person} (known by {@code email}) is trusted,
 * or revoked. Immutable (the key is copied in and out); thread-safe.
 *
 * @param index         log index, -1 before append
 * @param timestamp     ms since the epoch, 0 before append
 * @param origin        0 for a local write
 * @param email         the person's e-mail
 * @param person        the Person's ID hash
 * @param publicSignKey the 32-byte Ed25519 public key
 * @param revoked       true if the key is no longer trusted
 */
public record TrustChanged(long index, long timestamp, long origin, String email, IdHash person,
                           byte[] publicSignKey, boolean revoked) implements LogEvent {
    /** Length of {@link #publicSignKey()}. */
    public static final int KEY_LENGTH = 32;

    public TrustChanged {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(publicSignKey, "publicSignKey");
        if (publicSignKey.length != KEY_LENGTH) {
            throw new IllegalArgumentException("a public sign key has 32 bytes, not " + publicSignKey.length);
        }
        publicSignKey = publicSignKey.clone();
    }

    /** An event to append, written locally (origin 0). */
    public TrustChanged(final String email, final IdHash person, final byte[] publicSignKey, final boolean revoked) {
        this(-1, 0, 0, email, person, publicSignKey, revoked);
    }

    /** A copy of the key. */
    @Override
    public byte[] publicSignKey() {
        return publicSignKey.clone();
    }

    void writeKeyTo(final byte[] dst, final int offset) {
        System.arraycopy(publicSignKey, 0, dst, offset, KEY_LENGTH);
    }

    @Override
    public boolean equals(final Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TrustChanged)) {
            return false;
        }
        final TrustChanged t = (TrustChanged) o;
        return index == t.index && timestamp == t.timestamp && origin == t.origin && revoked == t.revoked
            && email.equals(t.email) && person.equals(t.person) && Arrays.equals(publicSignKey, t.publicSignKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, timestamp, origin, email, person, revoked) * 31 + Arrays.hashCode(publicSignKey);
    }

    @Override
    public String toString() {
        return "TrustChanged[index=" + index + ", timestamp=" + timestamp + ", origin=" + origin + ", email=" + email
            + ", person=" + person + ", revoked=" + revoked + "]";
    }
}
