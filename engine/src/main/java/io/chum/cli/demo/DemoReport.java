package io.chum.cli.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chum.model.IdHash;
import io.chum.model.Json;
import io.chum.store.VerifyReport;
import io.chum.sync.ChumResult;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a demo run: what each side wrote and granted, both chums' results, the sync and latency figures,
 * and the checks. {@link #toJson()} is the final JSON line of {@code chum demo --json} (documented in
 * {@code README.md}, "Start here"). Immutable.
 *
 * @param settings  what was run
 * @param directory where the two stores are (removed unless {@code settings.keep()})
 * @param alice     alice's side
 * @param bob       bob's side
 * @param aliceChum alice's chum (the client)
 * @param bobChum   bob's chum (served)
 * @param sync      the full sync
 * @param latency   the keepRunning writes
 * @param second    the one-shot chum run after the first ended
 * @param checks    each check by name, in a stable order: true if it passed
 * @param failures  what failed, one line each (empty if every check passed)
 * @param millis    the whole run
 */
public record DemoReport(DemoSettings settings, Path directory, Side alice, Side bob, ChumResult aliceChum,
                         ChumResult bobChum, Sync sync, Latency latency, SecondChum second,
                         Map<String, Boolean> checks, List<String> failures, long millis) {
    public DemoReport {
        checks = Collections.unmodifiableMap(new LinkedHashMap<>(checks));
        failures = List.copyOf(failures);
    }

    /** True if every check passed. */
    public boolean ok() {
        return failures.isEmpty() && checks.values().stream().allMatch(Boolean::booleanValue);
    }

    /**
     * One side of the demo.
     *
     * @param email             the owner's email
     * @param person            the owner's Person ID hash
     * @param instance          the instance name
     * @param objects           data objects written (note and album versions, photos), keepRunning writes included
     * @param versionNodes      version nodes written
     * @param idObjects         ID objects written
     * @param blobs             BLOBs written
     * @param clobs             CLOBs written
     * @param bytes             bytes of those BLOBs and CLOBs
     * @param grantedToPeer     entries the peer may access, as the demo computes it from its grants
     * @param withheldFromPeer  entries written here that the peer may not access
     * @param missingAtPeer     granted entries the peer does not hold at the end (must be 0)
     * @param leakedToPeer      withheld entries the peer holds at the end (must be 0)
     * @param importedUngranted entries the peer's chum imported that were not granted (must be 0)
     * @param verify            this store's verify report at the end
     */
    public record Side(String email, IdHash person, String instance, long objects, long versionNodes, long idObjects,
                       long blobs, long clobs, long bytes, long grantedToPeer, long withheldFromPeer,
                       long missingAtPeer, long leakedToPeer, long importedUngranted, VerifyReport verify) {
        ObjectNode toJson() {
            final ObjectNode n = Json.object();
            n.put("email", email);
            n.put("person", person.toHex());
            n.put("instance", instance);
            final ObjectNode w = n.putObject("written");
            w.put("objects", objects);
            w.put("versionNodes", versionNodes);
            w.put("idObjects", idObjects);
            w.put("blobs", blobs);
            w.put("clobs", clobs);
            w.put("bytes", bytes);
            n.put("grantedToPeer", grantedToPeer);
            n.put("withheldFromPeer", withheldFromPeer);
            n.put("missingAtPeer", missingAtPeer);
            n.put("leakedToPeer", leakedToPeer);
            n.put("importedUngranted", importedUngranted);
            final ObjectNode v = n.putObject("verify");
            v.put("objects", verify.objects() + verify.idObjects());
            v.put("blobs", verify.blobs() + verify.clobs());
            v.put("errors", verify.problems().size());
            return n;
        }
    }

    /**
     * The full sync of the chum (both directions).
     *
     * @param address the server's address (bob)
     * @param millis  from the chum's start until both directions achieved full sync
     * @param entries entries transferred (both directions)
     * @param bytes   their bytes
     */
    public record Sync(String address, long millis, long entries, long bytes) {
    }

    /**
     * Write-to-arrival latency of the keepRunning writes, both directions together: from the start of the write
     * call on one side until the peer's store holds the object.
     *
     * @param p50Ms                median
     * @param p99Ms                99th percentile
     * @param maxMs                largest
     * @param samples              writes that arrived (of {@code 2 × liveWrites})
     * @param maxNotificationDelay the chum's maxNotificationDelay (ms)
     */
    public record Latency(double p50Ms, double p99Ms, double maxMs, long samples, int maxNotificationDelay) {
    }

    /**
     * The one-shot chum run after the keepRunning one ended, from the cursor that one left: it has nothing to transfer.
     *
     * @param alice  alice's result (the client)
     * @param bob    bob's result (served)
     * @param millis from connecting until both results were in
     */
    public record SecondChum(ChumResult alice, ChumResult bob, long millis) {
        /**
         * The entries both sides counted as sent or received, added up: 0 if nothing crossed (an entry that crossed
         * counts once where it was sent and once where it was stored).
         */
        public long entries() {
            return alice.sent().total() + alice.received().total() + bob.sent().total() + bob.received().total();
        }

        /** Offered entries the receiving side had already (both sides). */
        public long alreadyHad() {
            return alice.exists() + bob.exists();
        }

        /** True if it transferred nothing and both sides reached full sync without an error. */
        public boolean idle() {
            return entries() == 0 && alice.ok() && bob.ok() && alice.fullSync() && bob.fullSync();
        }
    }

    /** The final JSON line: {@code {"demo":{…}}}. */
    public ObjectNode toJson() {
        final ObjectNode out = Json.object();
        final ObjectNode d = out.putObject("demo");
        d.put("objects", settings.objects());
        d.put("directory", directory.toString());
        d.put("kept", settings.keep());
        d.put("millis", millis);
        d.set("alice", sideJson(alice, aliceChum));
        d.set("bob", sideJson(bob, bobChum));
        final ObjectNode s = d.putObject("sync");
        s.put("address", sync.address());
        s.put("tls", "TLSv1.3");
        s.put("millis", sync.millis());
        s.put("entries", sync.entries());
        s.put("bytes", sync.bytes());
        final ObjectNode l = d.putObject("latencyMs");
        l.put("p50", round(latency.p50Ms()));
        l.put("p99", round(latency.p99Ms()));
        l.put("max", round(latency.maxMs()));
        l.put("samples", latency.samples());
        l.put("maxNotificationDelay", latency.maxNotificationDelay());
        final ObjectNode sc = d.putObject("secondChum");
        sc.put("millis", second.millis());
        sc.put("entries", second.entries());
        sc.put("alreadyHad", second.alreadyHad());
        final ObjectNode c = d.putObject("checks");
        checks.forEach(c::put);
        final ArrayNode f = d.putArray("failures");
        failures.forEach(f::add);
        d.put("ok", ok());
        return out;
    }

    private static ObjectNode sideJson(final Side side, final ChumResult chum) {
        final ObjectNode n = side.toJson();
        final ObjectNode c = n.putObject("chum");
        c.put("hash", chum.hash().toHex());
        c.put("idHash", chum.idHash().toHex());
        return n;
    }

    private static double round(final double ms) {
        return Math.round(ms * 1000) / 1000.0;
    }
}
