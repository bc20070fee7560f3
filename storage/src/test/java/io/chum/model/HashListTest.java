package io.chum.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HashListTest {
    @Test
    void shouldVisitInSortedOrderAcrossPagesWithDuplicates() {
        for (final int n : new int[] {0, 1, 2, 13, 4095, 4096, 4097, 12_345}) {
            final long seed = 1000L + n;
            final SplittableRandom random = new SplittableRandom(seed);
            final HashList list = new HashList();
            final List<Hash> expected = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                final Hash h = i > 0 && random.nextInt(10) == 0 ? expected.get(random.nextInt(i))
                    : randomHash(random);
                list.add(h);
                expected.add(h);
            }
            final List<Hash> inserted = new ArrayList<>();
            list.forEach((w0, w1, w2, w3) -> inserted.add(Hash.of(w0, w1, w2, w3)));
            assertEquals(expected, inserted, "insertion order, seed " + seed);
            Collections.sort(expected);
            final List<Hash> visited = new ArrayList<>();
            list.forEachSorted((w0, w1, w2, w3) -> visited.add(Hash.of(w0, w1, w2, w3)));
            assertEquals(expected, visited, "sorted order, seed " + seed);
        }
    }

    @Test
    void shouldSortAgainAfterMoreAdds() {
        final SplittableRandom random = new SplittableRandom(7);
        final HashList list = new HashList();
        final List<Hash> expected = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 3000; i++) {
                final Hash h = randomHash(random);
                list.add(h.toBytes(), 0);
                expected.add(h);
            }
            Collections.sort(expected);
            final List<Hash> visited = new ArrayList<>();
            list.forEachSorted((w0, w1, w2, w3) -> visited.add(Hash.of(w0, w1, w2, w3)));
            assertEquals(expected, visited, "round " + round + ", seed 7");
            assertEquals(expected.size(), list.size());
        }
    }

    /** Words with the sign bit set and shared prefixes, so unsigned and later-word comparisons matter. */
    static Hash randomHash(final SplittableRandom random) {
        final long w0 = random.nextInt(4) == 0 ? Long.MIN_VALUE + random.nextInt(3) : random.nextLong();
        final long w1 = random.nextInt(4) == 0 ? -1L : random.nextLong();
        return Hash.of(w0, w1, random.nextInt(3), random.nextLong());
    }
}
