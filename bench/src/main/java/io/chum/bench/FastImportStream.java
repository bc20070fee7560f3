package io.chum.bench;

import io.chum.ChumException;
import io.chum.ErrorCode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads the subset of git's fast-import format that the benchmark generator ({@code bench/gen.py}) writes, so
 * that chum-sync is loaded with exactly the bytes git gets: {@code blob} / {@code mark :N} / {@code data N}
 * (followed by N raw bytes and an optional LF), and {@code commit REF} with {@code committer}, {@code author},
 * {@code data N} (the message), {@code from …} and {@code M MODE :MARK PATH} lines, ended by a blank line. Any
 * other command is refused with {@code CS-USAGE} naming the line, rather than silently producing a different
 * data set.
 *
 * <p>Blob bytes are handed to the {@link Handler} as a stream bounded to the blob, never read whole here.
 * NOT thread-safe: one thread reads one stream.
 */
final class FastImportStream {
    /** The longest command line accepted; the generator's lines are well under 100 bytes. */
    private static final int MAX_LINE = 4096;

    /** Receives the blobs and file entries of the stream, in stream order. */
    interface Handler {
        /**
         * A blob with {@code mark}: exactly {@code size} bytes are readable from {@code data} (then it reports
         * the end). Bytes the handler leaves unread are skipped.
         */
        void blob(int mark, long size, InputStream data) throws IOException;

        /** A commit's {@code M} line: {@code path} holds the blob with {@code mark}. */
        void file(int mark, String path);
    }

    private final InputStream in;
    private final Handler handler;
    private long lineNumber;

    private FastImportStream(final InputStream in, final Handler handler) {
        this.in = in;
        this.handler = handler;
    }

    /** Reads {@code in} (buffer it) to its end, calling {@code handler}; does not close it. */
    static void read(final InputStream in, final Handler handler) {
        try {
            new FastImportStream(in, handler).readAll();
        } catch (final IOException e) {
            throw new ChumException(ErrorCode.IO, "cannot read the fast-import stream: " + e.getMessage(), e);
        }
    }

    private void readAll() throws IOException {
        for (String line = readLine(); line != null; line = readLine()) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.equals("blob")) {
                readBlob();
            } else if (line.startsWith("commit ")) {
                readCommit();
            } else {
                throw unsupported(line);
            }
        }
    }

    private void readBlob() throws IOException {
        final String markLine = requireLine("a 'mark :N' line after 'blob'");
        if (!markLine.startsWith("mark :")) {
            throw unsupported(markLine + "' (the generator marks every blob");
        }
        final int mark = parseMark(markLine.substring("mark ".length()));
        final long size = parseData(requireLine("a 'data N' line"));
        final BoundedInputStream data = new BoundedInputStream(in, size);
        handler.blob(mark, size, data);
        data.skipRest();
        skipOptionalLf();
    }

    private void readCommit() throws IOException {
        while (true) {
            final String line = requireLine("the end of the commit (a blank line)");
            if (line.isEmpty()) {
                return;
            }
            if (line.startsWith("M ")) {
                readFileModify(line);
            } else if (line.startsWith("data ")) {
                new BoundedInputStream(in, parseData(line)).skipRest();
                skipOptionalLf();
            } else if (!line.startsWith("committer ") && !line.startsWith("author ") && !line.startsWith("from ")) {
                throw unsupported(line);
            }
        }
    }

    /** {@code M 100644 :MARK PATH}. */
    private void readFileModify(final String line) {
        final String[] parts = line.split(" ", 4);
        if (parts.length != 4 || !parts[2].startsWith(":")) {
            throw unsupported(line + "' (expected 'M MODE :MARK PATH'");
        }
        handler.file(parseMark(parts[2]), parts[3]);
    }

    private int parseMark(final String token) {
        try {
            final int mark = Integer.parseInt(token.substring(1));
            if (token.charAt(0) == ':' && mark > 0) {
                return mark;
            }
        } catch (final NumberFormatException | StringIndexOutOfBoundsException e) {
            // reported below with the line number
        }
        throw new ChumException(ErrorCode.USAGE, "fast-import line " + lineNumber + ": bad mark '" + token + "'");
    }

    private long parseData(final String line) {
        if (line.startsWith("data ")) {
            try {
                final long size = Long.parseLong(line.substring("data ".length()));
                if (size >= 0) {
                    return size;
                }
            } catch (final NumberFormatException e) {
                // reported below; 'data <<DELIM' ends up here too
            }
        }
        throw new ChumException(ErrorCode.USAGE, "fast-import line " + lineNumber + ": expected 'data N', got '"
            + line + "'");
    }

    private void skipOptionalLf() throws IOException {
        if (!in.markSupported()) {
            throw new IllegalArgumentException("the fast-import stream must support mark/reset (buffer it)");
        }
        in.mark(1);
        if (in.read() != '\n') {
            in.reset();
        }
    }

    private String requireLine(final String what) throws IOException {
        final String line = readLine();
        if (line == null) {
            throw new ChumException(ErrorCode.USAGE, "the fast-import stream ends where " + what + " should be");
        }
        return line;
    }

    /** The next LF-terminated line without its LF, or null at the end of the stream. */
    private String readLine() throws IOException {
        final ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        int b = in.read();
        if (b < 0) {
            return null;
        }
        while (b >= 0 && b != '\n') {
            if (line.size() == MAX_LINE) {
                throw new ChumException(ErrorCode.USAGE, "fast-import line " + (lineNumber + 1) + " is longer than "
                    + MAX_LINE + " bytes");
            }
            line.write(b);
            b = in.read();
        }
        lineNumber++;
        return line.toString(StandardCharsets.UTF_8);
    }

    private ChumException unsupported(final String line) {
        return new ChumException(ErrorCode.USAGE, "fast-import line " + lineNumber + ": unsupported '" + line
            + "'; only the generator's subset (blob, mark, data, commit, committer, from, M) is read");
    }

    /** The next {@code remaining} bytes of the stream; a premature end is an error, not a short blob. */
    private static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long remaining;

        BoundedInputStream(final InputStream in, final long size) {
            this.in = in;
            this.remaining = size;
        }

        @Override
        public int read() throws IOException {
            if (remaining == 0) {
                return -1;
            }
            final int b = in.read();
            if (b < 0) {
                throw truncated();
            }
            remaining--;
            return b;
        }

        @Override
        public int read(final byte[] b, final int off, final int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (remaining == 0) {
                return -1;
            }
            final int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n < 0) {
                throw truncated();
            }
            remaining -= n;
            return n;
        }

        void skipRest() throws IOException {
            while (remaining > 0) {
                final long n = in.skip(remaining);
                if (n <= 0) {
                    if (in.read() < 0) {
                        throw truncated();
                    }
                    remaining--;
                } else {
                    remaining -= n;
                }
            }
        }

        private IOException truncated() {
            return new IOException("the stream ends " + remaining + " bytes before the end of a 'data' block");
        }
    }
}
