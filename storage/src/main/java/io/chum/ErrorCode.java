package io.chum;

/**
 * Every error chum-sync reports, with a stable code string that scripts and peers may rely on.
 *
 * <p>Codes never change meaning once released; new failures get new constants. The code travels in
 * {@link ChumException#code()}, in CLI error lines, in protocol ERROR frames and in the {@code errors}
 * of a Chum object.
 */
public enum ErrorCode {
    // ---- object model and microdata ----
    /** A non-optional rule has no value. */
    MISSING_VALUE("CS-OBJ-MISSING"),
    /** The object has a property its recipe does not define. */
    UNKNOWN_PROPERTY("CS-OBJ-UNKNOWN-PROP"),
    /** A value does not have the type its rule requires. */
    WRONG_TYPE("CS-OBJ-WRONG-TYPE"),
    /** A reference is not 64 lowercase hex characters, or points to a disallowed type. */
    BAD_HASH("CS-OBJ-BAD-HASH"),
    /** A string does not match the rule's regexp. */
    REGEXP("CS-OBJ-REGEXP"),
    /** A number is outside the rule's range (or not a safe JavaScript integer). */
    RANGE("CS-OBJ-RANGE"),
    /** No recipe is registered for the type. */
    UNKNOWN_TYPE("CS-OBJ-UNKNOWN-TYPE"),
    /** A recipe is malformed (bad rule, bad itemtype, unresolvable inheritFrom). */
    BAD_RECIPE("CS-RECIPE"),
    /** The type has no ID properties, so it has no ID object. */
    NOT_VERSIONED("CS-OBJ-NOT-VERSIONED"),
    /** Microdata that is not exactly what the canonical writer produces. */
    BAD_MICRODATA("CS-MICRODATA"),
    /** Input JSON that cannot be read. */
    BAD_JSON("CS-JSON"),

    // ---- store ----
    /** The requested hash is not in the store. */
    NOT_FOUND("CS-NOT-FOUND"),
    /** Content does not hash to the hash it was offered or stored under. */
    HASH_MISMATCH("CS-HASH-MISMATCH"),
    /** An object references an object, ID object, BLOB or CLOB that is missing. */
    MISSING_REFERENCE("CS-MISSING-REF"),
    /** The store directory was written by an incompatible format version. */
    STORE_FORMAT("CS-STORE-FORMAT"),
    /** The store directory is missing, not initialised, or already initialised. */
    STORE_STATE("CS-STORE-STATE"),
    /** A log record is corrupt or of an unknown kind. */
    CORRUPT_RECORD("CS-CORRUPT"),
    /** The disk is full or the file system refused a write; the log is intact. */
    DISK_FULL("CS-DISK-FULL"),
    /** An I/O operation failed. */
    IO("CS-IO"),
    /** The store was closed. */
    CLOSED("CS-CLOSED"),
    /** {@code verify} found problems. */
    VERIFY_FAILED("CS-VERIFY"),
    /** The bytes of a CLOB are not valid UTF-8. */
    BAD_CLOB("CS-BAD-CLOB"),

    // ---- chum ----
    /** Options are incomplete or contradictory (ONE's CS-INIT1). */
    BAD_OPTIONS("CS-INIT1"),
    /** The peers speak different protocol versions (ONE's CS-MISMATCH). */
    PROTOCOL_MISMATCH("CS-MISMATCH"),
    /** A frame is malformed, oversized, of an unknown kind or out of sequence. */
    PROTOCOL("CS-PROTOCOL"),
    /** A peer asked for a hash that was never offered to it in this chum. */
    NOT_OFFERED("CS-NOT-OFFERED"),
    /** A peer sent an object that must never be imported (Access, IdAccess, Group). */
    FORBIDDEN_TYPE("CS-FORBIDDEN-TYPE"),
    /** The connection closed before the chum ended. */
    CONNECTION_CLOSED("CS-CONN-CLOSED"),
    /** A peer was silent for longer than the idle timeout. */
    TIMEOUT("CS-TIMEOUT"),
    /** The chum was interrupted (crash or kill) and logged after the store was reopened. */
    INTERRUPTED("CS-INTERRUPTED"),
    /** The remote side reported an error. */
    REMOTE("CS-REMOTE"),

    // ---- identity and trust ----
    /** The peer's key is not trusted by this store. */
    UNTRUSTED_PEER("CS-UNTRUSTED"),
    /** The peer's key belongs to another person than it claims. */
    IMPERSONATION("CS-IMPERSONATION"),
    /** TLS handshake or certificate failure. */
    TLS("CS-TLS"),
    /** The server refused the connection (too many connections). */
    BUSY("CS-BUSY"),
    /** The instance's private key files are missing, malformed, not owner-only, or cannot be protected. */
    KEY_FILE("CS-KEY-FILE"),
    /**
     * A trust decision that contradicts the store's: a key trusted for one person trusted for another, or revoked for
     * a person it is not trusted for. A key proves exactly one person.
     */
    TRUST_CONFLICT("CS-TRUST-CONFLICT"),

    // ---- command line ----
    /** Bad command-line usage (exit code 2). */
    USAGE("CS-USAGE"),
    /**
     * The command's standard output was closed while it still had output to write (the reader of a pipe left, as
     * {@code chum log | head} does): the CLI stops without a message and exits 141, as a process ended by SIGPIPE.
     */
    OUTPUT_CLOSED("CS-OUTPUT-CLOSED"),
    /** A bug: an invariant did not hold. */
    INTERNAL("CS-INTERNAL"),
    /** {@code chum demo} ran, but its checks of the outcome failed (what, is in the message). */
    DEMO_FAILED("CS-DEMO");

    private final String code;

    ErrorCode(final String code) {
        this.code = code;
    }

    /** The stable code string, e.g. {@code CS-MISMATCH}. */
    public String code() {
        return code;
    }

    /** The constant with that code string, or {@link #INTERNAL} if none has it. */
    public static ErrorCode fromCode(final String code) {
        for (final ErrorCode c : values()) {
            if (c.code.equals(code)) {
                return c;
            }
        }
        return INTERNAL;
    }
}
