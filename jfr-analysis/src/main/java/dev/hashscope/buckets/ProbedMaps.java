package dev.hashscope.buckets;

import dev.hashscope.event.MapBuckets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The map probe's snapshots folded per table (by path): the latest and the worst (longest chain, then highest
 * probe cost) of each. Mergeable, for detectors; bounded by the number of tables, not of scans.
 */
public final class ProbedMaps {
    private static final Comparator<MapBuckets> WORSE = Comparator.comparingInt(MapBuckets::longestChain)
            .thenComparingDouble(MapBuckets::averageProbe);

    private final Map<String, MapBuckets> latest = new HashMap<>();
    private final Map<String, MapBuckets> worst = new HashMap<>();
    private long snapshots;

    public void add(MapBuckets e) {
        snapshots++;
        latest.merge(e.map(), e, (a, b) -> b.timeNanos() >= a.timeNanos() ? b : a);
        worst.merge(e.map(), e, (a, b) -> WORSE.compare(b, a) > 0 ? b : a);
    }

    public void merge(ProbedMaps o) {
        o.latest.values().forEach(e -> latest.merge(e.map(), e, (a, b) -> b.timeNanos() >= a.timeNanos() ? b : a));
        o.worst.values().forEach(e -> worst.merge(e.map(), e, (a, b) -> WORSE.compare(b, a) > 0 ? b : a));
        snapshots += o.snapshots;
    }

    public long snapshots() {
        return snapshots;
    }

    public int tables() {
        return latest.size();
    }

    /** The last snapshot of each table, by path. */
    public List<MapBuckets> latest() {
        return sorted(latest);
    }

    /** The worst snapshot of each table, by path. */
    public List<MapBuckets> worst() {
        return sorted(worst);
    }

    private static List<MapBuckets> sorted(Map<String, MapBuckets> m) {
        List<MapBuckets> out = new ArrayList<>(m.values());
        out.sort(Comparator.comparing(MapBuckets::map));
        return out;
    }
}
