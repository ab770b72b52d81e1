package dev.hashscope.probe;

import javax.management.ConstructorParameters;

/**
 * One hash table's bucket distribution at one moment: what a {@code hashscope.MapBuckets} event carries and
 * what the MXBean returns (as {@code CompositeData}). Vectors are {@link ChainCodec} strings so the event,
 * the MXBean and the engine share one encoding; see docs/map-probe.md.
 */
public final class MapSnapshot {
    /** Buckets with 0, 1, ... 7 entries, then 8 or more: the occupancy histogram has this many values. */
    public static final int HISTOGRAM_LENGTH = 9;

    private final String name;
    private final String kind;
    private final String keyClass;
    private final long timestamp;
    private final int identity;
    private final int capacity;
    private final int size;
    private final float loadFactor;
    private final int treeifiedBins;
    private final int longestChain;
    private final double averageProbe;
    private final double distinctHashRatio;
    private final int hashedEntries;
    private final String histogram;
    private final String remixedHistogram;
    private final String chainVector;
    private final int bucketsPerValue;
    private final String treeifiedValues;

    @ConstructorParameters({"name", "kind", "keyClass", "timestamp", "identity", "capacity", "size", "loadFactor",
            "treeifiedBins", "longestChain", "averageProbe", "distinctHashRatio", "hashedEntries", "histogram",
            "remixedHistogram", "chainVector", "bucketsPerValue", "treeifiedValues"})
    public MapSnapshot(String name, String kind, String keyClass, long timestamp, int identity, int capacity,
                       int size, float loadFactor, int treeifiedBins, int longestChain, double averageProbe,
                       double distinctHashRatio, int hashedEntries, String histogram, String remixedHistogram,
                       String chainVector, int bucketsPerValue, String treeifiedValues) {
        this.name = name;
        this.kind = kind;
        this.keyClass = keyClass;
        this.timestamp = timestamp;
        this.identity = identity;
        this.capacity = capacity;
        this.size = size;
        this.loadFactor = loadFactor;
        this.treeifiedBins = treeifiedBins;
        this.longestChain = longestChain;
        this.averageProbe = averageProbe;
        this.distinctHashRatio = distinctHashRatio;
        this.hashedEntries = hashedEntries;
        this.histogram = histogram;
        this.remixedHistogram = remixedHistogram;
        this.chainVector = chainVector;
        this.bucketsPerValue = bucketsPerValue;
        this.treeifiedValues = treeifiedValues;
    }

    /** Where the table was found: {@code com.acme.Registry.INSTANCE.sessions}, {@code Thread[main].target.cache}. */
    public String getName() {
        return name;
    }

    /** The table's class, wrappers first: {@code Collections$SynchronizedMap>HashMap}. */
    public String getKind() {
        return kind;
    }

    /** The keys' class ({@code "mixed:A|B"} when they differ, {@code ""} when the table is empty). */
    public String getKeyClass() {
        return keyClass;
    }

    public long getTimestamp() {
        return timestamp;
    }

    /** {@code System.identityHashCode} of the table's owner, so a live view can follow one table across scans. */
    public int getIdentity() {
        return identity;
    }

    public int getCapacity() {
        return capacity;
    }

    /** Entries counted in the buckets during the scan (the table's own count may have moved on since). */
    public int getSize() {
        return size;
    }

    public float getLoadFactor() {
        return loadFactor;
    }

    /** size / capacity. */
    public double getCapacityRatio() {
        return capacity == 0 ? 0 : (double) size / capacity;
    }

    public int getTreeifiedBins() {
        return treeifiedBins;
    }

    public int getLongestChain() {
        return longestChain;
    }

    /** Mean entries compared to find a present key (a linked bin of L costs 1..L; a tree bin about log2 L + 1). */
    public double getAverageProbe() {
        return averageProbe;
    }

    /** Distinct hash values / hashed entries: 1.0 for a perfect hashCode, 12/24000 for twelve values. */
    public double getDistinctHashRatio() {
        return distinctHashRatio;
    }

    /** Entries whose hash values the distinct ratio and the remixed histogram come from ({@code <= size}). */
    public int getHashedEntries() {
        return hashedEntries;
    }

    /** Buckets holding 0..7 and 8+ entries: nine {@link ChainCodec} values. */
    public String getHistogram() {
        return histogram;
    }

    /** The same hash values passed through a strong mixer into the same capacity (the what-if). */
    public String getRemixedHistogram() {
        return remixedHistogram;
    }

    /** Chain length per bucket; when downsampled, the longest chain of each group of {@link #getBucketsPerValue}. */
    public String getChainVector() {
        return chainVector;
    }

    public int getBucketsPerValue() {
        return bucketsPerValue;
    }

    /** Indices into the chain vector whose group holds a treeified bin. */
    public String getTreeifiedValues() {
        return treeifiedValues;
    }

    /** The same snapshot under another name (two tables found at one path are told apart as {@code path#2}). */
    MapSnapshot renamed(String newName) {
        return new MapSnapshot(newName, kind, keyClass, timestamp, identity, capacity, size, loadFactor,
                treeifiedBins, longestChain, averageProbe, distinctHashRatio, hashedEntries, histogram,
                remixedHistogram, chainVector, bucketsPerValue, treeifiedValues);
    }

    @Override
    public String toString() {
        return name + " " + kind + " size=" + size + " capacity=" + capacity + " longest=" + longestChain
                + " histogram=" + histogram;
    }
}
