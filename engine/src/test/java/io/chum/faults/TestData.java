package io.chum.faults;

import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.OneObject;
import io.chum.store.AccessMode;
import io.chum.store.AccessRequest;
import io.chum.store.OneStore;
import io.chum.testing.OneTestRecipes;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Writes test data of the one.core test types into a store and grants it to a person, returning what was written
 * (the closure the grants make accessible). Stateless.
 */
final class TestData {
    /** Leaves per root object: keeps each root well below the inline record limit. */
    private static final int LEAVES_PER_ROOT = 250;

    private TestData() {
    }

    /**
     * {@code leaves} small BLOB attachments (an object and a BLOB of 512–2047 bytes each: a chum's
     * batches of them close at 1 MiB, so progress comes in steps of about 700 entries) under root objects of
     * {@value #LEAVES_PER_ROOT} leaves, and one attachment per size in {@code bigBlobs} with a BLOB of random bytes of
     * that size; every root and big attachment is granted to {@code grantee}. {@code tag} keeps the data of different
     * calls apart; {@code seed} fixes the bytes.
     */
    static Entries write(final OneStore store, final IdHash grantee, final String tag, final int leaves,
                         final List<Integer> bigBlobs, final long seed) {
        final SplittableRandom random = new SplittableRandom(seed);
        final Set<Hash> objects = new HashSet<>();
        final Set<Hash> blobs = new HashSet<>();
        List<Hash> group = new ArrayList<>();
        for (int i = 0; i < leaves; i++) {
            final byte[] bytes = new byte[512 + random.nextInt(1536)];
            random.nextBytes(bytes);
            final Hash blob = store.storeBlob(new ByteArrayInputStream(bytes)).hash();
            final Hash leaf = store.storeObject(attachment(tag + "/leaf/" + i, blob)).hash();
            blobs.add(blob);
            objects.add(leaf);
            group.add(leaf);
            if (group.size() == LEAVES_PER_ROOT || i == leaves - 1) {
                objects.add(grant(store, grantee, root(group)));
                group = new ArrayList<>();
            }
        }
        for (int k = 0; k < bigBlobs.size(); k++) {
            final byte[] bytes = new byte[bigBlobs.get(k)];
            random.nextBytes(bytes);
            final Hash blob = store.storeBlob(new ByteArrayInputStream(bytes)).hash();
            blobs.add(blob);
            objects.add(grant(store, grantee, attachment(tag + "/big/" + k, blob)));
        }
        return new Entries(objects, blobs);
    }

    /** One small write: a CLOB naming {@code tag} and an attachment of it, granted to {@code grantee}. */
    static Entries note(final OneStore store, final IdHash grantee, final String tag) {
        final Hash clob = store.storeClob(new ByteArrayInputStream(("note " + tag).getBytes(StandardCharsets.UTF_8)))
            .hash();
        final Hash note = grant(store, grantee, OneObject.of(OneTestRecipes.CLOB_ATTACHMENT,
            Map.of("dataType", "note/" + tag, "data", clob)));
        return new Entries(Set.of(note), Set.of(clob));
    }

    private static Hash grant(final OneStore store, final IdHash grantee, final OneObject obj) {
        final Hash hash = store.storeObject(obj).hash();
        store.createAccess(AccessRequest.forObject(hash, List.of(grantee), List.of(), AccessMode.ADD));
        return hash;
    }

    private static OneObject attachment(final String type, final Hash blob) {
        return OneObject.of(OneTestRecipes.BLOB_ATTACHMENT, Map.of("dataType", type, "data", blob));
    }

    private static OneObject root(final List<Hash> leaves) {
        final Map<String, Object> v = new LinkedHashMap<>();
        v.put("unversionedRef", new ArrayList<Object>(leaves));
        return OneObject.of(OneTestRecipes.REFERENCE_TEST, v);
    }
}
