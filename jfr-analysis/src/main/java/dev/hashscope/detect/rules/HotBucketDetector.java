package dev.hashscope.detect.rules;

import dev.hashscope.buckets.BucketMath;
import dev.hashscope.buckets.ProbedMaps;
import dev.hashscope.detect.Accumulator;
import dev.hashscope.detect.AnalysisContext;
import dev.hashscope.detect.Detector;
import dev.hashscope.detect.Evidence;
import dev.hashscope.detect.Finding;
import dev.hashscope.detect.Scores;
import dev.hashscope.detect.IdTable;
import dev.hashscope.detect.SiteAggregate;
import dev.hashscope.detect.Template;
import dev.hashscope.detect.Unit;
import dev.hashscope.event.EventKind;
import dev.hashscope.event.MapBuckets;
import dev.hashscope.event.MonitorBlocked;
import dev.hashscope.mapop.MapOperation;
import dev.hashscope.summary.Capability;
import dev.hashscope.text.Format;
import dev.hashscope.util.LongObjectMap;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ConcurrentHashMap bin contention explained by the length of the bins: threads blocked on bin locks
 * ({@code jdk.JavaMonitorEnter} on {@code ConcurrentHashMap$TreeBin} or {@code $Node}) in a recording where the
 * map probe saw a ConcurrentHashMap whose buckets hold long chains. A writer holds a bin's lock while it walks the
 * bin, so the longer the chain, the longer every other writer to that bucket waits: the fix is the chain (the
 * key's hashCode), not the lock.
 *
 * <p>The tie: a contended {@code TreeBin} is by definition a treeified bin (8+ entries), matched with the probed
 * ConcurrentHashMaps that have tree bins; a contended plain {@code $Node} bin is matched with probed
 * ConcurrentHashMaps whose longest chain is at least {@code minChain}. Monitors carry addresses, tables do not,
 * so when several probed maps qualify all are named, the longest chain first. Contention without a long chain
 * anywhere is hot keys, left to {@code map.bin-contention}.
 *
 * <p>Cost share: blocked time on those bins over the recording's duration times the threads seen in
 * {@code jdk.JavaMonitorEnter} events, as in {@link BinContentionDetector}.
 */
public final class HotBucketDetector implements Detector {
    public static final String ID = "map.hot-bucket";
    private static final String TREE_BIN = "java.util.concurrent.ConcurrentHashMap$TreeBin";
    private static final String NODE = "java.util.concurrent.ConcurrentHashMap$Node";

    private static final Template TITLE = Template.of("Hot {binKind} in {map}: a bucket of {longest} entries behind a"
            + " contended lock");
    private static final Template SUMMARY = Template.of(
            "Threads waited {blocked} ({share} of the contending threads' time) for {count} bin locks of"
                    + " ConcurrentHashMap {binKinds}, on {addresses} distinct bins. The map probe saw {map} with"
                    + " {treeified} tree bins and chains up to {longest} entries: {crowded} of its {size} entries sit"
                    + " in buckets of 8 or more.");
    private static final Template EXPLANATION = Template.of(
            "A ConcurrentHashMap write locks the first node of its bucket and walks the bucket under that lock. In a"
                    + " bucket of {longest} entries every put walks a long chain (or a tree of colliding keys), so the"
                    + " lock is held long and the other writers of that bucket queue behind it: the bucket is hot"
                    + " because it is long, and it is long because {keyClass} gives few distinct hash codes"
                    + " ({distinct} for {hashed} keys).");
    private static final Template FIX = Template.of(
            "Shorten the bucket rather than the lock: give {keyClass} a hashCode that mixes every field its equals"
                    + " compares (see map.poor-hash), so the entries of {map} spread over its {capacity} buckets."
                    + " A bigger table does not help: equal hash codes share a bucket at any size.");
    private static final Template OK_NONE = Template.of(
            "No thread waited for a ConcurrentHashMap bin lock; the map probe saw {tables} tables.");
    private static final Template OK_SHORT = Template.of(
            "Threads waited {blocked} for ConcurrentHashMap bin locks, but no probed ConcurrentHashMap had a chain of"
                    + " {minChain} or more: hot keys rather than hot buckets (see map.bin-contention).");

    private final Settings settings;

    public HotBucketDetector() {
        this(Settings.DEFAULTS);
    }

    public HotBucketDetector(Settings settings) {
        this.settings = settings;
    }

    /**
     * @param minChain     a plain (list) bin counts as long from this many entries (default 4)
     * @param minCostShare blocked share from which the finding is reported (default 0.01, score 25)
     */
    public record Settings(int minChain, double minCostShare) {
        public static final Settings DEFAULTS = new Settings(4, 0.01);

        public Settings {
            if (minChain < 2 || minCostShare < 0) {
                throw new IllegalArgumentException("invalid settings: " + minChain + ", " + minCostShare);
            }
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Hot buckets (bin contention on long chains)";
    }

    @Override
    public List<Capability> requirements() {
        return List.of(Capability.MONITOR_ENTER, Capability.MAP_BUCKETS);
    }

    @Override
    public Accumulator newAccumulator(AnalysisContext context) {
        return new HotBucketAccumulator(context, settings);
    }

    private static final class HotBucketAccumulator implements Accumulator {
        private final AnalysisContext ctx;
        private final Settings settings;
        private final ProbedMaps maps = new ProbedMaps();
        private final SiteAggregate treeBins = new SiteAggregate();
        private final SiteAggregate nodeBins = new SiteAggregate();
        private final Map<String, SiteAggregate> sites = new HashMap<>();
        /** Distinct bin addresses (a set: the values are unused). Primitive: aligned addresses collide as Longs. */
        private final LongObjectMap<Boolean> addresses = new LongObjectMap<>();
        /** The site aggregate of each stack id, found through its label once per stack. */
        private final IdTable<SiteAggregate> siteByStack = new IdTable<>();
        private SiteAggregate noStackSite;
        private final BitSet monitorThreads = new BitSet();

        HotBucketAccumulator(AnalysisContext ctx, Settings settings) {
            this.ctx = ctx;
            this.settings = settings;
        }

        @Override
        public Set<EventKind> kinds() {
            return EnumSet.of(EventKind.MONITOR_BLOCKED, EventKind.MAP_BUCKETS);
        }

        @Override
        public void mapBuckets(MapBuckets e) {
            maps.add(e);
        }

        @Override
        public void monitorBlocked(MonitorBlocked e) {
            if (e.thread() >= 0) {
                monitorThreads.set(e.thread());
            }
            if (e.previousOwner() >= 0) {
                monitorThreads.set(e.previousOwner());
            }
            String cls = ctx.symbols().stringAt(e.monitorClass());
            boolean tree = TREE_BIN.equals(cls);
            if (!tree && !NODE.equals(cls)) {
                return;
            }
            (tree ? treeBins : nodeBins).add(e.stack(), e.durationNanos(), e.thread(), e.startNanos(), true);
            if (addresses.size() < 10_000) {
                addresses.put(e.address(), Boolean.TRUE);
            }
            siteOf(e.stack()).add(e.stack(), e.durationNanos(), e.thread(), e.startNanos(), true);
        }

        private SiteAggregate siteOf(int stack) {
            SiteAggregate known = stack >= 0 ? siteByStack.get(stack) : noStackSite;
            if (known != null) {
                return known;
            }
            MapOperation op = ctx.mapOperation(stack);
            String site = op == null ? "(no map call on the stack)" : ctx.frameLabel(op.callSiteFrame());
            SiteAggregate found = sites.computeIfAbsent(site, k -> new SiteAggregate());
            if (stack >= 0) {
                siteByStack.put(stack, found);
            } else {
                noStackSite = found;
            }
            return found;
        }

        @Override
        public void merge(Accumulator other) {
            HotBucketAccumulator o = (HotBucketAccumulator) other;
            maps.merge(o.maps);
            treeBins.merge(o.treeBins);
            nodeBins.merge(o.nodeBins);
            o.sites.forEach((k, v) -> sites.merge(k, v, (a, b) -> {
                a.merge(b);
                return a;
            }));
            o.addresses.forEach((address, unused) -> addresses.put(address, Boolean.TRUE));
            monitorThreads.or(o.monitorThreads);
        }

        @Override
        public List<Finding> findings() {
            long blocked = treeBins.weight() + nodeBins.weight();
            List<MapBuckets> candidates = new ArrayList<>();
            for (MapBuckets m : maps.worst()) {
                if (!m.kind().contains("ConcurrentHashMap")) {
                    continue;
                }
                boolean treeTie = treeBins.count() > 0 && m.treeifiedBins() > 0;
                boolean listTie = nodeBins.count() > 0 && m.longestChain() >= settings.minChain();
                if (treeTie || listTie) {
                    candidates.add(m);
                }
            }
            candidates.sort(Comparator.comparingInt(MapBuckets::longestChain).reversed().thenComparing(MapBuckets::map));
            double threadNanos = (double) ctx.analysedDurationNanos() * Math.max(1, monitorThreads.cardinality());
            double share = threadNanos <= 0 ? 0 : blocked / threadNanos;
            if (blocked == 0 || candidates.isEmpty() || share < settings.minCostShare()) {
                Map<String, Object> v = Map.of("blocked", Format.nanos(blocked), "tables", Format.count(maps.tables()),
                        "minChain", Format.count(settings.minChain()));
                return List.of(Finding.ok(ID, "No hot buckets", (blocked == 0 ? OK_NONE : OK_SHORT).render(v),
                        Evidence.builder().metric("bin-lock blocked time", blocked, Unit.NANOS)
                                .metric("probed tables", maps.tables(), Unit.COUNT).build()));
            }
            MapBuckets m = candidates.get(0);
            Map<String, Object> v = new HashMap<>();
            v.put("binKind", treeBins.weight() >= nodeBins.weight() ? "tree bins" : "bins");
            v.put("binKinds", treeBins.count() > 0 && nodeBins.count() > 0 ? "TreeBin and Node"
                    : treeBins.count() > 0 ? "TreeBin" : "Node");
            v.put("map", m.map());
            v.put("longest", Format.count(m.longestChain()));
            v.put("blocked", Format.nanos(blocked));
            v.put("share", Format.percent(share));
            v.put("count", Format.count(treeBins.count() + nodeBins.count()));
            v.put("addresses", Format.count(addresses.size()));
            v.put("treeified", Format.count(m.treeifiedBins()));
            v.put("crowded", Format.count(BucketMath.entriesInCrowdedBuckets(m)));
            v.put("size", Format.count(m.size()));
            v.put("capacity", Format.count(m.capacity()));
            v.put("keyClass", m.keyClass().isEmpty() ? "the key class" : BucketMath.simpleName(m.keyClass()));
            v.put("distinct", Format.count(m.distinctHashes()));
            v.put("hashed", Format.count(m.hashedEntries()));
            Evidence.Builder ev = Evidence.builder()
                    .metric("bin-lock blocked time", blocked, Unit.NANOS)
                    .metric("cost share (of contending threads' time)", share, Unit.FRACTION)
                    .metric("TreeBin blocked time", treeBins.weight(), Unit.NANOS)
                    .metric("Node blocked time", nodeBins.weight(), Unit.NANOS)
                    .metric("distinct contended bins", addresses.size(), Unit.COUNT)
                    .metric("longest chain", m.longestChain(), Unit.COUNT)
                    .metric("treeified bins", m.treeifiedBins(), Unit.COUNT)
                    .metric("distinct-hash ratio", m.distinctHashRatio(), Unit.FRACTION);
            sites.entrySet().stream()
                    .sorted(Map.Entry.<String, SiteAggregate>comparingByValue(
                            Comparator.comparingLong(SiteAggregate::weight)).reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .limit(3)
                    .forEach(en -> ev.callSite(en.getValue().toCallSite(ctx, en.getKey(), "ConcurrentHashMap", null,
                            Unit.NANOS, blocked == 0 ? 0 : (double) en.getValue().weight() / blocked)));
            for (MapBuckets c : candidates) {
                ev.note("Probed " + c.map() + " (" + c.kind() + ", keys " + c.keyClass() + "): longest chain "
                        + c.longestChain() + ", " + c.treeifiedBins() + " tree bins, " + c.size() + " entries in "
                        + c.capacity() + " buckets.");
            }
            return List.of(Finding.scored(ID, Scores.fromCostShare(share), TITLE.render(v), SUMMARY.render(v),
                    EXPLANATION.render(v), FIX.render(v), ev.build()));
        }
    }
}
