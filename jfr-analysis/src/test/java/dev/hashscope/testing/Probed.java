package dev.hashscope.testing;

import dev.hashscope.event.MapBuckets;

/** MapBuckets events built in tests, as the map probe would write them. */
public final class Probed {
    private Probed() {
    }

    /**
     * A table of {@code capacity} buckets with {@code size} entries; {@code histogram} and the derived numbers as
     * given (4-byte slots).
     */
    public static MapBuckets table(long timeNanos, String map, String kind, String keyClass, int capacity, int size,
                                   int treeified, int longest, double averageProbe, double distinctRatio,
                                   String histogram, String remixed) {
        return new MapBuckets(timeNanos, map, kind, keyClass, map.hashCode(), capacity, size, 0.75f, treeified,
                longest, averageProbe, distinctRatio, size, histogram, remixed, "", 1, "", 16 + 4L * capacity);
    }

    /** A well-spread table: one entry per used bucket, half full. */
    public static MapBuckets healthy(long timeNanos, String map, String kind, int capacity) {
        int size = capacity / 2;
        return table(timeNanos, map, kind, "java.lang.Long", capacity, size, 0, 1, 1.0, 1.0,
                (capacity - size) + "," + size + ",0*7", (capacity - size) + "," + size + ",0*7");
    }
}
