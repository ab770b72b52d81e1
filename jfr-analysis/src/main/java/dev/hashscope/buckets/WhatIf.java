package dev.hashscope.buckets;

import dev.hashscope.event.MapBuckets;
import java.util.Locale;

/**
 * A table's actual distribution beside two what-ifs, as the share of entries by the length of their bucket's
 * chain (1, 2, … 7, 8+; what a lookup of a present key experiences):
 * <ul>
 *   <li>{@code remixed}: the same hash values through a strong mixer into the same buckets (recorded by the probe;
 *       equal hash codes stay equal), or null when the probe did not compute it (tables above its maxEntries);</li>
 *   <li>{@code ideal}: {@code size} distinct, uniformly hashed keys in {@code capacity} buckets (Binomial).</li>
 * </ul>
 * The verdict says which fix the gap points to: the hashCode (equal values; or distinct values agreeing in the
 * bits the index uses), the table's size (as good as uniform, but more entries than buckets), or none.
 */
public record WhatIf(double[] actual, double[] remixed, double[] ideal, Verdict verdict, String explanation) {
    /** Chain lengths 1..7 and 8+. */
    public static final int LENGTHS = MapBuckets.HISTOGRAM_LENGTH - 1;

    public enum Verdict {
        /** Lookups cost about what uniform hashing gives. */
        HEALTHY,
        /** Few distinct hash codes: no table size or mixing separates equal hashes. */
        FIX_HASHCODE,
        /** Distinct hash codes that collide in the index bits: a well-mixed hash would spread them. */
        FIX_HASH_BITS,
        /** As good as uniform, but more entries than buckets: the table is too small (load factor too high). */
        FIX_TABLE_SIZE
    }

    public static WhatIf of(MapBuckets m) {
        double[] actual = entryShares(m.histogramCounts(), m.size());
        int[] rem = m.remixedCounts();
        double[] remixed = rem.length == 0 ? null : entryShares(rem, m.hashedEntries());
        double[] idealBuckets = BucketMath.idealHistogram(m.size(), m.capacity());
        double[] ideal = new double[LENGTHS];
        double idealEntries = 0;
        for (int k = 1; k < LENGTHS; k++) {
            ideal[k - 1] = m.size() == 0 ? 0 : k * idealBuckets[k] / m.size();
            idealEntries += ideal[k - 1];
        }
        ideal[LENGTHS - 1] = m.size() == 0 ? 0 : Math.max(0, 1 - idealEntries);
        double excess = BucketMath.probeExcess(m);
        String probe = String.format(Locale.ROOT, "a lookup compares %.1f entries on average; uniform hashing would"
                + " compare %.1f", m.averageProbe(), BucketMath.idealAverageProbe(m.size(), m.capacity()));
        Verdict v;
        String text;
        boolean fewHashes = m.hashedEntries() > 0 && m.distinctHashRatio() < 0.5;
        boolean remixStillCrowded = rem.length > 0 && rem[MapBuckets.HISTOGRAM_LENGTH - 1] > 0;
        if (excess < 1.5 && !fewHashes) {
            if (m.capacityRatio() > 1.0) {
                v = Verdict.FIX_TABLE_SIZE;
                text = "Spread as well as uniform hashing, but " + String.format(Locale.ROOT, "%.1f", m.capacityRatio())
                        + " entries per bucket: the table is too small for its entries (a load factor above 1?): "
                        + probe + ".";
            } else {
                v = Verdict.HEALTHY;
                text = "As good as uniform hashing: " + probe + ".";
            }
        } else if (fewHashes || remixStillCrowded) {
            v = Verdict.FIX_HASHCODE;
            text = String.format(Locale.ROOT, "%,d distinct hash codes for %,d keys: mixed however well, equal codes"
                    + " share a bucket at any table size, so the fix is the key's hashCode; ", m.distinctHashes(),
                    m.hashedEntries()) + probe + ".";
        } else {
            v = Verdict.FIX_HASH_BITS;
            text = "Distinct hash codes that agree in the bits the table's index uses: well mixed, the same codes"
                    + " would spread (see the remixed bars), so the fix is a hashCode whose low bits vary; " + probe + ".";
        }
        return new WhatIf(actual, remixed, ideal, v, text);
    }

    /** Share of {@code entries} in buckets of 1..7 and 8+ entries, from a bucket histogram. */
    static double[] entryShares(int[] histogram, int entries) {
        double[] out = new double[LENGTHS];
        if (entries <= 0) {
            return out;
        }
        long small = 0;
        for (int k = 1; k < LENGTHS; k++) {
            long e = (long) k * histogram[k];
            out[k - 1] = (double) e / entries;
            small += e;
        }
        out[LENGTHS - 1] = Math.max(0, entries - small) / (double) entries;
        return out;
    }
}
