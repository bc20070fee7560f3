package io.chum.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.Json;
import io.chum.model.ObjectJson;
import io.chum.model.OneObject;
import io.chum.store.OneStore;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** {@code chum get}: an object's microdata, or a BLOB's/CLOB's bytes. */
final class GetCommand implements Runnable {
    static final CommandDef DEFINITION = CommonOptions.command("get")
        .description(
            "Prints the microdata of an object or ID object, or the bytes of a BLOB/CLOB.",
            "--out writes to a file instead: the exact microdata or bytes (on standard output microdata ends with a "
                + "line break). --json gives an object as JSON (its properties and $type$), also with --out; a BLOB or "
                + "CLOB has no JSON form.")
        .parameter("HASH", "Object, ID, BLOB or CLOB hash.")
        .option("--out", "FILE", "Write the content to FILE.")
        .footer(
            "", "Example:", "  chum get --store /tmp/alice HASH --out photo.jpg")
        .build();

    private final CommonOptions common;
    private final String hex;
    private final Path outFile;

    GetCommand(final CommonOptions common) {
        this.common = common;
        this.hex = common.args().parameter(0);
        this.outFile = common.args().path("--out");
    }

    @Override
    public void run() {
        try (OneStore store = common.openStore()) {
            final HashArgument.Found found = HashArgument.find(store, hex)
                .orElseThrow(() -> new ChumException(ErrorCode.NOT_FOUND, "no object, ID object, BLOB or CLOB " + hex));
            switch (found.kind()) {
                case OBJECT -> printObject(store.readMicrodata((Hash) found.hash()),
                    () -> store.readObject((Hash) found.hash()), store);
                case ID_OBJECT -> printObject(store.readIdMicrodata((IdHash) found.hash()),
                    () -> store.readIdObject((IdHash) found.hash()), store);
                default -> copyBlob(store, (Hash) found.hash());
            }
        }
    }

    private void printObject(final byte[] microdata, final java.util.function.Supplier<OneObject> parsed,
                             final OneStore store) {
        if (common.json()) {
            final ObjectNode node = ObjectJson.toJson(parsed.get(), store.recipes());
            if (outFile != null) {
                write((Json.write(node) + "\n").getBytes(StandardCharsets.UTF_8));
            } else {
                common.output().emit(node, "");
            }
        } else if (outFile != null) {
            write(microdata);
        } else {
            common.output().text(new String(microdata, StandardCharsets.UTF_8));
        }
    }

    private void copyBlob(final OneStore store, final Hash hash) {
        if (common.json()) {
            throw new ChumException(ErrorCode.USAGE, hash + " is a BLOB or CLOB: its bytes have no JSON form (get it"
                + " without --json, or with --out FILE)");
        }
        try (InputStream in = store.openBlob(hash)) {
            if (outFile != null) {
                try (OutputStream out = new FileOutputStream(outFile.toFile())) {
                    in.transferTo(out);
                }
            } else {
                common.output().flush();
                // Straight to file descriptor 1, unbuffered and not closed: System.out would hide a closed pipe and
                // go on reading the whole BLOB.
                in.transferTo(new FileOutputStream(FileDescriptor.out));
            }
        } catch (final IOException e) {
            if (outFile == null && StandardOutput.isBrokenPipe(e)) {
                throw new ChumException(ErrorCode.OUTPUT_CLOSED, "standard output is closed", e);
            }
            throw new ChumException(ErrorCode.IO, "cannot copy " + hash + ": " + ChumException.describe(e), e);
        }
    }

    private void write(final byte[] bytes) {
        try (OutputStream out = new FileOutputStream(outFile.toFile())) {
            out.write(bytes);
        } catch (final IOException e) {
            throw new ChumException(ErrorCode.IO, "cannot write " + outFile + ": " + ChumException.describe(e), e);
        }
    }
}
