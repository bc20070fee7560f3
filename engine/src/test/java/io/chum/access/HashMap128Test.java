package io.chum.access;

import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.Sha256Value;
import io.chum.protocol.EntryKind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The compact hash map behaves as a HashMap under random puts and removes (seeded; the seed is in messages). */
class HashMap128Test {
    @Test
    void shouldBehaveLikeAHashMap() {
        final long seed = 4242;
        final Random rnd = new Random(seed);
        final HashMap128 map = new HashMap128();
        final Map<Sha256Value, Integer> model = new HashMap<>();
        final List<Sha256Value> known = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            final int op = rnd.nextInt(12);
            final int mark = 1 + rnd.nextInt(127);
            if (op < 6 || known.isEmpty()) {
                final byte[] b = new byte[32];
                rnd.nextBytes(b);
                if (i == 100) {
                    // The one key whose first 128 bits are the free-slot marker.
                    java.util.Arrays.fill(b, 0, 16, (byte) 0);
                }
                final Hash h = Hash.ofBytes(b, 0);
                known.add(h);
                assertEquals(orZero(model.putIfAbsent(h, mark)), map.putIfAbsent(h, mark),
                    "seed " + seed + " step " + i);
            } else if (op < 8) {
                final Sha256Value h = known.get(rnd.nextInt(known.size()));
                assertEquals(model.remove(h) != null, map.remove(h), "seed " + seed + " step " + i);
            } else if (op < 9) {
                final Sha256Value h = known.get(rnd.nextInt(known.size()));
                assertEquals(orZero(model.put(h, mark)), map.put(h, mark), "seed " + seed + " step " + i);
            } else {
                final Sha256Value h = known.get(rnd.nextInt(known.size()));
                assertEquals(orZero(model.get(h)), map.get(h), "seed " + seed + " step " + i);
            }
            assertEquals(model.size(), map.size(), "seed " + seed + " step " + i);
        }
        for (final Sha256Value h : known) {
            assertEquals(orZero(model.get(h)), map.get(h), "seed " + seed);
        }
    }

    @Test
    void shouldRefuseAMarkOutsideOneTo127() {
        final HashMap128 map = new HashMap128();
        final Hash h = Hash.ofBytes(new byte[32], 0);
        assertThrows(IllegalArgumentException.class, () -> map.put(h, 0));
        assertThrows(IllegalArgumentException.class, () -> map.putIfAbsent(h, 128));
        assertEquals(0, map.size());
    }

    private static int orZero(final Integer mark) {
        return mark == null ? 0 : mark;
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
