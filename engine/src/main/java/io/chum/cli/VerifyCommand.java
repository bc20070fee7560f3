package io.chum.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.store.OneStore;
import io.chum.store.VerifyProblem;
import io.chum.store.VerifyReport;

/** {@code chum verify}: re-hashes everything in the store and checks every reference. */
final class VerifyCommand implements Runnable {
    static final CommandDef DEFINITION = CommonOptions.command("verify")
        .description(
            "Re-hashes everything in the store and checks every reference; exit 1 on any problem.",
            "Re-reads every object, ID object, BLOB and CLOB from the log, re-hashes it, parses objects strictly, "
                + "and checks that every reference is present and every version head is sound. Progress on stderr when "
                + "it is a terminal. JSON: {\"objects\",\"blobs\",\"errors\":[{\"hash\",\"code\",\"message\"}]}.")
        .build();

    private final CommonOptions common;

    VerifyCommand(final CommonOptions common) {
        this.common = common;
    }

    @Override
    public void run() {
        final VerifyReport report;
        try (OneStore store = common.openStore();
             Progress progress = Progress.onStderr(common.err(), "verify")) {
            report = store.verify((checked, total) -> {
                progress.totals(total, -1);
                progress.update(checked, 0);
            });
        }
        final Output out = common.output();
        final ObjectNode node = out.object();
        node.put("objects", report.objects() + report.idObjects());
        node.put("blobs", report.blobs() + report.clobs());
        final ArrayNode errors = node.putArray("errors");
        final StringBuilder text = new StringBuilder();
        text.append(report.objects()).append(" objects, ").append(report.idObjects()).append(" ID objects, ")
            .append(report.blobs()).append(" BLOBs, ").append(report.clobs()).append(" CLOBs: ")
            .append(report.ok() ? "ok" : problems(report.problems().size()));
        for (final VerifyProblem p : report.problems()) {
            final ObjectNode e = errors.addObject();
            e.put("hash", p.hash().toHex());
            e.put("code", p.code().code());
            e.put("message", p.message());
            text.append('\n').append(p.hash()).append("  ").append(p.code().code()).append("  ").append(p.message());
        }
        out.emit(node, text.toString());
        if (!report.ok()) {
            throw new ChumException(ErrorCode.VERIFY_FAILED, problems(report.problems().size()) + " in "
                + common.storeDir());
        }
    }

    private static String problems(final int n) {
        return n + (n == 1 ? " problem" : " problems");
    }
}
