package io.chum.protocol;

import java.util.Objects;

/**
 * FIN: this side's exporter will offer nothing more (it still completes the batches it already offered).
 * Immutable; thread-safe.
 *
 * @param reason done (full sync acknowledged, not keepRunning) or stopping (the chum is being ended)
 */
public record Fin(FinReason reason) implements Message {
    /** FIN(DONE). */
    public static final Fin DONE = new Fin(FinReason.DONE);
    /** FIN(STOPPING). */
    public static final Fin STOPPING = new Fin(FinReason.STOPPING);

    /** Checks the reason is given. */
    public Fin {
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public byte frameType() {
        return MessageType.FIN;
    }
}
