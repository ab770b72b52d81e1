package dev.hashscope.detect.rules;

import dev.hashscope.buckets.BucketMath;
import dev.hashscope.buckets.ProbedMaps;
import dev.hashscope.detect.Accumulator;
import dev.hashscope.detect.AnalysisContext;
import dev.hashscope.detect.Detector;
import dev.hashscope.detect.Evidence;
import dev.hashscope.detect.Finding;
import dev.hashscope.detect.Template;
import dev.hashscope.detect.Unit;
import dev.hashscope.event.EventKind;
import dev.hashscope.event.MapBuckets;
import dev.hashscope.summary.Capability;
import dev.hashscope.text.Format;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tables with far more buckets than their entries need, from the map probe's snapshots: a map filled once and
 * cleared (hash tables never shrink) or created with a huge initial capacity. Judged on each table's last
 * snapshot: the bucket array is at least {@code minOversize} times what the entries need at the table's load
 * factor, and the difference is at least {@code minWastedBytes}.
 *
 * <p>Score: 25 at {@code minWastedBytes} (256 KB), +25 per 16× more (4 MB: 50, 64 MB: 75). Memory is the cost,
 * and the recording does not say how much the heap holds, so the score follows the absolute waste.
 */
public final class OversizedMapDetector implements Detector {
    public static final String ID = "map.oversized";

    private static final Template TITLE = Template.of("Oversized {kind} at {map}: {capacity} buckets for {size} entries");
    private static final Template SUMMARY = Template.of(
            "The table at {map} has {capacity} buckets for {size} entries (capacity ratio {ratio}): {wasted} of its"
                    + " bucket array holds nothing. Built for its entries it would have {needed} buckets.");
    private static final String EXPLANATION = "A hash table never shrinks: HashMap, LinkedHashMap, HashSet,"
            + " ConcurrentHashMap and Hashtable keep their largest bucket array after clear() and remove(), and an"
            + " initial capacity far above the real size has the same effect. The empty slots stay on the heap for"
            + " as long as the map lives, and every iteration, clear() and copy walks all of them.";
    private static final Template FIX = Template.of(
            "If the map was filled once and then emptied, replace it instead of clearing it ({map} = new {plain}<>(),"
                    + " or copy the survivors: new {plain}<>(old)). If it is created with an initial capacity, size it"
                    + " for {size}: {sizing}.");
    private static final Template OK = Template.of(
            "Looked at {tables} tables in {snapshots} map-probe snapshots: none had {minOversize}x the buckets its"
                    + " entries need and {minWasted} or more of empty bucket array.");

    private final Settings settings;

    public OversizedMapDetector() {
        this(Settings.DEFAULTS);
    }

    public OversizedMapDetector(Settings settings) {
        this.settings = settings;
    }

    /**
     * @param minOversize    capacity / needed capacity from which a table is oversized (default 8)
     * @param minWastedBytes empty bucket array below which it is not worth a finding (default 256 KB)
     * @param maxFindings    tables reported, most waste first (default 5)
     */
    public record Settings(double minOversize, long minWastedBytes, int maxFindings) {
        public static final Settings DEFAULTS = new Settings(8, 256 * 1024, 5);

        public Settings {
            if (!(minOversize > 1) || minWastedBytes < 0 || maxFindings < 1) {
                throw new IllegalArgumentException("invalid settings: " + minOversize + ", " + minWastedBytes
                        + ", " + maxFindings);
            }
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Oversized hash tables";
    }

    @Override
    public List<Capability> requirements() {
        return List.of(Capability.MAP_BUCKETS);
    }

    @Override
    public Accumulator newAccumulator(AnalysisContext context) {
        return new OversizedAccumulator(settings);
    }

    /** 25 at the threshold, +25 per 16x more waste. */
    static int score(long wasted, long minWasted) {
        double s = 25 + 25 * Math.log(wasted / (double) Math.max(1, minWasted)) / Math.log(16);
        return (int) Math.max(25, Math.min(100, Math.round(s)));
    }

    private static final class OversizedAccumulator implements Accumulator {
        private final Settings settings;
        private final ProbedMaps maps = new ProbedMaps();

        OversizedAccumulator(Settings settings) {
            this.settings = settings;
        }

        @Override
        public Set<EventKind> kinds() {
            return EnumSet.of(EventKind.MAP_BUCKETS);
        }

        @Override
        public void mapBuckets(MapBuckets e) {
            maps.add(e);
        }

        @Override
        public void merge(Accumulator other) {
            maps.merge(((OversizedAccumulator) other).maps);
        }

        @Override
        public List<Finding> findings() {
            List<MapBuckets> oversized = new ArrayList<>();
            for (MapBuckets m : maps.latest()) {
                long needed = BucketMath.neededCapacity(m);
                if (m.capacity() >= settings.minOversize() * needed
                        && BucketMath.wastedBytes(m) >= settings.minWastedBytes()) {
                    oversized.add(m);
                }
            }
            oversized.sort(Comparator.comparingLong(BucketMath::wastedBytes).reversed()
                    .thenComparing(MapBuckets::map));
            List<Finding> out = new ArrayList<>();
            for (MapBuckets m : oversized.subList(0, Math.min(oversized.size(), settings.maxFindings()))) {
                out.add(finding(m));
            }
            if (out.isEmpty()) {
                out.add(Finding.ok(ID, "No oversized hash tables", OK.render(Map.of(
                        "tables", Format.count(maps.tables()), "snapshots", Format.count(maps.snapshots()),
                        "minOversize", Format.count(Math.round(settings.minOversize())),
                        "minWasted", Format.bytes(settings.minWastedBytes()))),
                        Evidence.builder().metric("tables", maps.tables(), Unit.COUNT)
                                .metric("map-probe snapshots", maps.snapshots(), Unit.COUNT).build()));
            }
            return out;
        }

        private Finding finding(MapBuckets m) {
            long needed = BucketMath.neededCapacity(m);
            long wasted = BucketMath.wastedBytes(m);
            String plain = plainKind(m.kind());
            Map<String, Object> v = new HashMap<>();
            v.put("kind", plain);
            v.put("plain", plain);
            v.put("map", m.map());
            v.put("capacity", Format.count(m.capacity()));
            v.put("size", Format.count(m.size()));
            v.put("ratio", String.format(java.util.Locale.ROOT, "%.4f", m.capacityRatio()));
            v.put("wasted", Format.bytes(wasted));
            v.put("needed", Format.count(needed));
            v.put("sizing", sizing(plain, m.size(), m.loadFactor()));
            Evidence ev = Evidence.builder()
                    .metric("capacity", m.capacity(), Unit.COUNT)
                    .metric("size", m.size(), Unit.COUNT)
                    .metric("capacity ratio", m.capacityRatio(), Unit.FRACTION)
                    .metric("needed capacity", needed, Unit.COUNT)
                    .metric("empty bucket array", wasted, Unit.BYTES)
                    .note("Table " + m.map() + " (" + m.kind() + ", keys " + m.keyClass() + ").")
                    .build();
            return Finding.scored(ID, score(wasted, settings.minWastedBytes()), TITLE.render(v), SUMMARY.render(v),
                    EXPLANATION, FIX.render(v), ev);
        }
    }

    /** {@code Collections$SynchronizedMap>HashMap} to {@code HashMap}; an application subclass to its JDK base. */
    static String plainKind(String kind) {
        String k = kind.substring(kind.lastIndexOf('>') + 1);
        int paren = k.indexOf('(');
        if (paren >= 0 && k.endsWith(")")) {
            k = k.substring(paren + 1, k.length() - 1);
        }
        return k.isEmpty() ? "HashMap" : k;
    }

    /** How to ask for a table that holds {@code size} entries without resizing, per kind. */
    static String sizing(String plain, int size, float loadFactor) {
        long capacityArg = (long) Math.ceil(size / (double) (loadFactor > 0 ? loadFactor : 0.75f));
        return switch (plain) {
            case "HashMap", "LinkedHashMap", "HashSet", "LinkedHashSet", "WeakHashMap" ->
                    plain + ".new" + plain + "(" + size + ") on JDK 19+, else new " + plain
                            + "<>(" + capacityArg + ")";
            case "ConcurrentHashMap", "ConcurrentHashMap$KeySetView" -> "new ConcurrentHashMap<>(" + size
                    + ") (its argument is the expected size)";
            default -> "new " + plain + "<>(" + capacityArg + ")";
        };
    }
}
