package io.chum.microdata;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.model.CoreRecipes;
import io.chum.model.Hash;
import io.chum.model.HashList;
import io.chum.model.IdHash;
import io.chum.model.Json;
import io.chum.model.OneObject;
import io.chum.model.RecipeRegistry;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamedObjectTest {
    private static final String[] LISTS = {"AtoBObjects", "AtoBIdObjects", "AtoBBlob", "AtoBClob", "BtoAObjects",
        "BtoAIdObjects", "BtoABlob", "BtoAClob"};
    private final RecipeRegistry registry = RecipeRegistry.withCoreRecipes();

    @Test
    void shouldRenderAnEmptyChumObjectAsTheCanonicalEncoding() throws IOException {
        assertSameAsCanonical(chum(new SplittableRandom(1), 0), "empty");
    }

    @Test
    void shouldRenderRandomChumObjectsAsTheCanonicalEncoding() throws IOException {
        final int[] sizes = {1, 2, 3, 40, 4095, 4096, 4097, 20_000};
        for (int k = 0; k < sizes.length; k++) {
            final long seed = 31L * k + sizes[k];
            assertSameAsCanonical(chum(new SplittableRandom(seed), sizes[k]), "seed " + seed + ", size " + sizes[k]);
        }
    }

    @Test
    void shouldHandTheBytesOnInPieces() throws IOException {
        final StreamedObject obj = chum(new SplittableRandom(5), 30_000);
        final int[] largest = {0};
        final long[] total = {0};
        final long length = Canonical.writeStreamed(obj, registry, new OutputStream() {
            @Override
            public void write(final int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(final byte[] b, final int off, final int len) {
                largest[0] = Math.max(largest[0], len);
                total[0] += len;
            }
        });
        assertEquals(total[0], length);
        assertTrue(length > 8 * 30_000 * 64, "length " + length);
        assertTrue(largest[0] < 80_000, "largest piece " + largest[0]);
    }

    @Test
    void shouldRefuseADuplicateInAStreamedSet() {
        final HashList recipes = new HashList();
        final Hash h = Hash.of(1, 2, 3, 4);
        recipes.add(h);
        recipes.add(Hash.of(0, 2, 3, 4));
        recipes.add(h);
        final Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", "i");
        v.put("owner", IdHash.of(9, 9, 9, 9));
        v.put("enabledReverseMapTypes", Map.of());
        v.put("enabledReverseMapTypesForIdObjects", Map.of());
        final StreamedObject obj = new StreamedObject(OneObject.of(CoreRecipes.INSTANCE, v),
            Map.of("recipe", recipes));
        final ChumException e = assertThrows(ChumException.class, () -> Canonical.hashStreamed(obj, registry));
        assertEquals(ErrorCode.WRONG_TYPE, e.errorCode());
    }

    @Test
    void shouldRenderAStreamedSetAsTheCanonicalEncoding() throws IOException {
        final SplittableRandom random = new SplittableRandom(11);
        final HashList recipes = new HashList();
        for (int i = 0; i < 5000; i++) {
            recipes.add(Hash.of(random.nextLong(), random.nextLong(), random.nextLong(), i));
        }
        final Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", "i");
        v.put("owner", IdHash.of(9, 9, 9, 9));
        v.put("enabledReverseMapTypes", Map.of());
        v.put("enabledReverseMapTypesForIdObjects", Map.of());
        assertSameAsCanonical(new StreamedObject(OneObject.of(CoreRecipes.INSTANCE, v), Map.of("recipe", recipes)),
            "Instance, seed 11");
    }

    @Test
    void shouldRefuseToStreamAPropertyThatIsNoListOfReferences() {
        final StreamedObject obj = new StreamedObject(chum(new SplittableRandom(2), 1).rest(),
            Map.of("name", new HashList()));
        final ChumException e = assertThrows(ChumException.class, () -> Canonical.hashStreamed(obj, registry));
        assertEquals(ErrorCode.WRONG_TYPE, e.errorCode());
    }

    private void assertSameAsCanonical(final StreamedObject obj, final String what) throws IOException {
        final Canonical.Encoded expected = Canonical.encode(obj.toOneObject(registry), registry);
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final long length = Canonical.writeStreamed(obj, registry, bytes);
        assertArrayEquals(expected.microdata(), bytes.toByteArray(), what);
        assertEquals(expected.microdata().length, length, what);
        final Canonical.StreamedEncoding streamed = Canonical.hashStreamed(obj, registry);
        assertEquals(expected.hash(), streamed.hash(), what);
        assertEquals(expected.idHash(), streamed.idHash(), what);
        assertArrayEquals(expected.idMicrodata(), streamed.idMicrodata(), what);
        assertEquals(expected.microdata().length, streamed.length(), what);
        // and the parser reads the streamed bytes back as the same object
        assertEquals(obj.toOneObject(registry), new MicrodataParser(registry).parse(bytes.toByteArray()), what);
    }

    /** A Chum object with {@code n} random hashes (some repeated) in each of its eight lists. */
    static StreamedObject chum(final SplittableRandom random, final int n) {
        final Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", "chum & <co>");
        v.put("instance", List.of("alice", "bob"));
        v.put("person", List.of(Hash.of(1, 2, 3, 4).toHex(), "undefined"));
        v.put("highestRemoteTimestamp", random.nextLong(1L << 50));
        v.put("BtoAExists", (long) n);
        final ObjectNode stats = Json.object();
        stats.put("requestsSentTotal", 3);
        v.put("statistics", stats);
        final ArrayNode errors = Json.array();
        errors.addObject().put("code", "CS-X").put("message", "ä ü </li>");
        v.put("errors", errors);
        final Map<String, HashList> lists = new LinkedHashMap<>();
        for (final String name : LISTS) {
            final HashList list = new HashList();
            for (int i = 0; i < n; i++) {
                if (i > 0 && random.nextInt(20) == 0) {
                    list.add(list.hash(random.nextInt(i)));
                } else {
                    final long w0 = random.nextInt(3) == 0 ? Long.MIN_VALUE | random.nextInt(4) : random.nextLong();
                    list.add(w0, random.nextLong(), random.nextLong(), random.nextLong());
                }
            }
            lists.put(name, list);
        }
        return new StreamedObject(OneObject.of(CoreRecipes.CHUM, v), lists);
    }
}
