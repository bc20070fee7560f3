package io.chum.protocol;

/** Why a side sends FIN, with its code on the wire. Immutable; thread-safe. */
public enum FinReason {
    /**
     * This side's exporter has nothing more to offer: its full sync is acknowledged and the chum does not
     * keep running.
     */
    DONE(0),
    /** This side is ending the chum; the peer flushes what it has pending and answers with FIN(STOPPING). */
    STOPPING(1);

    private final int code;

    FinReason(final int code) {
        this.code = code;
    }

    /** The code byte on the wire. */
    public int code() {
        return code;
    }

    /** The reason with that code, or null if there is none. */
    static FinReason ofCodeOrNull(final int code) {
        switch (code) {
            case 0: return DONE;
            case 1: return STOPPING;
            default: return null;
        }
    }
}
