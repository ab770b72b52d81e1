package dev.hashscope.buckets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hashscope.event.MapBuckets;
import dev.hashscope.event.RunLengthText;
import dev.hashscope.testing.Probed;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BucketMathTest {
    @Test
    void idealHistogramIsTheBinomialExpectation() {
        // 2 keys in 2 buckets: P(0) = 1/4, P(1) = 1/2, P(2) = 1/4, times 2 buckets.
        double[] h = BucketMath.idealHistogram(2, 2);
        assertEquals(0.5, h[0], 1e-12);
        assertEquals(1.0, h[1], 1e-12);
        assertEquals(0.5, h[2], 1e-12);
        assertEquals(0.0, h[8], 1e-12);
    }

    @Test
    void idealHistogramAccountsForEveryBucketAndEntry() {
        double[] h = BucketMath.idealHistogram(100_000, 262_144);
        assertEquals(262_144, Arrays.stream(h).sum(), 1e-6);
        double entries = 0;
        for (int k = 0; k < 8; k++) {
            entries += k * h[k];
        }
        assertEquals(100_000, entries, 1.0, "almost no bucket holds 8+ at load 0.38");
        assertEquals(262_144 * Math.exp(-100_000 / 262_144.0), h[0], 20, "close to Poisson at this size");
    }

    @Test
    void crowdedEntriesAndNeededCapacity() {
        MapBuckets poor = Probed.table(0, "m", "ConcurrentHashMap", "K", 16_384, 11_607, 12, 1015, 10, 12 / 11607.0,
                "16372,0*7,12", "16372,0*7,12");
        assertEquals(11_607, BucketMath.entriesInCrowdedBuckets(poor));
        assertEquals(16_384, BucketMath.neededCapacity(poor), "11,607 / 0.75 = 15,476: the next power of two");
        MapBuckets cleared = Probed.table(0, "m", "HashMap", "K", 524_288, 200, 0, 1, 1, 1, "524088,200,0*7", "");
        assertEquals(512, BucketMath.neededCapacity(cleared));
        assertEquals((524_288 - 512) * 4L, BucketMath.wastedBytes(cleared));
        MapBuckets table = Probed.table(0, "m", "Hashtable", "K", 1_000, 15, 0, 1, 1, 1, "985,15,0*7", "");
        assertEquals(21, BucketMath.neededCapacity(table), "Hashtable lengths are not powers of two");
    }

    @Test
    void idealProbe() {
        assertEquals(1.0, BucketMath.idealAverageProbe(1, 16));
        assertEquals(1 + 99 / 200.0, BucketMath.idealAverageProbe(100, 100));
    }

    @Test
    void runLengthTextDecodesTheProbesFormatAndSurvivesDamage() {
        assertArrayEquals(new int[] {0, 0, 0, 2, 1, 1}, RunLengthText.decode("0*3,2,1*2"));
        assertArrayEquals(new int[0], RunLengthText.decode(""));
        assertArrayEquals(new int[] {4, 5}, RunLengthText.decode("4,5,x*2,7"), "stops at the damage");
        assertArrayEquals(new int[] {1}, RunLengthText.decode("1,2*99999999999"), "a count that does not fit stops");
    }
}
