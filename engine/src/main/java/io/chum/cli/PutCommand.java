package io.chum.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.model.ObjectJson;
import io.chum.model.OneObject;
import io.chum.model.RecipeRegistry;
import io.chum.store.BlobResult;
import io.chum.store.OneStore;
import io.chum.store.StoreAs;
import io.chum.store.StoreResult;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code chum put}: stores an object, a file of objects (one JSON per line), a BLOB or a CLOB. */
final class PutCommand implements Runnable {
    static final CommandDef DEFINITION = CommonOptions.command("put")
        .description(
            "Stores an object (--type with --data or --data-file) or a file as BLOB or CLOB.",
            "Versioned types are stored as a new version (--as change, the default), merged (--as merge), or without "
                + "a version node (--as no-version-map). --data-file stores one object per line in one process, with "
                + "progress on stderr when it is a terminal. JSON: {\"hash\",\"idHash\"} per object, {\"hash\"} "
                + "for a BLOB or CLOB.")
        .option("--type", "TYPE", "ONE type of the object(s).")
        .option("--data", "JSON", "One object as JSON.")
        .option("--data-file", "FILE", "Objects as JSON lines, one per line.")
        .option("--blob", "FILE", "A file stored as BLOB (bytes).")
        .option("--clob", "FILE", "A file stored as CLOB (UTF-8 text).")
        .oneOf(true, "--data", "--data-file", "--blob", "--clob")
        .option("--as", "MODE", "change",
            "How a versioned object is stored: change, merge or no-version-map (default: ${DEFAULT-VALUE}).")
        .footer(
            "", "Examples:",
            "  chum put --store /tmp/alice --type Person --data '{\"email\":\"bob@mail.com\"}'",
            "  chum put --store /tmp/alice --type Person --data-file persons.jsonl --json",
            "  chum put --store /tmp/alice --blob photo.jpg")
        .build();

    /** Lines of {@code --data-file} stored between two forces to disk. */
    static final int LINES_PER_FORCE = 1_000;

    private final CommonOptions common;
    private final String type;
    /** Exactly one of these four is set: the input. */
    private final String data;
    private final Path dataFile;
    private final Path blob;
    private final Path clob;
    private final StoreAs storeAs;

    PutCommand(final CommonOptions common) {
        this.common = common;
        this.type = common.args().value("--type");
        this.data = common.args().value("--data");
        this.dataFile = common.args().path("--data-file");
        this.blob = common.args().path("--blob");
        this.clob = common.args().path("--clob");
        this.storeAs = StoreAsArgument.parse(common.args().value("--as"));
    }

    @Override
    public void run() {
        if ((data != null || dataFile != null) == (type == null)) {
            throw new ChumException(ErrorCode.USAGE, type == null
                ? "--data and --data-file need --type" : "--type goes with --data or --data-file, not a BLOB/CLOB");
        }
        if (type == null && common.args().has("--as")) {
            throw new ChumException(ErrorCode.USAGE,
                "--as is for versioned objects (--data, --data-file), not a BLOB/CLOB");
        }
        try (OneStore store = common.openStore()) {
            final Output out = common.output();
            if (data != null) {
                printResult(out, store(store, ObjectJson.fromJson(data, type, store.recipes()), true));
            } else if (dataFile != null) {
                putLines(store, out);
            } else {
                putFile(store, out, blob != null ? blob : clob, clob != null);
            }
        }
    }

    private StoreResult store(final OneStore store, final OneObject obj, final boolean force) {
        final RecipeRegistry recipes = store.recipes();
        return recipes.isVersioned(obj.type()) ? store.storeVersionedObject(obj, storeAs, force)
            : store.storeObject(obj, force);
    }

    /**
     * One object per line, forced to disk once per {@value #LINES_PER_FORCE} lines rather than once per line (100 000
     * versioned objects: 100 000 fsyncs before). Each line's result is printed once it is on disk; at a bad line the
     * lines before it are forced and printed, then the error names the line. Printed as a listing is: a closed stdout
     * stops the load after the group being printed ({@code CS-OUTPUT-CLOSED}), with that group on disk.
     */
    private void putLines(final OneStore store, final Output out) {
        long lineNumber = 0;
        long stored = 0;
        final List<StoreResult> unforced = new ArrayList<>();
        try (CountingInputStream bytes = new CountingInputStream(Files.newInputStream(dataFile));
             BufferedReader in = new BufferedReader(new InputStreamReader(bytes, StandardCharsets.UTF_8));
             Progress progress = Progress.onStderr(common.err(), "put")) {
            progress.totals(-1, Files.size(dataFile));
            String line;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    unforced.add(store(store, ObjectJson.fromJson(line, type, store.recipes()), false));
                } catch (final ChumException e) {
                    forceAndPrint(store, out, unforced);
                    throw new ChumException(e.errorCode(), dataFile + " line " + lineNumber + ": " + e.reason(), e);
                }
                if (unforced.size() >= LINES_PER_FORCE) {
                    forceAndPrint(store, out, unforced);
                }
                progress.update(++stored, bytes.count());
            }
        } catch (final IOException e) {
            forceAndPrint(store, out, unforced);
            throw new ChumException(ErrorCode.IO, "cannot read " + dataFile + ": " + ChumException.describe(e), e);
        }
        forceAndPrint(store, out, unforced);
    }

    /** Forces the stored lines to disk, then prints their results as one listing (one flush, not one per line). */
    private void forceAndPrint(final OneStore store, final Output out, final List<StoreResult> results) {
        store.force();
        for (final StoreResult r : results) {
            out.line(resultNode(out, r), resultText(r));
        }
        out.flush();
        results.clear();
    }

    /** Counts the bytes read, for the progress display (the reader's buffer runs a few KiB ahead). */
    private static final class CountingInputStream extends FilterInputStream {
        private long count;

        CountingInputStream(final InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            final int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(final byte[] b, final int off, final int len) throws IOException {
            final int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        long count() {
            return count;
        }
    }

    private static void putFile(final OneStore store, final Output out, final Path file, final boolean clob) {
        final BlobResult result;
        try (InputStream in = Files.newInputStream(file)) {
            result = clob ? store.storeClob(in) : store.storeBlob(in);
        } catch (final IOException e) {
            throw new ChumException(ErrorCode.IO, "cannot read " + file + ": " + ChumException.describe(e), e);
        }
        final ObjectNode node = out.object();
        node.put("hash", result.hash().toHex());
        out.emit(node, result.hash().toHex());
    }

    private static void printResult(final Output out, final StoreResult result) {
        out.emit(resultNode(out, result), resultText(result));
    }

    private static ObjectNode resultNode(final Output out, final StoreResult result) {
        final ObjectNode node = out.object();
        JsonFields.putHash(node, "hash", result.hash());
        JsonFields.putHash(node, "idHash", result.idHash());
        return node;
    }

    private static String resultText(final StoreResult result) {
        return result.hash() + (result.idHash() == null ? "" : "  id " + result.idHash());
    }
}
