package dev.hashscope.buckets;

import dev.hashscope.event.EventKind;
import dev.hashscope.event.EventSink;
import dev.hashscope.event.MapBuckets;
import dev.hashscope.event.RecordingLayout;
import dev.hashscope.event.Symbols;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects the map probe's snapshots per table during a read. Memory grows with snapshots (one per table per
 * scan: a 10 s period over an hour with 1,000 tables is 360,000), so at most {@code maxPerTable} are kept per
 * table, thinned evenly (every other one dropped) when full.
 */
public final class BucketHistoryBuilder implements EventSink {
    private static final int DEFAULT_MAX_PER_TABLE = 512;

    private final int maxPerTable;
    private final Map<String, List<MapBuckets>> byMap = new LinkedHashMap<>();
    private long startNanos;

    public BucketHistoryBuilder() {
        this(DEFAULT_MAX_PER_TABLE);
    }

    public BucketHistoryBuilder(int maxPerTable) {
        if (maxPerTable < 2) {
            throw new IllegalArgumentException("maxPerTable must be at least 2");
        }
        this.maxPerTable = maxPerTable;
    }

    @Override
    public Set<EventKind> kinds() {
        return EnumSet.of(EventKind.MAP_BUCKETS);
    }

    @Override
    public void begin(RecordingLayout layout, Symbols symbols) {
        startNanos = layout.startNanos();
    }

    @Override
    public void mapBuckets(MapBuckets e) {
        List<MapBuckets> list = byMap.computeIfAbsent(e.map(), k -> new ArrayList<>());
        if (list.size() == maxPerTable) {
            List<MapBuckets> thinned = new ArrayList<>(maxPerTable);
            for (int i = 0; i < list.size(); i += 2) {
                thinned.add(list.get(i));
            }
            list.clear();
            list.addAll(thinned);
        }
        list.add(e);
    }

    public BucketHistory history() {
        List<BucketHistory.MapSeries> series = new ArrayList<>();
        byMap.forEach((map, snapshots) -> {
            List<MapBuckets> sorted = new ArrayList<>(snapshots);
            sorted.sort(java.util.Comparator.comparingLong(MapBuckets::timeNanos));
            series.add(new BucketHistory.MapSeries(map, sorted));
        });
        series.sort(BucketHistory.WORST_FIRST);
        return new BucketHistory(startNanos, series);
    }
}
