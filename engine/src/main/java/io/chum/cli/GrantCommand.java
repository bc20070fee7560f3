package io.chum.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.model.IdHash;
import io.chum.store.AccessMode;
import io.chum.store.AccessRequest;
import io.chum.store.OneStore;
import io.chum.store.StoreResult;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code chum grant}: gives persons or groups access to an object (Access) or to all versions of an ID (IdAccess). */
@Command(name = "grant",
    description = {
        "Grants persons or groups access to an object (Access) or to every version of an ID (IdAccess).",
        "--object H writes an Access (the object and everything it references), --id IDH an IdAccess (the ID "
            + "object and every version, present and future). --mode add (the default) adds to the current grant; "
            + "replace sets exactly these persons and groups (replace with none revokes). Only the current version "
            + "of an Access/IdAccess counts. JSON: {\"hash\",\"idHash\"} of the Access/IdAccess."},
    footer = {"", "Examples:",
        "  chum grant --store /tmp/alice --object HASH --person bob@mail.com",
        "  chum grant --store /tmp/alice --id IDHASH --group family --mode replace"})
final class GrantCommand implements Runnable {
    @Mixin
    private CommonOptions common;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Target target;

    @Option(names = "--person", paramLabel = "P", description = "A person: email or Person ID hash. Repeatable.")
    private List<String> persons = new ArrayList<>();

    @Option(names = "--group", paramLabel = "NAME", description = "A group by name (see 'chum group'). Repeatable.")
    private List<String> groups = new ArrayList<>();

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "add",
        description = "add or replace (default: ${DEFAULT-VALUE}).")
    private String mode;

    /** Exactly one target. */
    static final class Target {
        @Option(names = "--object", paramLabel = "H", description = "Object hash: grant an Access.")
        String object;

        @Option(names = "--id", paramLabel = "IDH", description = "ID hash: grant an IdAccess.")
        String id;
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
            final AccessRequest request = target.object != null
                ? AccessRequest.forObject(HashArgument.parse(target.object), personIds, groupIds, accessMode)
                : AccessRequest.forId(HashArgument.parse(target.id).asIdHash(), personIds, groupIds, accessMode);
            final StoreResult result = store.createAccess(request);
            final Output out = common.output();
            final ObjectNode node = out.object();
            JsonFields.putHash(node, "hash", result.hash());
            JsonFields.putHash(node, "idHash", result.idHash());
            out.emit(node, (target.object != null ? "Access " : "IdAccess ") + result.hash()
                + (result.isNew() ? "" : " (unchanged)"));
        }
    }
}
