package io.chum.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.model.IdHash;
import io.chum.store.AccessMode;
import io.chum.store.AccessRequest;
import io.chum.store.OneStore;
import io.chum.store.StoreResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code chum grant}: gives persons or groups access to an object (Access) or to all versions of an ID (IdAccess). */
final class GrantCommand implements Runnable {
    static final CommandDef DEFINITION = CommonOptions.command("grant")
        .description(
            "Grants persons or groups access to an object (Access) or to every version of an ID (IdAccess).",
            "--object H writes an Access (the object and everything it references), --id IDH an IdAccess (the ID "
                + "object and every version, present and future). --mode add (the default) adds to the current grant; "
                + "replace sets exactly these persons and groups (replace with none revokes). Only the current version "
                + "of an Access/IdAccess counts. JSON: {\"hash\",\"idHash\"} of the Access/IdAccess.")
        .option("--object", "H", "Object hash: grant an Access.")
        .option("--id", "IDH", "ID hash: grant an IdAccess.")
        .oneOf(true, "--object", "--id")
        .repeatable("--person", "P", "A person: email or Person ID hash.")
        .repeatable("--group", "NAME", "A group by name (see 'chum group').")
        .option("--mode", "MODE", "add", "add or replace (default: ${DEFAULT-VALUE}).")
        .footer(
            "", "Examples:",
            "  chum grant --store /tmp/alice --object HASH --person bob@mail.com",
            "  chum grant --store /tmp/alice --id IDHASH --group family --mode replace")
        .build();

    private final CommonOptions common;
    /** Exactly one of these is set: the target. */
    private final String objectHex;
    private final String idHex;
    private final List<String> persons;
    private final List<String> groups;
    private final String mode;

    GrantCommand(final CommonOptions common) {
        this.common = common;
        this.objectHex = common.args().value("--object");
        this.idHex = common.args().value("--id");
        this.persons = common.args().values("--person");
        this.groups = common.args().values("--group");
        this.mode = common.args().value("--mode");
    }

    @Override
    public void run() {
        final AccessMode accessMode = switch (mode.toLowerCase(Locale.ROOT)) {
            case "add" -> AccessMode.ADD;
            case "replace" -> AccessMode.REPLACE;
            default -> throw new ChumException(ErrorCode.USAGE, "--mode is add or replace, not " + mode);
        };
        try (OneStore store = common.openStore()) {
            final List<IdHash> personIds = new ArrayList<>();
            for (final String p : persons) {
                personIds.add(PersonArgument.resolve(store, p));
            }
            final List<IdHash> groupIds = new ArrayList<>();
            for (final String g : groups) {
                groupIds.add(GroupCommand.groupId(store, g));
            }
            final AccessRequest request = objectHex != null
                ? AccessRequest.forObject(HashArgument.parse(objectHex), personIds, groupIds, accessMode)
                : AccessRequest.forId(HashArgument.parse(idHex).asIdHash(), personIds, groupIds, accessMode);
            final StoreResult result = store.createAccess(request);
            final Output out = common.output();
            final ObjectNode node = out.object();
            JsonFields.putHash(node, "hash", result.hash());
            JsonFields.putHash(node, "idHash", result.idHash());
            out.emit(node, (objectHex != null ? "Access " : "IdAccess ") + result.hash()
                + (result.isNew() ? "" : " (unchanged)"));
        }
    }
}
