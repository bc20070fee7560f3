package io.chum.projection;

import io.chum.model.CoreRecipes;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.Sha256;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReverseMapsTest {
    private static final Hash TARGET = Sha256.hashUtf8("target");
    private static final Hash ACCESS_1 = Sha256.hashUtf8("access-1");
    private static final Hash ACCESS_2 = Sha256.hashUtf8("access-2");

    @Test
    void shouldKeepOneEntryPerTargetAndReferencingType() {
        final ReverseMaps maps = new ReverseMaps();
        maps.addObject(TARGET, CoreRecipes.ACCESS, ACCESS_2);
        // an equal target built separately finds the same entry
        maps.addObject(Hash.ofBytes(TARGET.toBytes(), 0), CoreRecipes.ACCESS, ACCESS_1);

        assertEquals(Set.of(ACCESS_1, ACCESS_2), maps.objects(TARGET, CoreRecipes.ACCESS));
        assertTrue(maps.objects(TARGET, CoreRecipes.GROUP).isEmpty(), "another referencing type is another key");
        assertTrue(maps.objects(TARGET.asIdHash(), CoreRecipes.ACCESS).isEmpty(),
            "an ID hash with the same bytes is another target");
    }

    @Test
    void shouldTellKeysApartByEveryComponent() {
        final IdHash id = TARGET.asIdHash();
        final ReverseMaps.Key key = new ReverseMaps.Key(TARGET, CoreRecipes.ACCESS);
        final ReverseMaps.Key same = new ReverseMaps.Key(Hash.ofBytes(TARGET.toBytes(), 0), CoreRecipes.ACCESS);

        assertEquals(key, same);
        assertEquals(key.hashCode(), same.hashCode());
        assertNotEquals(key, new ReverseMaps.Key(id, CoreRecipes.ACCESS));
        assertNotEquals(key, new ReverseMaps.Key(TARGET, CoreRecipes.ID_ACCESS));
        assertNotEquals(key, new ReverseMaps.Key(ACCESS_1, CoreRecipes.ACCESS));
        assertNotEquals(key, null);
    }
}
