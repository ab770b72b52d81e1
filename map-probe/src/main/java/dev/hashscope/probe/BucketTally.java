package dev.hashscope.probe;

import java.util.Arrays;

/**
 * Folds one traversal of a table into its distribution: occupancy histogram, tree bins, longest chain,
 * probe cost, distinct hashes, key class and the (downsampled) chain-length vector. Reusable: one instance
 * per scanner thread keeps its scratch arrays between tables.
 *
 * <p>Downsampling: a table with more buckets than {@code vectorLength} is cut into equal groups of
 * {@code ceil(capacity / vectorLength)} consecutive buckets and each vector value is the longest chain of its
 * group, so a single long chain is never averaged away.
 */
final class BucketTally implements NodeVisitor {
    private final int vectorLength;
    private final int maxEntries;

    private final int[] histogram = new int[MapSnapshot.HISTOGRAM_LENGTH];
    private int[] hashes = new int[256];
    private int[] scratch = new int[256];
    private int[] vector;
    private boolean[] treeGroups;
    private int groupSize;
    private int entries;
    private int hashed;
    private int treeified;
    private int longest;
    private double probeSum;
    private Class<?> keyClass;
    private String mixedKeys;

    BucketTally(int vectorLength, int maxEntries) {
        this.vectorLength = vectorLength;
        this.maxEntries = maxEntries;
        this.vector = new int[vectorLength];
        this.treeGroups = new boolean[vectorLength];
    }

    /** Starts a table of {@code capacity} buckets. */
    void reset(int capacity) {
        Arrays.fill(histogram, 0);
        groupSize = Math.max(1, (capacity + vectorLength - 1) / vectorLength);
        int values = capacity == 0 ? 0 : (capacity + groupSize - 1) / groupSize;
        Arrays.fill(vector, 0, Math.max(values, 0), 0);
        Arrays.fill(treeGroups, false);
        entries = 0;
        hashed = 0;
        treeified = 0;
        longest = 0;
        probeSum = 0;
        keyClass = null;
        mixedKeys = null;
    }

    /** Entries counted since {@link #reset}. */
    int entries() {
        return entries;
    }

    @Override
    public void node(int hash, Object key, Object value) {
        entries++;
        if (hashed < maxEntries) {
            if (hashed == hashes.length) {
                hashes = Arrays.copyOf(hashes, Math.min(maxEntries, hashes.length * 2));
            }
            hashes[hashed++] = hash;
        }
        if (key != null) {
            Class<?> c = key.getClass();
            if (keyClass == null) {
                keyClass = c;
            } else if (c != keyClass && mixedKeys == null) {
                mixedKeys = "mixed:" + keyClass.getName() + "|" + c.getName();
            }
        }
    }

    @Override
    public void bucketEnd(int index, int length, boolean tree) {
        histogram[Math.min(length, MapSnapshot.HISTOGRAM_LENGTH - 1)]++;
        if (length > longest) {
            longest = length;
        }
        int g = index / groupSize;
        if (length > vector[g]) {
            vector[g] = length;
        }
        if (tree) {
            treeified++;
            treeGroups[g] = true;
            probeSum += (double) length * (31 - Integer.numberOfLeadingZeros(length) + 1);
        } else {
            probeSum += length * (length + 1.0) / 2.0;
        }
    }

    /** The snapshot of the table just traversed. */
    MapSnapshot snapshot(String name, String kind, int identity, int capacity, float loadFactor, long timestamp) {
        int values = capacity == 0 ? 0 : (capacity + groupSize - 1) / groupSize;
        StringBuilder trees = new StringBuilder();
        for (int g = 0; g < values; g++) {
            if (treeGroups[g]) {
                if (trees.length() > 0) {
                    trees.append(',');
                }
                trees.append(g);
            }
        }
        String keys = mixedKeys != null ? mixedKeys : keyClass == null ? "" : keyClass.getName();
        return new MapSnapshot(name, kind, keys, timestamp, identity, capacity, entries, loadFactor, treeified,
                longest, entries == 0 ? 0 : probeSum / entries, distinctRatio(), hashed,
                ChainCodec.encode(histogram), capacity > 0 && hashed == entries ? remixedHistogram(capacity) : "",
                ChainCodec.encode(vector, values), groupSize, trees.toString());
    }

    private double distinctRatio() {
        if (hashed == 0) {
            return 1.0;
        }
        int[] sorted = scratch(hashed);
        System.arraycopy(hashes, 0, sorted, 0, hashed);
        Arrays.sort(sorted, 0, hashed);
        int distinct = 1;
        for (int i = 1; i < hashed; i++) {
            if (sorted[i] != sorted[i - 1]) {
                distinct++;
            }
        }
        return (double) distinct / hashed;
    }

    /**
     * The what-if: the same hash values (equal hashes stay equal) through a strong mixer into the same number
     * of buckets. When this looks like the actual histogram the hashCode is at fault (equal values, or a table
     * too small); when it is much flatter, the values are distinct but collide in the bits the index uses.
     */
    private String remixedHistogram(int capacity) {
        int[] counts = scratch(capacity);
        Arrays.fill(counts, 0, capacity, 0);
        boolean pow2 = Integer.bitCount(capacity) == 1;
        for (int i = 0; i < hashed; i++) {
            int m = fmix32(hashes[i]);
            counts[pow2 ? m & (capacity - 1) : (m & 0x7FFFFFFF) % capacity]++;
        }
        int[] h = new int[MapSnapshot.HISTOGRAM_LENGTH];
        for (int b = 0; b < capacity; b++) {
            h[Math.min(counts[b], MapSnapshot.HISTOGRAM_LENGTH - 1)]++;
        }
        return ChainCodec.encode(h);
    }

    private int[] scratch(int n) {
        if (scratch.length < n) {
            scratch = new int[Math.max(n, scratch.length * 2)];
        }
        return scratch;
    }

    /** MurmurHash3's finaliser: every input bit affects every output bit. */
    static int fmix32(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
