package io.chum.sync;

import io.chum.model.Hash;
import io.chum.model.ItemType;
import io.chum.model.OneObject;
import io.chum.model.Recipe;
import io.chum.model.Rule;
import io.chum.testing.OneTestRecipes;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Many small objects in one chum; prints the time it took (informational, never asserted). */
@Tag("slow")
class BulkSyncTest {
    static final Recipe DOC = new Recipe("Bench$Doc", List.of(Rule.of("text", ItemType.StringType.PLAIN)));

    @ParameterizedTest
    @EnumSource(Transport.class)
    @Timeout(600)
    void shouldSyncOneHundredThousandSmallObjects(final Transport transport, @TempDir final Path tmp)
        throws Exception {
        final int warmup = Integer.getInteger("bulk.warmup", 0);
        if (warmup > 0) {
            sync(transport, tmp.resolve("warmup"), warmup);
        }
        sync(transport, tmp.resolve("measured"), Integer.getInteger("bulk.objects", 100_000));
    }

    private static void sync(final Transport transport, final Path tmp, final int n) throws Exception {
        try (Peer alice = Peer.alice(tmp); Peer bob = Peer.bob(tmp)) {
            alice.knows(bob);
            bob.knows(alice);
            alice.store.registerRecipe(DOC);
            bob.store.registerRecipe(DOC);
            final Random rnd = new Random(42);
            final List<Object> indexes = new ArrayList<>();
            List<Object> leaves = new ArrayList<>();
            final long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                final char[] text = new char[1000];
                for (int k = 0; k < text.length; k++) {
                    text[k] = (char) ('a' + rnd.nextInt(26));
                }
                leaves.add(alice.put(OneObject.of(DOC.name(), Map.of("text", new String(text)))));
                if (leaves.size() == 1000 || i == n - 1) {
                    indexes.add(alice.put(OneObject.of(OneTestRecipes.REFERENCE_TEST,
                        Map.of("unversionedRef", leaves))));
                    leaves = new ArrayList<>();
                }
            }
            final Hash root = alice.put(OneObject.of(OneTestRecipes.REFERENCE_TEST, Map.of("unversionedRef",
                indexes)));
            alice.grant(root, bob.person());
            System.out.printf("%s: wrote %d objects in %d ms%n", transport, n, (System.nanoTime() - t0) / 1_000_000);
            final com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            final long cpu0 = os.getProcessCpuTime();
            final long t1 = System.nanoTime();
            try (Transport.Chums chums = transport.start(alice, bob, false)) {
                final ChumResult[] r = chums.results();
                System.out.printf("%s: synced in %d ms (sender %d ms, receiver %d ms), process CPU %d ms%n", transport,
                    (System.nanoTime() - t1) / 1_000_000, r[0].millis(), r[1].millis(),
                    (os.getProcessCpuTime() - cpu0) / 1_000_000);
                assertTrue(r[0].ok() && r[1].ok(), r[0].errors() + " " + r[1].errors());
                assertEquals(n + indexes.size() + 1, r[1].received().objects());
            }
            assertTrue(bob.store.containsObject(root));
        }
    }
}
