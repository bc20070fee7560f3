package io.chum;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
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

    /**
     * What went wrong in {@code e}, for a message: the file-system exceptions of {@code java.nio.file} say only
     * which file, so their kind is spelt out ("permission denied (/s/log/x.cq4)").
     */
    public static String describe(final IOException e) {
        final String kind = e instanceof AccessDeniedException ? "permission denied"
            : e instanceof NoSuchFileException ? "no such file or directory"
            : e instanceof FileAlreadyExistsException ? "it exists already"
            : e instanceof NotDirectoryException ? "not a directory"
            : e instanceof DirectoryNotEmptyException ? "directory not empty"
            : null;
        final String message = e.getMessage() != null ? e.getMessage() : e.toString();
        return kind == null ? message : kind + " (" + message + ")";
    }

    /** Wraps any throwable as a ChumException, keeping an existing one as is. */
    public static ChumException wrap(final Throwable t, final ErrorCode fallback) {
        if (t instanceof ChumException) {
            return (ChumException) t;
        }
        return new ChumException(fallback, String.valueOf(t.getMessage() != null ? t.getMessage() : t), t);
    }
}
