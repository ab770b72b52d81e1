package dev.hashscope.buckets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hashscope.event.EventKind;
import dev.hashscope.event.fast.FastRecordingReader;
import dev.hashscope.testing.Probed;
import dev.hashscope.testing.Recordings;
import org.junit.jupiter.api.Test;

class WhatIfTest {
    @Test
    void equalHashCodesPointAtTheHashCode() {
        WhatIf w = WhatIf.of(Probed.table(0, "m", "ConcurrentHashMap", "K", 16_384, 11_607, 12, 1015, 10,
                12 / 11607.0, "16372,0*7,12", "16372,0*7,12"));
        assertEquals(WhatIf.Verdict.FIX_HASHCODE, w.verdict());
        assertEquals(1.0, w.actual()[7], 1e-12, "every entry in a bucket of 8+");
        assertEquals(1.0, w.remixed()[7], 1e-12, "and still so when mixed");
        assertEquals(Math.pow(1 - 1 / 16384.0, 11_606), w.ideal()[0], 1e-9,
                "uniformly, an entry is alone when the 11,606 others miss its bucket");
        assertTrue(w.explanation().startsWith("12 distinct hash codes for 11,607 keys"), w.explanation());
    }

    @Test
    void distinctCodesInTheSameBucketPointAtTheirBits() {
        // 20 distinct multiples of 64 in bucket 0 of 64: remixed, no bucket of 8+.
        WhatIf w = WhatIf.of(Probed.table(0, "m", "HashMap", "K", 64, 20, 1, 20, 5, 1.0,
                "63,0*7,1", "47,12,4,1,0*5"));
        assertEquals(WhatIf.Verdict.FIX_HASH_BITS, w.verdict());
        assertEquals(0.0, w.remixed()[7], 1e-12);
        assertEquals(12 / 20.0, w.remixed()[0], 1e-12);
    }

    @Test
    void uniformButOverfullPointsAtTheTableSize() {
        WhatIf w = WhatIf.of(Probed.table(0, "m", "Hashtable", "K", 11, 44, 0, 7, 3.0, 1.0, "0,1,1,2,4,2,1,0,0", ""));
        assertEquals(WhatIf.Verdict.FIX_TABLE_SIZE, w.verdict(), w.explanation());
        assertNull(w.remixed(), "no remixed histogram recorded");
    }

    @Test
    void aHealthyTable() {
        WhatIf w = WhatIf.of(Probed.healthy(0, "m", "HashMap", 1024));
        assertEquals(WhatIf.Verdict.HEALTHY, w.verdict());
        assertArrayEquals(new double[] {1, 0, 0, 0, 0, 0, 0, 0}, w.actual(), 1e-12);
    }

    @Test
    void historyOfTheSampleRanksThePoorHashTableFirstAndKeepsItsGrowth() throws Exception {
        BucketHistoryBuilder b = new BucketHistoryBuilder();
        new FastRecordingReader().read(Recordings.sample("map-probe-poor-hash.jfr"), b);
        BucketHistory h = b.history();
        assertEquals("dev.hashscope.samples.TradeLedger.OPEN_TRADES", h.maps().get(0).map());
        BucketHistory.MapSeries s = h.maps().get(0);
        assertTrue(s.snapshots().size() >= 4, "snapshots: " + s.snapshots().size());
        assertTrue(s.latest().size() > s.snapshots().get(0).size(), "the table grew while watched");
        assertTrue(s.latest().capacity() > s.snapshots().get(0).capacity(), "and resized");
        assertEquals(java.util.Set.of(EventKind.MAP_BUCKETS), b.kinds());
    }

    @Test
    void theBuilderThinsLongSeriesEvenly() {
        BucketHistoryBuilder b = new BucketHistoryBuilder(4);
        for (int i = 0; i < 9; i++) {
            b.mapBuckets(Probed.healthy(i, "m", "HashMap", 64));
        }
        assertTrue(b.history().maps().get(0).snapshots().size() <= 4);
        assertEquals(8, b.history().maps().get(0).latest().timeNanos(), "the newest is always kept");
    }
}
