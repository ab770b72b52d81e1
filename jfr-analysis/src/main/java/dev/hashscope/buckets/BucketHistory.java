package dev.hashscope.buckets;

import dev.hashscope.event.MapBuckets;
import java.util.Comparator;
import java.util.List;

/**
 * Every map-probe snapshot of a recording, per table, the worst distribution first: what the Buckets view shows.
 * Immutable.
 *
 * @param startNanos the recording's start, for times relative to it
 */
public record BucketHistory(long startNanos, List<MapSeries> maps) {
    public static final BucketHistory EMPTY = new BucketHistory(0, List.of());

    public BucketHistory {
        maps = List.copyOf(maps);
    }

    public boolean isEmpty() {
        return maps.isEmpty();
    }

    /** One table's snapshots in time order. */
    public record MapSeries(String map, List<MapBuckets> snapshots) {
        public MapSeries {
            snapshots = List.copyOf(snapshots);
            if (snapshots.isEmpty()) {
                throw new IllegalArgumentException("a series has at least one snapshot");
            }
        }

        public MapBuckets latest() {
            return snapshots.get(snapshots.size() - 1);
        }

        /** The snapshot whose lookups cost the most against the ideal. */
        public MapBuckets worst() {
            return snapshots.stream().max(Comparator.comparingDouble(BucketMath::probeExcess)
                    .thenComparingInt(MapBuckets::longestChain)).orElseThrow();
        }

        /**
         * How bad the distribution is, for ranking: the worst snapshot's probe cost over the ideal (1 = uniform),
         * times 2 when fewer than half of its keys have distinct hash codes.
         */
        public double badness() {
            MapBuckets w = worst();
            return BucketMath.probeExcess(w) * (w.hashedEntries() > 0 && w.distinctHashRatio() < 0.5 ? 2 : 1);
        }
    }

    /** Worst first, then by path. */
    public static final Comparator<MapSeries> WORST_FIRST = Comparator.comparingDouble(MapSeries::badness).reversed()
            .thenComparing(MapSeries::map);
}
