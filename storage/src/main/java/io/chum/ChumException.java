package io.chum;

import java.util.Objects;

/**
 * The one exception type of chum-sync's API: unchecked, carrying a stable {@link ErrorCode}.
 *
 * <p>Messages name the offending hash, property or frame where there is one. Immutable; safe to share
 * between threads.
 */
public final class ChumException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode errorCode;

    public ChumException(final ErrorCode errorCode, final String message) {
        super(message);
        this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
    }

    public ChumException(final ErrorCode errorCode, final String message, final Throwable cause) {
        super(message, cause);
        this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
    }

    /** The error's category. */
    public ErrorCode errorCode() {
        return errorCode;
    }

    /** The stable code string, e.g. {@code CS-MISMATCH}. */
    public String code() {
        return errorCode.code();
    }

    @Override
    public String getMessage() {
        return errorCode.code() + ": " + super.getMessage();
    }

    /** The message without the code prefix. */
    public String reason() {
        return super.getMessage();
    }

    /** Wraps any throwable as a ChumException, keeping an existing one as is. */
    public static ChumException wrap(final Throwable t, final ErrorCode fallback) {
        if (t instanceof ChumException) {
            return (ChumException) t;
        }
        return new ChumException(fallback, String.valueOf(t.getMessage() != null ? t.getMessage() : t), t);
    }
}
