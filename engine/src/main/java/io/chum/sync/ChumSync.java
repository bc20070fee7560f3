package io.chum.sync;

import io.chum.protocol.ChumProtocol;

/**
 * The entry point of the chum API (the seed's module functions). Stateless; thread-safe.
 */
public final class ChumSync {
    /**
     * The protocol version, exchanged first: peers of different versions never sync, both sides end with
     * {@code CS-MISMATCH}.
     */
    public static final int PROTOCOL_VERSION = ChumProtocol.PROTOCOL_VERSION;

    private ChumSync() {
    }

    /**
     * Starts a chum over {@code options.connection()} and returns at once; the handshake, the exchange and the
     * ending run on the chum's own threads. The connection belongs to the chum from now on: it closes it at the end.
     * {@link ChumApi#result()} completes once the Chum object is stored.
     *
     * @throws io.chum.ChumException BAD_OPTIONS never here (the options were checked when built)
     */
    public static ChumApi createChum(final ChumSyncOptions options) {
        final ChumSession session = new ChumSession(options);
        session.start();
        return session;
    }
}
