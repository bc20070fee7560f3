package io.chum.protocol;

/**
 * Constants of the chum protocol that both peers must agree on, and the recommended values of the
 * exporter's and importer's tunables (see {@code docs/protocol.md}).
 *
 * <p>Only {@link #PROTOCOL_VERSION} is checked on the wire; the rest are what this implementation uses and
 * what a peer may rely on. Constants only; thread-safe.
 */
public final class ChumProtocol {
    /**
     * The protocol version. It is the first field of HELLO in every version, so peers of any version can
     * read it; different versions never talk: both sides abort with {@code CS-MISMATCH}.
     */
    public static final int PROTOCOL_VERSION = 1;

    /** The smallest allowed {@code maxNotificationDelay}, in milliseconds. */
    public static final int MIN_NOTIFICATION_DELAY_MS = 1;

    /** The {@code maxNotificationDelay} used when the options do not give one, in milliseconds. */
    public static final int DEFAULT_NOTIFICATION_DELAY_MS = 20;

    /**
     * The hard-coded size threshold of keepRunning: an exporter holding this many new entries sends them at
     * once instead of waiting for {@code maxNotificationDelay}.
     */
    public static final int NOTIFICATION_FLUSH_ENTRIES = 1000;

    /** How many batches an exporter keeps outstanding (offered, not yet answered or acknowledged). */
    public static final int DEFAULT_WINDOW_BATCHES = 8;

    /** The most outstanding batches an importer must accept; more is a protocol violation. */
    public static final int MAX_WINDOW_BATCHES = 32;

    /** An exporter closes a batch once the declared sizes of its entries reach this many bytes. */
    public static final long BATCH_TARGET_BYTES = 1L << 20;

    /**
     * keepRunning pushes a data batch whose declared sizes sum to at most this many bytes: its OFFER is followed by
     * its data without waiting for a WANT (docs/protocol.md §9). Larger batches are offered and wait, since the
     * importer may have some of their entries already (from another chum, say).
     */
    public static final long PUSH_MAX_BYTES = 256L << 10;

    /** The longest error code an ERROR message may carry, in ASCII characters. */
    public static final int MAX_ERROR_CODE_LENGTH = 64;

    private ChumProtocol() {
    }
}
