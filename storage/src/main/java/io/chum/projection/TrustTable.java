package io.chum.projection;

import io.chum.log.TrustChanged;
import io.chum.model.IdHash;
import io.chum.store.TrustEntry;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Local trust decisions from {@link TrustChanged} events: the latest decision per person and per key.
 *
 * <p>Threading: one writer thread applies; any thread reads (concurrent maps of immutable entries). The
 * applied decisions are also kept in order (writer thread only) for checkpoints.
 */
public final class TrustTable {
    private final ConcurrentHashMap<IdHash, TrustEntry> byPerson = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, TrustEntry> byKey = new ConcurrentHashMap<>();
    /** Writer thread only. */
    private final List<TrustEntry> history = new ArrayList<>();

    /** The latest decision about {@code key}, if it is a trust (not a revocation). */
    public Optional<TrustEntry> trustedKey(final byte[] key) {
        final TrustEntry e = byKey.get(HexFormat.of().formatHex(key));
        return e == null || e.revoked() ? Optional.empty() : Optional.of(e);
    }

    /** The latest decision about {@code person}, trust or revocation. */
    public Optional<TrustEntry> trustOf(final IdHash person) {
        return Optional.ofNullable(byPerson.get(person));
    }

    /** Every key whose latest decision trusts it for {@code person}: a person may run several instances. */
    public List<TrustEntry> trustedKeysOf(final IdHash person) {
        final List<TrustEntry> keys = new ArrayList<>();
        for (final TrustEntry e : byKey.values()) {
            if (!e.revoked() && e.person().equals(person)) {
                keys.add(e);
            }
        }
        return keys;
    }

    void apply(final TrustChanged e) {
        apply(new TrustEntry(e.email(), e.person(), e.publicSignKey(), e.revoked(), e.index(), e.timestamp()));
    }

    private void apply(final TrustEntry entry) {
        history.add(entry);
        byPerson.put(entry.person(), entry);
        byKey.put(HexFormat.of().formatHex(entry.publicSignKey()), entry);
    }

    /** Every decision in log order (writer thread only). */
    List<TrustEntry> history() {
        return List.copyOf(history);
    }

    void writeTo(final CheckpointOutput out) {
        out.putInt(history.size());
        for (final TrustEntry e : history) {
            out.putString(e.email());
            out.putHash(e.person());
            final byte[] key = e.publicSignKey();
            out.putInt(key.length);
            for (final byte b : key) {
                out.putByte(b);
            }
            out.putByte(e.revoked() ? 1 : 0);
            out.putLong(e.logIndex());
            out.putLong(e.timestamp());
        }
    }

    static TrustTable readFrom(final CheckpointInput in) {
        final TrustTable t = new TrustTable();
        final int n = in.getCount("trust entry");
        for (int i = 0; i < n; i++) {
            final String email = in.getString();
            final IdHash person = in.getIdHash();
            final int keyLength = in.getInt();
            if (keyLength != TrustChanged.KEY_LENGTH) {
                throw in.corrupt("key of " + keyLength + " bytes");
            }
            final byte[] key = new byte[keyLength];
            for (int k = 0; k < keyLength; k++) {
                key[k] = (byte) in.getByte();
            }
            final boolean revoked = in.getByte() == 1;
            t.apply(new TrustEntry(email, person, key, revoked, in.getLong(), in.getLong()));
        }
        return t;
    }
}
