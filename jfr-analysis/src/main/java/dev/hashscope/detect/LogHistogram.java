package dev.hashscope.detect;

/**
 * A mergeable histogram of non-negative longs (durations in ns, sizes in bytes) in logarithmic buckets
 * with 16 sub-buckets per power of two: percentiles within ~6% in fixed memory (1 KB), whatever the
 * number of values, so per-call-site percentiles do not make memory grow with event count.
 */
public final class LogHistogram {
    private static final int SUB_BITS = 4;
    private static final int SUB = 1 << SUB_BITS;
    private final long[] counts = new long[64 * SUB];
    private long count;
    private long sum;
    private long max;
    private long min = Long.MAX_VALUE;

    public void record(long value) {
        long v = Math.max(0, value);
        counts[bucket(v)]++;
        count++;
        sum += v;
        max = Math.max(max, v);
        min = Math.min(min, v);
    }

    public void merge(LogHistogram other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        count += other.count;
        sum += other.sum;
        max = Math.max(max, other.max);
        min = Math.min(min, other.min);
    }

    public long count() {
        return count;
    }

    public long sum() {
        return sum;
    }

    public long max() {
        return max;
    }

    public long min() {
        return count == 0 ? 0 : min;
    }

    /** The value at quantile {@code q} (0..1): the upper edge of its bucket, capped at the true maximum. */
    public long percentile(double q) {
        if (count == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(q * count));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(max, Math.max(min, upperEdge(i)));
            }
        }
        return max;
    }

    static int bucket(long v) {
        if (v < SUB) {
            return (int) v;
        }
        int exp = 63 - Long.numberOfLeadingZeros(v);
        int sub = (int) (v >>> (exp - SUB_BITS)) & (SUB - 1);
        return (exp - SUB_BITS + 1) * SUB + sub;
    }

    static long upperEdge(int bucket) {
        if (bucket < SUB) {
            return bucket;
        }
        int exp = bucket / SUB + SUB_BITS - 1;
        int sub = bucket % SUB;
        long base = 1L << exp;
        long step = base >>> SUB_BITS;
        return base + (sub + 1) * step - 1;
    }
}
