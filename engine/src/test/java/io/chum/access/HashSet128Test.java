package io.chum.access;

import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.Sha256Value;
import io.chum.protocol.EntryKind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The compact hash set behaves as a HashSet under random adds and removes (seeded; the seed is in messages). */
class HashSet128Test {
    @Test
    void shouldBehaveLikeAHashSet() {
        final long seed = 4242;
        final Random rnd = new Random(seed);
        final HashSet128 set = new HashSet128();
        final Set<Sha256Value> model = new HashSet<>();
        final List<Sha256Value> known = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            final int op = rnd.nextInt(10);
            if (op < 6 || known.isEmpty()) {
                final byte[] b = new byte[32];
                rnd.nextBytes(b);
                if (i == 100) {
                    // The one key whose first 128 bits are the free-slot marker.
                    java.util.Arrays.fill(b, 0, 16, (byte) 0);
                }
                final Hash h = Hash.ofBytes(b, 0);
                known.add(h);
                assertEquals(model.add(h), set.add(h), "seed " + seed + " step " + i);
            } else if (op < 8) {
                final Sha256Value h = known.get(rnd.nextInt(known.size()));
                assertEquals(model.remove(h), set.remove(h), "seed " + seed + " step " + i);
            } else {
                final Sha256Value h = known.get(rnd.nextInt(known.size()));
                assertEquals(model.contains(h), set.contains(h), "seed " + seed + " step " + i);
            }
            assertEquals(model.size(), set.size(), "seed " + seed + " step " + i);
        }
        for (final Sha256Value h : known) {
            assertEquals(model.contains(h), set.contains(h), "seed " + seed);
        }
    }

    @Test
    void shouldKeepObjectsIdsAndBlobsApart() {
        final byte[] b = new byte[32];
        b[3] = 7;
        final NodeSet set = new NodeSet();
        assertTrue(set.add(EntryKind.OBJECT, Hash.ofBytes(b, 0)));
        assertFalse(set.contains(EntryKind.ID_OBJECT, IdHash.ofBytes(b, 0)));
        assertFalse(set.contains(EntryKind.BLOB, Hash.ofBytes(b, 0)));
        assertTrue(set.add(EntryKind.CLOB, Hash.ofBytes(b, 0)));
        assertTrue(set.contains(EntryKind.BLOB, Hash.ofBytes(b, 0)), "BLOBs and CLOBs share a space");
        assertEquals(2, set.size());
    }
}
