package dev.hashscope.buckets;

import dev.hashscope.event.MapBuckets;

/**
 * What a table's numbers would be with well-spread keys, to judge the numbers the probe measured. The ideal is
 * {@code size} distinct keys whose hashes land uniformly and independently in {@code capacity} buckets: bucket
 * occupancy is then Binomial(size, 1/capacity).
 */
public final class BucketMath {
    private BucketMath() {
    }

    /** Expected buckets holding 0..7 and 8+ entries for {@code size} uniform keys in {@code capacity} buckets. */
    public static double[] idealHistogram(int size, int capacity) {
        double[] h = new double[MapBuckets.HISTOGRAM_LENGTH];
        if (capacity <= 0) {
            return h;
        }
        double p = 1.0 / capacity;
        // P(k) by the recurrence P(k+1) = P(k) * (n-k)/(k+1) * p/(1-p), from P(0) = (1-p)^n (in logs for big n).
        double logP0 = size * Math.log1p(-p);
        double pk = capacity == 1 ? 0 : Math.exp(logP0);
        double below = 0;
        for (int k = 0; k < MapBuckets.HISTOGRAM_LENGTH - 1; k++) {
            double prob = capacity == 1 ? (k == size ? 1 : 0) : pk;
            h[k] = prob * capacity;
            below += prob;
            pk = pk * (size - k) / (k + 1) * p / (1 - p);
        }
        h[MapBuckets.HISTOGRAM_LENGTH - 1] = Math.max(0, 1 - below) * capacity;
        return h;
    }

    /**
     * Expected entries compared to find a present key with chaining and uniform hashing:
     * {@code 1 + (size - 1) / (2 * capacity)}.
     */
    public static double idealAverageProbe(int size, int capacity) {
        if (size <= 0 || capacity <= 0) {
            return 1;
        }
        return 1 + (size - 1) / (2.0 * capacity);
    }

    /** How many times the ideal probe cost the table's measured one is (1 = as good as uniform hashing). */
    public static double probeExcess(MapBuckets m) {
        return m.averageProbe() / idealAverageProbe(m.size(), m.capacity());
    }

    /** Entries in buckets of 8 or more (size minus the entries of the 0..7 buckets). */
    public static long entriesInCrowdedBuckets(MapBuckets m) {
        int[] h = m.histogramCounts();
        long inSmall = 0;
        for (int k = 1; k < MapBuckets.HISTOGRAM_LENGTH - 1; k++) {
            inSmall += (long) k * h[k];
        }
        return Math.max(0, m.size() - inSmall);
    }

    /**
     * The capacity the table would have if built for its entries: the smallest power of two holding
     * {@code size / loadFactor} (at least 16), or for a Hashtable (any length) {@code size / loadFactor + 1}
     * (at least 11, its default).
     */
    public static long neededCapacity(MapBuckets m) {
        float lf = m.loadFactor() > 0 && !Float.isNaN(m.loadFactor()) ? m.loadFactor() : 0.75f;
        long slots = (long) Math.ceil(m.size() / (double) lf);
        if (m.kind().endsWith("Hashtable")) {
            return Math.max(11, slots + 1);
        }
        long c = 16;
        while (c < slots) {
            c <<= 1;
        }
        return c;
    }

    /** Bytes per bucket slot, from the event's array size (4 with compressed references). */
    public static long slotBytes(MapBuckets m) {
        if (m.capacity() <= 0 || m.tableBytes() <= 16) {
            return 4;
        }
        return Math.max(4, (m.tableBytes() - 16) / m.capacity());
    }

    /** Bytes of bucket array beyond what {@link #neededCapacity} would take. */
    public static long wastedBytes(MapBuckets m) {
        return Math.max(0, (m.capacity() - neededCapacity(m)) * slotBytes(m));
    }

    /** {@code dev.hashscope.samples.TradeKey} to {@code TradeKey}. */
    public static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
