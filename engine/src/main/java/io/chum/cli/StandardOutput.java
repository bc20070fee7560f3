package io.chum.cli;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The command line's stdout: UTF-8 whatever the locale says, buffered, and remembering why a write failed.
 *
 * <p>UTF-8 because what the CLI prints is JSON and ONE microdata, both UTF-8: in the JVM's default charset, which a
 * C or POSIX locale makes ASCII, {@code chum get} printed every non-ASCII character of an object as {@code ?}.
 * Buffered, without flushing every line, because {@link Output#emit} and {@link Output#flush} flush where it matters.
 * A {@link PrintWriter} only says that a write failed; {@link #failure} says why, so that a reader who left (a broken
 * pipe) can end a listing quietly while a full disk stays an error.
 *
 * <p>Thread-safe as {@link PrintWriter} is; {@link #failure} may be read from any thread.
 */
final class StandardOutput extends PrintWriter {
    private static final int BUFFER_CHARS = 1 << 16;

    private final FailureRecorder recorder;

    private StandardOutput(final FailureRecorder recorder) {
        super(new BufferedWriter(new OutputStreamWriter(recorder, StandardCharsets.UTF_8), BUFFER_CHARS), false);
        this.recorder = recorder;
    }

    /** The process's stdout (file descriptor 1). */
    static StandardOutput stdout() {
        return over(new FileOutputStream(FileDescriptor.out));
    }

    /** UTF-8 text over {@code sink}; for tests. */
    static StandardOutput over(final OutputStream sink) {
        return new StandardOutput(new FailureRecorder(sink));
    }

    /** The first failed write's exception, or null. */
    IOException failure() {
        return recorder.failure;
    }

    /**
     * True if {@code e} says that the reading end of a pipe or socket has gone ({@code EPIPE}). The JDK reports
     * errno's text only; on Linux and macOS it is "Broken pipe".
     */
    static boolean isBrokenPipe(final IOException e) {
        return e.getMessage() != null && e.getMessage().contains("Broken pipe");
    }

    /** Passes bytes on and keeps the first exception of a write or flush. */
    private static final class FailureRecorder extends FilterOutputStream {
        private volatile IOException failure;

        FailureRecorder(final OutputStream out) {
            super(out);
        }

        @Override
        public void write(final byte[] b, final int off, final int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (final IOException e) {
                throw recorded(e);
            }
        }

        @Override
        public void write(final int b) throws IOException {
            try {
                out.write(b);
            } catch (final IOException e) {
                throw recorded(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (final IOException e) {
                throw recorded(e);
            }
        }

        private IOException recorded(final IOException e) {
            if (failure == null) {
                failure = e;
            }
            return e;
        }
    }
}
