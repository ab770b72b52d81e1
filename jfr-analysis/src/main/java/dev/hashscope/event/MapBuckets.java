package dev.hashscope.event;

/**
 * One hash table's bucket distribution at one moment, from the map probe's {@code hashscope.MapBuckets} event
 * (docs/map-probe.md). Vectors stay in the event's run-length text ({@code "0*3,2,1*2"}); {@link #histogramCounts},
 * {@link #chainLengths} and friends decode them. Strings are plain here (one event per table per scan, unlike the
 * millions of samples whose strings are interned in {@link Symbols}).
 *
 * @param map              where the probe found the table: {@code com.acme.Registry.INSTANCE.sessions}
 * @param kind             {@code HashMap}, {@code Collections$SynchronizedMap>HashMap}, ...
 * @param identity         {@code System.identityHashCode} of the table, steady across one JVM's scans
 * @param bucketsPerValue  buckets behind each chain-vector value (the longest of its group)
 * @param tableBytes       bytes of the bucket array
 */
public record MapBuckets(long timeNanos, String map, String kind, String keyClass, int identity, int capacity, int size,
                         float loadFactor, int treeifiedBins, int longestChain, double averageProbe,
                         double distinctHashRatio, int hashedEntries, String histogram, String remixedHistogram,
                         String chainVector, int bucketsPerValue, String treeifiedValues, long tableBytes) {
    public static final String EVENT_NAME = "hashscope.MapBuckets";
    /** Buckets with 0..7 and 8+ entries. */
    public static final int HISTOGRAM_LENGTH = 9;

    public MapBuckets {
        map = map == null ? "" : map;
        kind = kind == null ? "" : kind;
        keyClass = keyClass == null ? "" : keyClass;
        histogram = histogram == null ? "" : histogram;
        remixedHistogram = remixedHistogram == null ? "" : remixedHistogram;
        chainVector = chainVector == null ? "" : chainVector;
        treeifiedValues = treeifiedValues == null ? "" : treeifiedValues;
    }

    public double capacityRatio() {
        return capacity == 0 ? 0 : (double) size / capacity;
    }

    /** Buckets holding 0..7 and 8+ entries (nine values; zeros when the event had none). */
    public int[] histogramCounts() {
        return nine(RunLengthText.decode(histogram));
    }

    /** The what-if histogram: the same hashes strongly mixed; empty when the probe did not compute it. */
    public int[] remixedCounts() {
        int[] r = RunLengthText.decode(remixedHistogram);
        return r.length == 0 ? r : nine(r);
    }

    public int[] chainLengths() {
        return RunLengthText.decode(chainVector);
    }

    /** Chain-vector indices whose group holds a tree bin. */
    public int[] treeifiedIndices() {
        return RunLengthText.decode(treeifiedValues);
    }

    /** Distinct hash values among the hashed entries. */
    public long distinctHashes() {
        return Math.round(distinctHashRatio * hashedEntries);
    }

    private static int[] nine(int[] v) {
        int[] out = new int[HISTOGRAM_LENGTH];
        System.arraycopy(v, 0, out, 0, Math.min(v.length, HISTOGRAM_LENGTH));
        return out;
    }
}
