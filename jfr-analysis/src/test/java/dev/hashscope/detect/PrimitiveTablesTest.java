package dev.hashscope.detect;

import dev.hashscope.util.LongObjectMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The detectors' unboxed tables agree with the boxed maps they replaced, through growth and merging. */
class PrimitiveTablesTest {
    @Test
    void intLongMapSumsLikeAHashMapThroughGrowth() {
        IntLongMap map = new IntLongMap();
        Map<Integer, Long> expected = new HashMap<>();
        Random r = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            int key = r.nextInt(3_000) - 100; // negative keys too: -1 is "no stack"
            long delta = r.nextInt(1_000);
            map.add(key, delta);
            expected.merge(key, delta, Long::sum);
        }
        assertEquals(expected.size(), map.size());
        Map<Integer, Long> seen = new HashMap<>();
        map.forEach(seen::put);
        assertEquals(expected, seen);
        assertEquals(-7, map.get(5_000, -7));
        assertFalse(map.containsKey(5_000));
    }

    @Test
    void intLongMapAddAllMergesSums() {
        IntLongMap a = new IntLongMap();
        IntLongMap b = new IntLongMap();
        a.add(1, 10);
        a.add(2, 20);
        b.add(2, 5);
        b.add(3, 7);
        a.addAll(b);
        assertEquals(10, a.get(1, 0));
        assertEquals(25, a.get(2, 0));
        assertEquals(7, a.get(3, 0));
        assertEquals(3, a.size());
    }

    @Test
    void intLongMapRefusesItsReservedKey() {
        assertThrows(IllegalArgumentException.class, () -> new IntLongMap().add(Integer.MIN_VALUE, 1));
    }

    @Test
    void longObjectMapFindsEveryKeyAfterGrowing() {
        LongObjectMap<String> map = new LongObjectMap<>();
        for (long k = -500; k < 5_000; k++) {
            map.put(k * 0x1_0000_0001L, "v" + k);
        }
        assertEquals(5_500, map.size());
        for (long k = -500; k < 5_000; k++) {
            assertEquals("v" + k, map.get(k * 0x1_0000_0001L));
        }
        assertNull(map.get(123_456_789_012L));
        map.put(0, "replaced");
        assertEquals("replaced", map.get(0));
        assertEquals(5_500, map.size());
        long[] sum = {0};
        map.forEach((k, v) -> sum[0]++);
        assertEquals(5_500, sum[0]);
    }

    @Test
    void idTableHasNoSlotForNegativeIds() {
        IdTable<String> t = new IdTable<>();
        t.put(-1, "ignored");
        assertNull(t.get(-1));
        t.put(1_000, "far");
        assertEquals("far", t.get(1_000));
        assertNull(t.get(999));
        assertNull(t.get(5_000));
    }

    @Test
    void idFlagsAsksTheRuleOncePerId() {
        int[] asked = new int[1];
        IdFlags even = new IdFlags(id -> {
            asked[0]++;
            return id % 2 == 0;
        });
        for (int round = 0; round < 3; round++) {
            for (int id = 0; id < 200; id++) {
                assertEquals(id % 2 == 0, even.test(id));
            }
        }
        assertEquals(200, asked[0]);
        assertFalse(even.test(-2), "negative ids are no, without asking");
        assertEquals(200, asked[0]);
        assertTrue(even.test(4));
    }
}
