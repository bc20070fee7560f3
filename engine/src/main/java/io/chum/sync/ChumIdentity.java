package io.chum.sync;

import io.chum.model.IdHash;

/**
 * The order of the instance/person pairs in a Chum object, which both sides must agree on to compute the same Chum
 * ID (one-spec §6.6): local first if the local instance name sorts before the remote one (UTF-16 order, as
 * JavaScript compares strings). Equal names, which ONE leaves undecided, are ordered by the person ID hashes.
 * Stateless.
 */
final class ChumIdentity {
    private ChumIdentity() {
    }

    static boolean localFirst(final String localInstance, final String remoteInstance, final IdHash localPerson,
                              final IdHash remotePerson) {
        final int c = localInstance.compareTo(remoteInstance);
        return c != 0 ? c < 0 : localPerson.compareTo(remotePerson) <= 0;
    }
}
