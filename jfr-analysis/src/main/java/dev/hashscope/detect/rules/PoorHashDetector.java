package dev.hashscope.detect.rules;

import dev.hashscope.buckets.BucketMath;
import dev.hashscope.buckets.ProbedMaps;
import dev.hashscope.detect.Accumulator;
import dev.hashscope.detect.AnalysisContext;
import dev.hashscope.detect.Detector;
import dev.hashscope.detect.Evidence;
import dev.hashscope.detect.Finding;
import dev.hashscope.detect.IdFlags;
import dev.hashscope.detect.IdTable;
import dev.hashscope.detect.Scores;
import dev.hashscope.detect.SiteAggregate;
import dev.hashscope.detect.Template;
import dev.hashscope.detect.Unit;
import dev.hashscope.event.AllocationSample;
import dev.hashscope.event.EventKind;
import dev.hashscope.event.ExecutionSample;
import dev.hashscope.event.MapBuckets;
import dev.hashscope.event.Symbols;
import dev.hashscope.mapop.MapKind;
import dev.hashscope.mapop.MapOperation;
import dev.hashscope.mapop.MapOperation.Callback;
import dev.hashscope.mapop.MapOperation.Phase;
import dev.hashscope.text.Format;
import dev.hashscope.summary.Capability;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keys whose hash codes collide: hash bins long enough to be turned into red-black trees, seen as CPU
 * samples in tree-bin work ({@code TreeNode.find}/{@code findTreeNode}/{@code putTreeVal},
 * {@code TreeBin.find}, {@code treeifyBin}) per call site, and as allocations of {@code TreeNode}/
 * {@code TreeBin}. The key class is named where the stacks show it: the key's {@code equals}/
 * {@code hashCode}/{@code compareTo} frames that the map calls back into.
 *
 * <p>Cost share: CPU samples in tree-bin work at the call site / all CPU samples, mapped by
 * {@link Scores#fromCostShare}. Tree-node allocation is evidence, not cost: it is small next to the CPU.
 *
 * <p>With the map probe's {@code hashscope.MapBuckets} events the finding gains the distribution: the probed
 * table with the finding's key class (or, when the stacks do not name it, the worst probed table of the same
 * kind) gives its distinct-hash ratio, longest chain and crowded buckets. A probed table whose distribution is
 * poor ({@link #isPoor}) without tree-bin CPU at any call site is reported from the distribution alone, scored
 * by how many times the ideal probe cost its lookups take (at most INFO: the cost in time is not measured).
 */
public final class PoorHashDetector implements Detector {
    public static final String ID = "map.poor-hash";
    private static final int INFO_FLOOR = 25;

    private static final Template TITLE_KNOWN = Template.of("Colliding {keySimple} hashes in {kind} at {site}");
    private static final Template TITLE_UNKNOWN = Template.of("Colliding key hashes in {kind} at {site}");
    private static final Template SUMMARY = Template.of(
            "{samples} CPU samples ({share} of all) at {site} were tree-bin work in a {kind} ({methods}): its bins"
                    + " hold so many keys with the same hash code that they were turned into red-black trees.");
    private static final Template KEY_IN_TREE = Template.of(
            " The tree walk calls {callbacks}, so {keyClass} is the key class with colliding hashes.");
    private static final Template KEY_AT_SITE = Template.of(
            " The map calls {callbacks} at this call site, so {keyClass} is the key class.");
    private static final Template KEY_UNKNOWN = Template.of(
            " The stacks do not name the key class: its equals and hashCode were inlined into the tree walk.");
    private static final Template KEY_NEIGHBOUR = Template.of(
            " {otherSite}, in the same class, calls {callbacks}: if it uses the same map, {keySimple} is the key"
                    + " class.");
    private static final Template ALLOCATION = Template.of(
            " It also allocated {treeBytes} of tree nodes ({allocShare} of all allocated bytes).");
    private static final Template EXPLANATION = Template.of(
            "A hash bin becomes a red-black tree when it collects 8 entries (in a table of 64 buckets or more); with"
                    + " a hash code that spreads the keys that practically never happens, so tree work in a profile"
                    + " means many keys share a hash code. {ordering}{kindNote}");
    private static final String UNORDERED = "Keys with equal hashes can be ordered in the tree only by compareTo,"
            + " and only when the key class is Comparable; these keys are not, so TreeNode.find searches both"
            + " subtrees: every get or put in such a bin walks its entries calling equals on each, O(n) instead of"
            + " O(1).";
    private static final String ORDERED = "The keys are Comparable (compareTo runs in the tree), so a search takes"
            + " O(log n) in its bin, but all keys of one hash still share that bin.";
    private static final String CHM_NOTE = " In a ConcurrentHashMap a put into a tree bin also takes the bin's lock"
            + " (TreeBin), and readers walk the bin as a plain list while a writer holds it.";
    private static final Template FIX = Template.of(
            "Give {keyClass} a hashCode that mixes every field its equals compares, Objects.hash(field1, field2,"
                    + " ...) or 31 * a.hashCode() + Long.hashCode(b) (a record gets one for free), so that its keys"
                    + " spread over the table.{comparable} To confirm the"
                    + " collisions, compare map.keySet().stream().mapToInt(Object::hashCode).distinct().count() with"
                    + " map.size() for the map used at {callSite}.");
    private static final Template FIX_COMPARABLE = Template.of(
            " And make {keyClass} Comparable, consistently with equals, so that bins that still collide are"
                    + " searched in O(log n) instead of end to end.");
    private static final Template OK_NONE = Template.of(
            "Looked at {cpuSamples} CPU samples: none was tree-bin work in hash maps.");
    private static final Template OK_SUMMARY = Template.of(
            "Looked at {cpuSamples} CPU samples: {treeSamples} ({share}) were tree-bin work in hash maps, too little"
                    + " to point at a poor hashCode.");

    private static final Template DISTRIBUTION = Template.of(
            " The map probe saw {map}: {keySimple}.hashCode maps {crowdedShare} of its {size} keys to {crowdedBuckets}"
                    + " buckets ({distinct} distinct hash values, a distinct-hash ratio of {ratio}); its longest chain"
                    + " holds {longest} entries, and a lookup compares {probe} entries on average where well-spread"
                    + " keys would compare {idealProbe}.");
    private static final Template TITLE_PROBED = Template.of("Colliding {keySimple} hashes in {map}");
    private static final Template SUMMARY_PROBED = Template.of(
            "The map probe saw {map} ({kind}) with {size} entries in {capacity} buckets: {keySimple}.hashCode maps"
                    + " {crowdedShare} of the keys to {crowdedBuckets} buckets ({distinct} distinct hash values, a"
                    + " distinct-hash ratio of {ratio}). Its longest chain holds {longest} entries and a lookup compares"
                    + " {probe} entries on average where well-spread keys would compare {idealProbe}.");
    private static final String EXPLANATION_PROBED = "A hash table is fast because each bucket holds about one entry;"
            + " keys that share a hash code share a bucket whatever the table's size, so lookups in it walk a chain"
            + " (from 8 entries a red-black tree, which without Comparable keys is searched end to end). No CPU"
            + " samples of this recording were in tree-bin work, so the cost is not measured here; it grows with the"
            + " table.";
    private static final Template FIX_PROBED = Template.of(
            "Give {keyClass} a hashCode that mixes every field its equals compares, Objects.hash(field1, field2,"
                    + " ...) (a record gets one for free), so that its keys spread over the {capacity} buckets of {map}.");
    private static final String MIXING_HELPS = "Well mixed, the same hash values would leave no bucket of 8 or more:"
            + " the values are distinct but agree in the bits the table's index uses.";
    private static final String MIXING_DOES_NOT_HELP = "Well mixed, the same hash values would still fill buckets of"
            + " 8 or more: equal hash codes stay together, so the fix is the hashCode, not the table.";

    /**
     * A probed table's distribution is poor when it has at least 64 entries, and either fewer than half of its
     * keys have distinct hash codes or its lookups cost at least twice the ideal with a chain of 8 or more.
     */
    static boolean isPoor(MapBuckets m) {
        return m.size() >= 64 && (m.hashedEntries() > 0 && m.distinctHashRatio() < 0.5
                || BucketMath.probeExcess(m) >= 2 && m.longestChain() >= 8);
    }

    private final Settings settings;

    public PoorHashDetector() {
        this(Settings.DEFAULTS);
    }

    public PoorHashDetector(Settings settings) {
        this.settings = settings;
    }

    /**
     * @param minCpuSamples tree-bin work at a call site is reported from this many CPU samples on (default 10);
     *                      fewer are too noisy to rank
     * @param maxFindings   call sites reported, costliest first (default 3)
     */
    public record Settings(int minCpuSamples, int maxFindings) {
        public static final Settings DEFAULTS = new Settings(10, 3);

        public Settings {
            if (minCpuSamples < 1 || maxFindings < 1) {
                throw new IllegalArgumentException("invalid settings: " + minCpuSamples + ", " + maxFindings);
            }
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Poor key hash distribution";
    }

    @Override
    public List<Capability> requirements() {
        return List.of(Capability.CPU_SAMPLES);
    }

    @Override
    public Accumulator newAccumulator(AnalysisContext context) {
        return new PoorHashAccumulator(context, settings);
    }

    /**
     * A call site: method and line, not frame id, since one line has a frame per way it ran (interpreted,
     * compiled, inlined); the map kind is part of it because one line can use two maps.
     */
    private record Key(int method, int line, MapKind kind) {
        static Key of(AnalysisContext ctx, int frame, MapKind kind) {
            return frame < 0 ? new Key(-1, -1, kind)
                    : new Key(ctx.symbols().frameMethod(frame), ctx.symbols().frameLine(frame), kind);
        }
    }

    /** Tree-bin CPU at one call site. */
    private static final class TreeSite {
        final MapOperation op;
        final SiteAggregate samples = new SiteAggregate();
        /** The tree method each sample was in ({@code ConcurrentHashMap$TreeNode.findTreeNode}), by method id. */
        final Map<Integer, Long> workMethods = new HashMap<>();

        TreeSite(MapOperation op) {
            this.op = op;
        }

        void merge(TreeSite o) {
            samples.merge(o.samples);
            o.workMethods.forEach((k, v) -> workMethods.merge(k, v, Long::sum));
        }
    }

    /** What the map called back into at one call site: method id of the key's equals/hashCode/compareTo. */
    private static final class Callbacks {
        final String label;
        final Map<Integer, Long> inTree = new HashMap<>();
        final Map<Integer, Long> anywhere = new HashMap<>();

        Callbacks(String label) {
            this.label = label;
        }

        void merge(Callbacks o) {
            o.inTree.forEach((k, v) -> inTree.merge(k, v, Long::sum));
            o.anywhere.forEach((k, v) -> anywhere.merge(k, v, Long::sum));
        }
    }

    /** All allocations of one source, with the tree-node bytes per call site. */
    private static final class TreeBytes extends AllocationTotals {
        final Map<Key, Long> bySite = new HashMap<>();

        void merge(TreeBytes o) {
            mergeTotals(o);
            o.bySite.forEach((k, v) -> bySite.merge(k, v, Long::sum));
        }
    }

    private static final class PoorHashAccumulator implements Accumulator {
        private final AnalysisContext ctx;
        private final Settings settings;
        private final Map<Key, TreeSite> trees = new HashMap<>();
        private final Map<Key, Callbacks> callbacks = new HashMap<>();
        private final AllocationSources<TreeBytes> allocation = new AllocationSources<>(TreeBytes::new);
        private final ProbedMaps probed = new ProbedMaps();
        private long cpuSamples;
        /** Per stack id, what its samples count to, worked out once: see {@link StackFacts}. */
        private final IdTable<StackFacts> factsByStack = new IdTable<>();
        /** Tree-bin node and bin classes of the maps, by class-name id. */
        private final IdFlags treeClasses;

        PoorHashAccumulator(AnalysisContext ctx, Settings settings) {
            this.ctx = ctx;
            this.settings = settings;
            this.treeClasses = new IdFlags(id -> {
                String cls = ctx.symbols().stringAt(id);
                return (cls.endsWith("$TreeNode") || cls.endsWith("$TreeBin")) && MapKind.isMapClass(cls);
            });
        }

        /**
         * What decides where a stack's events go, all of it fixed by the stack: its tree site (null outside
         * tree-bin work), the tree method (-1 if none), the call site's callback tally and the key method it
         * counts (null/-1 when the map calls back into no key method), and the key of its call site.
         */
        private static final class StackFacts {
            /** The tree-bin operation, and its site once a CPU sample made it (allocation makes none). */
            MapOperation treeOp;
            TreeSite tree;
            int treeMethod = -1;
            Callbacks callbacks;
            int callbackMethod = -1;
            boolean inTree;
            Key site;
        }

        /** The facts of a stack inside a map operation {@code op}; the sites are created as the events did before. */
        private StackFacts facts(int stack, MapOperation op) {
            StackFacts f = factsByStack.get(stack);
            if (f != null) {
                return f;
            }
            f = new StackFacts();
            MapOperation tree = treeOperation(op);
            f.inTree = tree != null;
            f.site = Key.of(ctx, op.callSiteFrame(), op.kind());
            if (tree != null) {
                f.treeOp = tree;
                f.treeMethod = treeMethod(stack);
            }
            if (isKeyCallback(op)) {
                f.callbackMethod = ctx.symbols().frameMethod(op.callbackFrame());
                f.callbacks = callbacks.computeIfAbsent(f.site, k -> new Callbacks(ctx.shortFrameLabel(op.callSiteFrame())));
            }
            factsByStack.put(stack, f);
            return f;
        }

        @Override
        public Set<EventKind> kinds() {
            return EnumSet.of(EventKind.EXECUTION_SAMPLE, EventKind.ALLOCATION, EventKind.MAP_BUCKETS);
        }

        @Override
        public void mapBuckets(MapBuckets e) {
            probed.add(e);
        }

        @Override
        public void executionSample(ExecutionSample e) {
            cpuSamples++;
            MapOperation op = ctx.mapOperation(e.stack());
            if (op == null) {
                return;
            }
            StackFacts f = facts(e.stack(), op);
            learnCallback(f);
            if (f.treeOp != null && f.tree == null) {
                MapOperation tree = f.treeOp;
                f.tree = trees.computeIfAbsent(Key.of(ctx, tree.callSiteFrame(), tree.kind()), k -> new TreeSite(tree));
            }
            if (f.tree != null) {
                f.tree.samples.add(e.stack(), 1, e.thread(), e.timeNanos(), false);
                if (f.treeMethod >= 0) {
                    f.tree.workMethods.merge(f.treeMethod, 1L, Long::sum);
                }
            }
        }

        @Override
        public void allocation(AllocationSample e) {
            TreeBytes t = allocation.add(e);
            if (!treeClasses.test(e.objectClass())) {
                return;
            }
            MapOperation op = ctx.mapOperation(e.stack());
            if (op != null) {
                StackFacts f = facts(e.stack(), op);
                learnCallback(f);
                t.bySite.merge(f.site, e.weightBytes(), Long::sum);
            }
        }

        /** The innermost operation on the stack doing tree-bin work, or null. */
        private static MapOperation treeOperation(MapOperation op) {
            for (MapOperation o = op; o != null; o = o.enclosing()) {
                if (o.phase() == Phase.TREE_BIN || o.phase() == Phase.TREEIFY) {
                    return o;
                }
            }
            return null;
        }

        /** Notes the key's own method when the map is calling back into it (equals, hashCode, compareTo). */
        private static void learnCallback(StackFacts f) {
            if (f.callbacks == null) {
                return;
            }
            f.callbacks.anywhere.merge(f.callbackMethod, 1L, Long::sum);
            if (f.inTree) {
                f.callbacks.inTree.merge(f.callbackMethod, 1L, Long::sum);
            }
        }

        /** True when the map calls back into the key's equals, hashCode or compareTo. */
        private boolean isKeyCallback(MapOperation op) {
            if (op.callbackFrame() < 0 || !(op.callback() == Callback.HASH_CODE || op.callback() == Callback.EQUALS
                    || op.callback() == Callback.COMPARE)) {
                return false;
            }
            int method = ctx.symbols().frameMethod(op.callbackFrame());
            // compare() is a Comparator's method, not the key's: it names the comparator class.
            return op.callback() != Callback.COMPARE || ctx.symbols().methodName(method).equals("compareTo");
        }

        /** The topmost frame of tree-bin code on the stack, as a method id, or -1. */
        private int treeMethod(int stack) {
            Symbols s = ctx.symbols();
            for (int frame : s.stackFrames(stack)) {
                int method = s.frameMethod(frame);
                String cls = s.methodClass(method);
                String name = s.methodName(method);
                if (MapKind.isMapClass(cls) && (cls.endsWith("$TreeNode") || cls.endsWith("$TreeBin")
                        || name.equals("treeifyBin") || name.equals("treeify"))) {
                    return method;
                }
            }
            return -1;
        }

        @Override
        public void merge(Accumulator other) {
            PoorHashAccumulator o = (PoorHashAccumulator) other;
            o.trees.forEach((k, v) -> {
                TreeSite mine = trees.get(k);
                if (mine == null) {
                    trees.put(k, v);
                } else {
                    mine.merge(v);
                }
            });
            o.callbacks.forEach((k, v) -> {
                Callbacks mine = callbacks.get(k);
                if (mine == null) {
                    callbacks.put(k, v);
                } else {
                    mine.merge(v);
                }
            });
            allocation.merge(o.allocation, TreeBytes::merge);
            probed.merge(o.probed);
            cpuSamples += o.cpuSamples;
        }

        @Override
        public List<Finding> findings() {
            List<Map.Entry<Key, TreeSite>> sites = new ArrayList<>(trees.entrySet());
            sites.sort(Comparator.<Map.Entry<Key, TreeSite>>comparingLong(en -> en.getValue().samples.count())
                    .reversed().thenComparing(en -> ctx.frameLabel(en.getValue().op.callSiteFrame())));
            long treeSamples = sites.stream().mapToLong(en -> en.getValue().samples.count()).sum();
            List<Finding> out = new ArrayList<>();
            Set<String> explained = new java.util.HashSet<>();
            for (Map.Entry<Key, TreeSite> en : sites) {
                long n = en.getValue().samples.count();
                int score = Scores.fromCostShare((double) n / cpuSamples);
                if (out.size() < settings.maxFindings() && n >= settings.minCpuSamples() && score >= INFO_FLOOR) {
                    out.add(finding(en.getKey(), en.getValue(), score, explained));
                }
            }
            for (MapBuckets m : probed.worst()) {
                if (out.size() < settings.maxFindings() && isPoor(m) && !explained.contains(m.map())) {
                    out.add(probedFinding(m));
                }
            }
            if (out.isEmpty()) {
                out.add(Finding.ok(ID, "No colliding map keys", (treeSamples == 0 ? OK_NONE : OK_SUMMARY).render(Map.of(
                                "cpuSamples", Format.count(cpuSamples), "treeSamples", Format.count(treeSamples),
                                "share", Format.percent(cpuSamples == 0 ? 0 : (double) treeSamples / cpuSamples))),
                        Evidence.builder()
                                .metric("all CPU samples", cpuSamples, Unit.COUNT)
                                .metric("tree-bin CPU samples", treeSamples, Unit.COUNT)
                                .build()));
            }
            return out;
        }

        /** The probed table a CPU finding is about: same key class, else the worst poor one of the same kind. */
        private MapBuckets probedTable(String keyClass, MapOperation op) {
            List<MapBuckets> all = probed.worst();
            Comparator<MapBuckets> worse = Comparator.comparingDouble(BucketMath::probeExcess);
            if (keyClass != null) {
                MapBuckets same = all.stream().filter(m -> m.keyClass().equals(keyClass)).max(worse).orElse(null);
                if (same != null) {
                    return same;
                }
            }
            String kind = op.implementation().displayName();
            return all.stream().filter(PoorHashDetector::isPoor).filter(m -> m.kind().endsWith(kind)).max(worse)
                    .orElse(null);
        }

        /** Distribution values of a probed table for the templates. */
        private static void putDistribution(Map<String, Object> v, MapBuckets m) {
            long crowded = BucketMath.entriesInCrowdedBuckets(m);
            v.put("map", m.map());
            v.put("size", Format.count(m.size()));
            v.put("capacity", Format.count(m.capacity()));
            v.put("crowdedShare", Format.percent(m.size() == 0 ? 0 : (double) crowded / m.size()));
            v.put("crowdedBuckets", Format.count(m.histogramCounts()[MapBuckets.HISTOGRAM_LENGTH - 1]));
            v.put("distinct", Format.count(m.distinctHashes()));
            v.put("ratio", String.format(Locale.ROOT, "%.4f", m.distinctHashRatio()));
            v.put("longest", Format.count(m.longestChain()));
            v.put("probe", String.format(Locale.ROOT, "%.1f", m.averageProbe()));
            v.put("idealProbe", String.format(Locale.ROOT, "%.1f", BucketMath.idealAverageProbe(m.size(), m.capacity())));
        }

        private static void addDistributionEvidence(Evidence.Builder ev, MapBuckets m) {
            ev.metric("distinct-hash ratio", m.distinctHashRatio(), Unit.FRACTION)
                    .metric("longest chain", m.longestChain(), Unit.COUNT)
                    .metric("treeified bins", m.treeifiedBins(), Unit.COUNT)
                    .metric("average probe", m.averageProbe(), Unit.COUNT)
                    .metric("ideal average probe", BucketMath.idealAverageProbe(m.size(), m.capacity()), Unit.COUNT)
                    .metric("entries in buckets of 8+", BucketMath.entriesInCrowdedBuckets(m), Unit.COUNT)
                    .note("Probed table " + m.map() + " (" + m.kind() + ", keys " + m.keyClass() + "): "
                            + m.size() + " entries in " + m.capacity() + " buckets, occupancy 0..7,8+ = "
                            + m.histogram() + ".");
            int[] remixed = m.remixedCounts();
            if (remixed.length > 0) {
                ev.note(remixed[MapBuckets.HISTOGRAM_LENGTH - 1] > 0 ? MIXING_DOES_NOT_HELP : MIXING_HELPS);
            }
        }

        private Finding probedFinding(MapBuckets m) {
            Map<String, Object> v = new HashMap<>();
            putDistribution(v, m);
            String keyClass = m.keyClass().isEmpty() ? "the key class" : m.keyClass();
            v.put("keyClass", keyClass);
            v.put("keySimple", m.keyClass().isEmpty() ? "the key's" : BucketMath.simpleName(m.keyClass()));
            v.put("kind", m.kind());
            double excess = BucketMath.probeExcess(m);
            int score = (int) Math.max(INFO_FLOOR, Math.min(74, Math.round(INFO_FLOOR + 25 * Math.log10(excess))));
            Evidence.Builder ev = Evidence.builder();
            addDistributionEvidence(ev, m);
            return Finding.scored(ID, score, TITLE_PROBED.render(v), SUMMARY_PROBED.render(v), EXPLANATION_PROBED,
                    FIX_PROBED.render(v), ev.build());
        }

        private Finding finding(Key key, TreeSite site, int score, Set<String> explained) {
            MapOperation op = site.op;
            String kind = op.kind().displayName();
            int frame = op.callSiteFrame();
            String siteLabel = ctx.shortFrameLabel(frame);
            double share = (double) site.samples.count() / cpuSamples;
            Callbacks cb = callbacks.getOrDefault(key, new Callbacks(siteLabel));
            Map<Integer, Long> keyMethods = cb.inTree.isEmpty() ? cb.anywhere : cb.inTree;
            String keyClass = keyMethods.isEmpty() ? null : heaviestClass(keyMethods);
            boolean comparable = cb.anywhere.keySet().stream()
                    .anyMatch(m -> ctx.symbols().methodName(m).equals("compareTo"));

            Map<String, Object> v = new HashMap<>();
            v.put("kind", kind);
            v.put("site", siteLabel);
            v.put("callSite", ctx.frameLabel(frame));
            v.put("samples", Format.count(site.samples.count()));
            v.put("share", Format.percent(share));
            v.put("methods", topMethods(site.workMethods));
            StringBuilder summary = new StringBuilder(SUMMARY.render(v));
            Evidence.Builder ev = Evidence.builder();
            if (keyClass != null) {
                v.put("keyClass", keyClass);
                v.put("keySimple", simpleName(keyClass));
                v.put("callbacks", methodList(keyMethods));
                summary.append((cb.inTree.isEmpty() ? KEY_AT_SITE : KEY_IN_TREE).render(v));
                ev.note("Key class " + keyClass + " from the " + (cb.inTree.isEmpty() ? "callbacks at this call site"
                        : "callbacks inside the tree walk") + ": " + methodList(keyMethods) + ".");
            } else {
                summary.append(KEY_UNKNOWN.render(v));
                Map.Entry<Key, Callbacks> neighbour = neighbour(key);
                if (neighbour != null) {
                    String neighbourClass = heaviestClass(neighbour.getValue().anywhere);
                    summary.append(KEY_NEIGHBOUR.render(Map.of("otherSite", neighbour.getValue().label,
                            "callbacks", methodList(neighbour.getValue().anywhere),
                            "keySimple", simpleName(neighbourClass))));
                }
                v.put("keyClass", "the map's key class");
            }
            MapBuckets table = probedTable(keyClass, op);
            if (table != null) {
                explained.add(table.map());
                Map<String, Object> d = new HashMap<>();
                putDistribution(d, table);
                d.put("keySimple", keyClass != null ? simpleName(keyClass)
                        : table.keyClass().isEmpty() ? "the key's" : BucketMath.simpleName(table.keyClass()));
                summary.append(DISTRIBUTION.render(d));
                addDistributionEvidence(ev, table);
            }
            TreeBytes alloc = allocation.pick();
            long treeBytes = alloc.bySite.getOrDefault(key, 0L);
            if (treeBytes > 0) {
                summary.append(ALLOCATION.render(Map.of("treeBytes", Format.bytes(treeBytes),
                        "allocShare", Format.percent(alloc.share(treeBytes)))));
            }
            v.put("ordering", comparable ? ORDERED : UNORDERED);
            v.put("kindNote", op.implementation() == MapKind.CONCURRENT_HASH_MAP ? CHM_NOTE : "");
            v.put("comparable", comparable ? "" : FIX_COMPARABLE.render(v));

            ev.metric("tree-bin CPU samples", site.samples.count(), Unit.COUNT)
                    .metric("tree-bin CPU share", share, Unit.FRACTION)
                    .metric("all CPU samples", cpuSamples, Unit.COUNT)
                    .metric("tree-node bytes", treeBytes, Unit.BYTES)
                    .metric("tree-node byte share", alloc.share(treeBytes), Unit.FRACTION)
                    .callSite(site.samples.toCallSite(ctx, ctx.frameLabel(frame), kind,
                            op.operation().camelCase(), Unit.COUNT, share))
                    .window(new Evidence.TimeWindow(ctx.offsetSeconds(site.samples.firstNanos()),
                            ctx.offsetSeconds(site.samples.lastNanos()), "tree-bin work at " + siteLabel));
            String title = (keyClass != null ? TITLE_KNOWN : TITLE_UNKNOWN).render(v);
            return Finding.scored(ID, score, title, summary.toString(), EXPLANATION.render(v), FIX.render(v), ev.build());
        }

        /**
         * Another call site in the same class whose map calls back into a key class: a hint for a site whose
         * own stacks do not show one (the same class often uses one map at several lines).
         */
        private Map.Entry<Key, Callbacks> neighbour(Key key) {
            if (key.method() < 0) {
                return null;
            }
            String owner = ctx.symbols().methodClass(key.method());
            return callbacks.entrySet().stream()
                    .filter(en -> en.getKey().method() >= 0 && !en.getKey().equals(key)
                            && en.getKey().kind() == key.kind() && !en.getValue().anywhere.isEmpty()
                            && ctx.symbols().methodClass(en.getKey().method()).equals(owner))
                    .max(Comparator.<Map.Entry<Key, Callbacks>>comparingLong(en -> en.getValue().anywhere.values()
                                    .stream().mapToLong(Long::longValue).sum())
                            .thenComparing(en -> en.getValue().label, Comparator.reverseOrder()))
                    .orElse(null);
        }

        private String heaviestClass(Map<Integer, Long> methods) {
            Map<String, Long> byClass = new HashMap<>();
            methods.forEach((m, n) -> byClass.merge(ctx.symbols().methodClass(m), n, Long::sum));
            return byClass.entrySet().stream().max(Map.Entry.<String, Long>comparingByValue()
                    .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()))).orElseThrow().getKey();
        }

        /** "OrderKey.equals and OrderKey.hashCode", heaviest first. */
        private String methodList(Map<Integer, Long> methods) {
            return ranked(methods).stream().limit(3).map(this::simpleMethod)
                    .collect(Collectors.joining(" and "));
        }

        /** "ConcurrentHashMap$TreeNode.findTreeNode, ConcurrentHashMap$TreeBin.find", heaviest first. */
        private String topMethods(Map<Integer, Long> methods) {
            if (methods.isEmpty()) {
                return "tree bins";
            }
            return ranked(methods).stream().limit(2).map(this::simpleMethod)
                    .collect(Collectors.joining(", "));
        }

        /** {@code OrderKey.equals}: a method without its package. */
        private String simpleMethod(int method) {
            return simpleName(ctx.symbols().methodClass(method)) + "." + ctx.symbols().methodName(method);
        }

        private List<Integer> ranked(Map<Integer, Long> methods) {
            return methods.entrySet().stream().sorted(Map.Entry.<Integer, Long>comparingByValue().reversed()
                    .thenComparing(en -> ctx.symbols().methodLabel(en.getKey()))).map(Map.Entry::getKey).toList();
        }
    }

    /** {@code dev.hashscope.samples.OrderKey} to {@code OrderKey}. */
    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
