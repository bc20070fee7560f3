package io.chum.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.microdata.Canonical;
import io.chum.model.CoreRecipes;
import io.chum.model.IdHash;
import io.chum.model.OneObject;
import io.chum.store.OneStore;
import io.chum.store.StoreAs;
import io.chum.store.StoreResult;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code chum group}: a new version of a Group, listing exactly the given persons. */
final class GroupCommand implements Runnable {
    static final CommandDef DEFINITION = CommonOptions.command("group")
        .description(
            "Writes a new version of the Group NAME listing exactly the given persons.",
            "Grants to the group reach its members; only the current version of a Group counts. "
                + "JSON: {\"hash\",\"idHash\"}.")
        .required("--name", "NAME", "The group's name (its ID).")
        .repeatable("--person", "P", "A member: email or Person ID hash.")
        .footer(
            "", "Example:", "  chum group --store /tmp/alice --name family --person bob@mail.com --person P2")
        .build();

    private final CommonOptions common;
    private final String name;
    private final List<String> persons;

    GroupCommand(final CommonOptions common) {
        this.common = common;
        this.name = common.args().nonEmptyValue("--name");
        this.persons = common.args().values("--person");
    }

    @Override
    public void run() {
        try (OneStore store = common.openStore()) {
            // a person named twice (by email and by hash, say) is one member
            final Set<Object> members = new LinkedHashSet<>();
            for (final String p : persons) {
                members.add(PersonArgument.resolve(store, p));
            }
            final StoreResult result = store.storeVersionedObject(group(name, List.copyOf(members)), StoreAs.CHANGE);
            final Output out = common.output();
            final ObjectNode node = out.object();
            JsonFields.putHash(node, "hash", result.hash());
            JsonFields.putHash(node, "idHash", result.idHash());
            out.emit(node, "Group " + name + "  " + result.hash() + "  id " + result.idHash());
        }
    }

    /** The ID hash of the group {@code name}; {@code CS-NOT-FOUND} if the store has no such group. */
    static IdHash groupId(final OneStore store, final String name) {
        final IdHash id = Canonical.idHashOf(group(name, List.of()), store.recipes());
        if (!store.exists(id)) {
            throw new ChumException(ErrorCode.NOT_FOUND, "no group named '" + name + "'; create it with 'chum group'");
        }
        return id;
    }

    private static OneObject group(final String name, final List<Object> members) {
        final Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", name);
        values.put("person", members);
        return OneObject.of(CoreRecipes.GROUP, values);
    }
}
