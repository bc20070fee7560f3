package io.chum.projection;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HeadChangeIndexTest {
    @Test
    void shouldAnswerRangesWithFromInclusiveAndToExclusive() {
        final HeadChangeIndex index = new HeadChangeIndex();
        for (long i = 10; i <= 1000; i += 10) {
            index.add(i);
        }
        assertEquals(100, index.size());
        assertArrayEquals(new long[] {10, 20, 30}, index.between(0, 40));
        assertArrayEquals(new long[] {20, 30}, index.between(20, 31));
        assertArrayEquals(new long[] {20, 30}, index.between(11, 40));
        assertArrayEquals(new long[] {}, index.between(41, 50));
        assertArrayEquals(new long[] {}, index.between(50, 50));
        assertArrayEquals(new long[] {}, index.between(60, 20), "an empty range, not an error");
        assertArrayEquals(new long[] {990, 1000}, index.between(990, Long.MAX_VALUE));
        assertEquals(100, index.between(Long.MIN_VALUE, Long.MAX_VALUE).length);
    }

    @Test
    void shouldBeEmptyBeforeTheFirstChange() {
        assertArrayEquals(new long[] {}, new HeadChangeIndex().between(Long.MIN_VALUE, Long.MAX_VALUE));
    }

    @Test
    void shouldRefuseAChangeThatIsNotAfterTheLastOne() {
        final HeadChangeIndex index = new HeadChangeIndex();
        index.add(5);
        assertThrows(IllegalArgumentException.class, () -> index.add(5));
        assertThrows(IllegalArgumentException.class, () -> index.add(4));
        index.add(6);
        assertArrayEquals(new long[] {5, 6}, index.between(0, 10));
    }
}
