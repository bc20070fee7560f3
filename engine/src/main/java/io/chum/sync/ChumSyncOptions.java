package io.chum.sync;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.identity.LocalIdentity;
import io.chum.model.IdHash;
import io.chum.protocol.ChumProtocol;
import io.chum.protocol.ProtocolLimits;
import io.chum.store.OneStore;
import io.chum.transport.Connection;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The options of one chum (the seed's {@code ChumSyncOptions}), built with {@link #builder()}. Immutable.
 *
 * <ul>
 *   <li>{@code store}, {@code connection}: where to sync and with whom (the connection is the chum's alone);</li>
 *   <li>{@code localPersonId}, {@code localInstanceName}: who we are (see {@link Builder#identity});</li>
 *   <li>{@code remotePersonId}: who the peer must be: its HELLO must claim it ({@code CS-IMPERSONATION}
 *       otherwise); over TLS the caller takes it from the trust store for the peer's authenticated key;</li>
 *   <li>{@code chumName}: both sides must use the same; empty (the default) accepts the peer's, and if both are
 *       empty the name is {@value #DEFAULT_CHUM_NAME};</li>
 *   <li>{@code remoteInstanceName}: if given the peer's HELLO must name it, else it is taken from there;</li>
 *   <li>{@code keepRunning} (default false) and {@code maxNotificationDelay} (ms, ≥ 1, default 20): what our
 *       importer asks of the peer's exporter; the chum keeps running only if both sides ask for it;</li>
 *   <li>{@code errorHandler}: receives background errors (a listener that threw, a log record that failed);
 *       default: logged;</li>
 *   <li>{@code progressListener}: called on a chum thread after each batch; must not block;</li>
 *   <li>tuning: {@code windowBatches} (default {@value ChumProtocol#DEFAULT_WINDOW_BATCHES}), {@code stopTimeout}
 *       (how long after our FIN(STOPPING) the peer may take to end, default 30 s) and {@code handshakeTimeout}
 *       (default 30 s).</li>
 * </ul>
 */
public final class ChumSyncOptions {
    /** The chum name when neither side gives one. */
    public static final String DEFAULT_CHUM_NAME = "chum";
    /** Default of {@code stopTimeout} and {@code handshakeTimeout}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static final Consumer<Throwable> LOG_ERRORS = t -> LoggerFactory.getLogger(ChumSync.class)
        .warn("chum background error: {}", t.getMessage(), t);

    private final OneStore store;
    private final Connection connection;
    private final IdHash localPersonId;
    private final IdHash remotePersonId;
    private final String chumName;
    private final String localInstanceName;
    private final String remoteInstanceName;
    private final boolean keepRunning;
    private final int maxNotificationDelay;
    private final Consumer<Throwable> errorHandler;
    private final Consumer<ChumProgress> progressListener;
    private final int windowBatches;
    private final Duration stopTimeout;
    private final Duration handshakeTimeout;

    private ChumSyncOptions(final Builder b) {
        this.store = b.store;
        this.connection = b.connection;
        this.localPersonId = b.localPersonId;
        this.remotePersonId = b.remotePersonId;
        this.chumName = b.chumName;
        this.localInstanceName = b.localInstanceName;
        this.remoteInstanceName = b.remoteInstanceName;
        this.keepRunning = b.keepRunning;
        this.maxNotificationDelay = b.maxNotificationDelay;
        this.errorHandler = b.errorHandler;
        this.progressListener = b.progressListener;
        this.windowBatches = b.windowBatches;
        this.stopTimeout = b.stopTimeout;
        this.handshakeTimeout = b.handshakeTimeout;
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    public OneStore store() {
        return store;
    }

    public Connection connection() {
        return connection;
    }

    public IdHash localPersonId() {
        return localPersonId;
    }

    public IdHash remotePersonId() {
        return remotePersonId;
    }

    /** The chum name, empty to accept the peer's. */
    public String chumName() {
        return chumName;
    }

    public String localInstanceName() {
        return localInstanceName;
    }

    /** The expected remote instance name, or null to take it from the peer's HELLO. */
    public String remoteInstanceName() {
        return remoteInstanceName;
    }

    public boolean keepRunning() {
        return keepRunning;
    }

    /** Milliseconds, ≥ 1. */
    public int maxNotificationDelay() {
        return maxNotificationDelay;
    }

    public Consumer<Throwable> errorHandler() {
        return errorHandler;
    }

    public Consumer<ChumProgress> progressListener() {
        return progressListener;
    }

    public int windowBatches() {
        return windowBatches;
    }

    public Duration stopTimeout() {
        return stopTimeout;
    }

    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /** A builder holding these options, to derive a variant. */
    public Builder toBuilder() {
        final Builder b = new Builder();
        b.store = store;
        b.connection = connection;
        b.localPersonId = localPersonId;
        b.remotePersonId = remotePersonId;
        b.chumName = chumName;
        b.localInstanceName = localInstanceName;
        b.remoteInstanceName = remoteInstanceName;
        b.keepRunning = keepRunning;
        b.maxNotificationDelay = maxNotificationDelay;
        b.errorHandler = errorHandler;
        b.progressListener = progressListener;
        b.windowBatches = windowBatches;
        b.stopTimeout = stopTimeout;
        b.handshakeTimeout = handshakeTimeout;
        return b;
    }

    /** Collects options; {@link #build()} checks them. NOT thread-safe. */
    public static final class Builder {
        private OneStore store;
        private Connection connection;
        private IdHash localPersonId;
        private IdHash remotePersonId;
        private String chumName = "";
        private String localInstanceName;
        private String remoteInstanceName;
        private boolean keepRunning;
        private int maxNotificationDelay = ChumProtocol.DEFAULT_NOTIFICATION_DELAY_MS;
        private Consumer<Throwable> errorHandler = LOG_ERRORS;
        private Consumer<ChumProgress> progressListener = p -> { };
        private int windowBatches = ChumProtocol.DEFAULT_WINDOW_BATCHES;
        private Duration stopTimeout = DEFAULT_TIMEOUT;
        private Duration handshakeTimeout = DEFAULT_TIMEOUT;

        private Builder() {
        }

        public Builder store(final OneStore value) {
            store = value;
            return this;
        }

        public Builder connection(final Connection value) {
            connection = value;
            return this;
        }

        /** Sets {@code localPersonId} and {@code localInstanceName} from the store owner's identity. */
        public Builder identity(final LocalIdentity identity) {
            localPersonId = identity.personId();
            localInstanceName = identity.instanceName();
            return this;
        }

        public Builder localPersonId(final IdHash value) {
            localPersonId = value;
            return this;
        }

        public Builder remotePersonId(final IdHash value) {
            remotePersonId = value;
            return this;
        }

        /** The chum name; empty accepts the peer's. */
        public Builder chumName(final String value) {
            chumName = Objects.requireNonNull(value, "chumName");
            return this;
        }

        public Builder localInstanceName(final String value) {
            localInstanceName = value;
            return this;
        }

        /** The expected remote instance name; null takes it from the peer's HELLO. */
        public Builder remoteInstanceName(final String value) {
            remoteInstanceName = value;
            return this;
        }

        public Builder keepRunning(final boolean value) {
            keepRunning = value;
            return this;
        }

        /** Milliseconds, at least 1. */
        public Builder maxNotificationDelay(final int value) {
            maxNotificationDelay = value;
            return this;
        }

        public Builder errorHandler(final Consumer<Throwable> value) {
            errorHandler = Objects.requireNonNull(value, "errorHandler");
            return this;
        }

        public Builder progressListener(final Consumer<ChumProgress> value) {
            progressListener = Objects.requireNonNull(value, "progressListener");
            return this;
        }

        public Builder windowBatches(final int value) {
            windowBatches = value;
            return this;
        }

        public Builder stopTimeout(final Duration value) {
            stopTimeout = Objects.requireNonNull(value, "stopTimeout");
            return this;
        }

        public Builder handshakeTimeout(final Duration value) {
            handshakeTimeout = Objects.requireNonNull(value, "handshakeTimeout");
            return this;
        }

        /**
         * The options.
         *
         * @throws ChumException BAD_OPTIONS ({@code CS-INIT1}) if something required is missing or out of range
         */
        public ChumSyncOptions build() {
            require(store != null, "a store");
            require(connection != null, "a connection");
            require(localPersonId != null, "the local person id");
            require(remotePersonId != null, "the remote person id");
            require(localInstanceName != null && !localInstanceName.isEmpty(), "the local instance name");
            // HELLO carries both names; a peer refuses longer ones, so such a chum could only fail.
            require(utf8Length(localInstanceName) <= ProtocolLimits.DEFAULT.maxStringBytes(),
                "an instance name of at most " + ProtocolLimits.DEFAULT.maxStringBytes() + " UTF-8 bytes, not "
                    + utf8Length(localInstanceName));
            require(chumName != null && utf8Length(chumName) <= ProtocolLimits.DEFAULT.maxStringBytes(),
                "a chum name of at most " + ProtocolLimits.DEFAULT.maxStringBytes() + " UTF-8 bytes"
                    + (chumName == null ? "" : ", not " + utf8Length(chumName)));
            require(maxNotificationDelay >= ChumProtocol.MIN_NOTIFICATION_DELAY_MS,
                "maxNotificationDelay of at least 1 ms, not " + maxNotificationDelay);
            require(windowBatches >= 1 && windowBatches <= ChumProtocol.MAX_WINDOW_BATCHES,
                "windowBatches in 1.." + ChumProtocol.MAX_WINDOW_BATCHES + ", not " + windowBatches);
            require(!stopTimeout.isNegative() && !stopTimeout.isZero() && !handshakeTimeout.isNegative()
                && !handshakeTimeout.isZero(), "positive timeouts");
            return new ChumSyncOptions(this);
        }

        private static int utf8Length(final String s) {
            return s.getBytes(StandardCharsets.UTF_8).length;
        }

        private static void require(final boolean ok, final String what) {
            if (!ok) {
                throw new ChumException(ErrorCode.BAD_OPTIONS, "a chum needs " + what);
            }
        }
    }
}
