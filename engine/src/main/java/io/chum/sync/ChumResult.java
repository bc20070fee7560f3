package io.chum.sync;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.Json;
import io.chum.model.OneObject;
import io.chum.store.OneStore;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of a chum: the hashes of the stored Chum object and the summary of design.md §7 ("Chum summary"). AtoB
 * (sent) is what our exporter sent in acknowledged batches, BtoA (received) what our importer stored. The Chum object
 * itself lists every hash the chum transferred, so it is not held here: {@link #readChum} reads it from the store.
 * Immutable.
 *
 * @param hash                   the Chum object's hash
 * @param idHash                 the Chum object's ID hash (the same on both sides)
 * @param sessionId              the chum's session id in our log (the index of its START record)
 * @param name                   the chum name
 * @param remotePerson           the peer's Person ID hash
 * @param remoteInstance         the peer's instance name
 * @param sent                   entries sent (AtoB)
 * @param received               entries received and stored (BtoA)
 * @param exists                 offered entries we had already (BtoAExists)
 * @param errors                 the errors recorded, first the one that ended the chum if any
 * @param fullSync               whether our importer achieved full sync (FULL_SYNC acknowledged)
 * @param highestRemoteTimestamp the peer's snapshot timestamp if full sync was achieved, else the cursor used
 * @param millis                 the chum's duration
 */
public record ChumResult(Hash hash, IdHash idHash, long sessionId, String name,
                         IdHash remotePerson, String remoteInstance, TransferCounts sent, TransferCounts received,
                         long exists, List<ChumError> errors, boolean fullSync, long highestRemoteTimestamp,
                         long millis) {
    public ChumResult {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(idHash, "idHash");
        errors = List.copyOf(errors);
    }

    /**
     * The Chum object, read from {@code store} (the store the chum ran on). It lists every hash the chum transferred:
     * for a chum of a million entries that is about 70 MB of microdata and a million hash objects.
     *
     * @throws io.chum.ChumException NOT_FOUND if the store does not hold it
     */
    public OneObject readChum(final OneStore store) {
        return store.readObject(hash);
    }

    /** True if the chum recorded no error. */
    public boolean ok() {
        return errors.isEmpty();
    }

    /** The summary as JSON, with the field names of design.md §7. */
    public ObjectNode toJson() {
        final ObjectNode out = Json.object();
        final ObjectNode c = out.putObject("chum");
        c.put("hash", hash.toHex());
        c.put("idHash", idHash.toHex());
        out.put("name", name);
        out.put("remotePerson", remotePerson.toHex());
        out.put("remoteInstance", remoteInstance);
        counts(out.putObject("sent"), sent);
        counts(out.putObject("received"), received);
        out.put("exists", exists);
        final ArrayNode e = out.putArray("errors");
        for (final ChumError err : errors) {
            final ObjectNode n = e.addObject();
            n.put("code", err.code());
            n.put("message", err.message());
            n.put("remote", err.remote());
        }
        out.put("fullSync", fullSync);
        out.put("highestRemoteTimestamp", highestRemoteTimestamp);
        out.put("millis", millis);
        return out;
    }

    private static void counts(final ObjectNode n, final TransferCounts c) {
        n.put("objects", c.objects());
        n.put("idObjects", c.idObjects());
        n.put("blobs", c.blobs());
        n.put("clobs", c.clobs());
    }
}
