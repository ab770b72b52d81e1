package dev.hashscope.detect.rules;

import static dev.hashscope.detect.rules.LockEvidence.CHM_INNER_CLASS;
import static dev.hashscope.detect.rules.LockEvidence.RUNS_FUNCTION;
import static dev.hashscope.detect.rules.LockEvidence.aboveThreshold;
import static dev.hashscope.detect.rules.LockEvidence.addMonitors;
import static dev.hashscope.detect.rules.LockEvidence.argMax;
import static dev.hashscope.detect.rules.LockEvidence.callbackUserFrame;
import static dev.hashscope.detect.rules.LockEvidence.operationName;
import static dev.hashscope.detect.rules.LockEvidence.plural;
import static dev.hashscope.detect.rules.LockEvidence.putDurations;
import static dev.hashscope.detect.rules.LockEvidence.threadNames;
import static dev.hashscope.detect.rules.LockEvidence.threadNanos;
import static dev.hashscope.detect.rules.LockEvidence.thresholdNote;
import static dev.hashscope.detect.rules.LockEvidence.thresholdSentence;

import dev.hashscope.detect.Accumulator;
import dev.hashscope.detect.AnalysisContext;
import dev.hashscope.detect.Detector;
import dev.hashscope.detect.Evidence;
import dev.hashscope.detect.Finding;
import dev.hashscope.detect.IdTable;
import dev.hashscope.util.LongObjectMap;
import dev.hashscope.detect.IntLongMap;
import dev.hashscope.detect.Scores;
import dev.hashscope.detect.SiteAggregate;
import dev.hashscope.detect.Template;
import dev.hashscope.detect.Unit;
import dev.hashscope.detect.rules.LockEvidence.MonitorStalls;
import dev.hashscope.detect.rules.LockEvidence.MonitorStats;
import dev.hashscope.event.EventKind;
import dev.hashscope.event.ExecutionSample;
import dev.hashscope.event.MonitorBlocked;
import dev.hashscope.event.Symbols;
import dev.hashscope.mapop.MapKind;
import dev.hashscope.mapop.MapOperation;
import dev.hashscope.mapop.MapOperation.Callback;
import dev.hashscope.mapop.MapOperation.Operation;
import dev.hashscope.text.Format;
import dev.hashscope.summary.Capability;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Threads blocked on {@code ConcurrentHashMap} bin locks: {@code jdk.JavaMonitorEnter} on the map's inner
 * classes ({@code $Node}, the first node of a bin; {@code $TreeBin}, a treeified bin; {@code $ReservationNode},
 * the placeholder {@code computeIfAbsent}/{@code compute} lock while they run the function for an absent key).
 * Writers lock one bin, so these stalls mean many threads writing the same few bins. Per call site the
 * detector tells which of three causes it is:
 * <ul>
 *   <li>a mapping function running under the lock: most of the blocked time is on ReservationNodes, or the
 *       waiters were in a compute-type operation and most CPU samples of that site's map calls are in its
 *       function (for a {@code merge(k, 1L, Long::sum)} counter they are in the map's own code);</li>
 *   <li>treeified bins: most of the blocked time is on TreeBins, the sign of a poor hashCode;</li>
 *   <li>otherwise hot bins: many writers on the same keys (typically counters).</li>
 * </ul>
 *
 * <p>Cost share of a site: as in {@link MonitorContentionDetector}, its blocked time over the recording's
 * duration times the distinct threads seen in {@code jdk.JavaMonitorEnter} events (waiters and previous
 * owners).
 */
public final class BinContentionDetector implements Detector {
    public static final String ID = "map.bin-contention";

    /**
     * @param minCostShare       a call site is reported (INFO or WARNING) from this cost share on; default 0.01
     *                           (1% of the contending threads' time, score 25)
     * @param maxFindings        at most this many call sites are reported, costliest first; default 5
     * @param minFunctionSamples CPU samples of a compute-type operation's function at a site from which the
     *                           function counts as doing measurable work under the lock (if they are also at
     *                           least half of the site's samples in map code); default 2, since one sample
     *                           can be chance
     */
    public record Settings(double minCostShare, int maxFindings, int minFunctionSamples) {
        public static final Settings DEFAULTS = new Settings(0.01, 5, 2);

        public Settings {
            if (!(minCostShare > 0 && minCostShare < 1) || maxFindings < 1 || minFunctionSamples < 1) {
                throw new IllegalArgumentException("minCostShare in (0, 1), maxFindings and minFunctionSamples >= 1: "
                        + minCostShare + ", " + maxFindings + ", " + minFunctionSamples);
            }
        }
    }

    /** Which kind of bin head the waiters blocked on. */
    private enum Bin {
        NODE, TREE_BIN, RESERVATION_NODE, OTHER;

        static Bin of(String monitorClass) {
            return switch (monitorClass.substring(CHM_INNER_CLASS.length())) {
                case "Node" -> NODE;
                case "TreeBin" -> TREE_BIN;
                case "ReservationNode" -> RESERVATION_NODE;
                default -> OTHER;
            };
        }
    }

    private enum Cause {
        FUNCTION_UNDER_LOCK, TREE_BIN, HOT_BIN
    }

    /** Per site; ReservationNodes are new objects per reservation, so their addresses are unbounded. */
    private static final int MAX_TRACKED_BINS = 1024;

    private static final Template SUMMARY = Template.of(
            "{stalls} on ConcurrentHashMap bin locks at {site} in {operation} ({bins}), {total} blocked in all"
                    + " (p50 {p50}, p99 {p99}, max {max}) across {threads}: {costShare} of the"
                    + " contending threads' time and {shareOfBlocked} of all monitor blocking in the recording."
                    + "{thresholdSentence}");
    private static final Template EXPLAIN_FUNCTION = Template.of(
            "ConcurrentHashMap.{operation} runs its mapping function while it holds the bin's lock; for an absent"
                    + " key it first puts a ReservationNode in the bin and locks that. Every other thread that writes"
                    + " the same bin (computeIfAbsent, compute, merge, put or remove of that key, or of another key"
                    + " hashing to the bin) blocks until the function returns, and get only sees the miss. {functionEvidence}"
                    + " Here {threads} waited {times} with a median of {p50}, about how long each"
                    + " holder kept the bin: the waiting is the function's run time, paid again by every waiter.");
    private static final Template FUNCTION_SEEN = Template.of(
            "CPU samples catch {function} running inside that {operation} call {samples}, i.e. under the bin lock.");
    private static final String FUNCTION_UNSEEN =
            "No CPU sample caught the function running, so it spends its time waiting (I/O, sleep, a lock, a remote"
                    + " call) and holds the bin just as long without using CPU.";
    private static final Template FIX_FUNCTION = Template.of(
            "At {site}, take {function} out of the bin lock: look the key up with get and on a miss compute the"
                    + " value outside the map, then store it with putIfAbsent (accepting a rare duplicate computation),"
                    + " or keep a ConcurrentHashMap<K, CompletableFuture<V>> so that computeIfAbsent only installs the"
                    + " future and the slow work completes outside the lock. A cache library does the same with async"
                    + " loading (Caffeine's AsyncLoadingCache; its synchronous get(key, loader) also runs the loader"
                    + " under the bin lock). What stays inside computeIfAbsent or compute must be short and must never"
                    + " block or touch the same map.");
    private static final Template EXPLAIN_WAITS_ON_FUNCTION = Template.of(
            "The waiters were in ConcurrentHashMap.{operation}, which runs no function of its own: they blocked on"
                    + " ReservationNodes, i.e. behind a computeIfAbsent or compute that was running its mapping"
                    + " function for an absent key in the same bin, holding the bin's lock meanwhile{holder}. Here"
                    + " {threads} waited {times} with a median of {p50}.");
    private static final Template HOLDER = Template.of(
            " (CPU samples catch {function} running under {holderOperation} at {holderSite})");
    private static final Template FIX_WAITS_ON_FUNCTION = Template.of(
            "The change belongs where the function runs{holderAt}, not at {site}: compute the value outside the map"
                    + " and store it with putIfAbsent, or keep CompletableFuture values so that only installing the"
                    + " future happens under the bin lock. The function must be short and must never block.");
    private static final Template EXPLAIN_TREE_BIN = Template.of(
            "The contended bins are TreeBins: ConcurrentHashMap turns a bin into a red-black tree once 8 keys"
                    + " share it, which at scale happens only when the key class's hashCode gives few distinct values."
                    + " A writer locks the whole TreeBin, and its tree walk among colliding keys is slow (compareTo, or"
                    + " a scan of the tree when the keys are not Comparable), so the lock is held long and every writer"
                    + " of any colliding key queues: {threads} waited {times} at {site}, {total}, the"
                    + " hottest bin {hotTimes}. Writers also wait for readers in the tree (jdk.ThreadPark in"
                    + " TreeBin.contendedLock, see map.lock-park); map.poor-hash shows the hash distribution.");
    private static final Template FIX_TREE_BIN = Template.of(
            "Fix the hashCode of the key class used at {site} so that distinct keys give distinct hashes (hash all"
                    + " the fields equals compares, e.g. with Objects.hash, or make the key a record); each bin then"
                    + " holds a key or two and its lock is held for nanoseconds. Until then, a Comparable key at least"
                    + " keeps each tree walk at O(log n).");
    private static final Template EXPLAIN_HOT_BIN = Template.of(
            "A ConcurrentHashMap write (put, merge, compute, remove) locks the first node of the key's bin, so"
                    + " threads that write the same key, or keys of the same bin, queue for each other: {threads}"
                    + " waited {times} at {site}, {total}, the hottest bin {hotTimes}. Reads take no"
                    + " lock; the cost is concentrated writing.");
    private static final Template FIX_HOT_BIN = Template.of(
            "At {site}, spread the writes. If the values are counters, store LongAdder values and call"
                    + " map.computeIfAbsent(key, k -> new LongAdder()).increment(), which takes no bin lock once the key"
                    + " exists; otherwise shard the hot key (key plus a stripe number) or batch updates per thread and"
                    + " apply them together. If distinct keys collide because the table is small, a larger"
                    + " initialCapacity spreads them over more bins.");
    private static final Template OK_NONE = Template.of(
            "{stalls} in the recording, none on a ConcurrentHashMap bin.{thresholdSentence}");
    private static final Template OK_SMALL = Template.of(
            "ConcurrentHashMap bin locks cost {blocked} in {stalls}, {costShare} of the contending threads'"
                    + " time, below the {minShare} worth reporting.{thresholdSentence}");

    private final Settings settings;

    public BinContentionDetector() {
        this(Settings.DEFAULTS);
    }

    public BinContentionDetector(Settings settings) {
        this.settings = settings;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "ConcurrentHashMap bin-lock contention";
    }

    @Override
    public List<Capability> requirements() {
        return List.of(Capability.MONITOR_ENTER);
    }

    @Override
    public Accumulator newAccumulator(AnalysisContext context) {
        return new Acc(context, settings);
    }

    private static final class Site {
        final SiteAggregate aggregate = new SiteAggregate();
        final long[] nanosByOperation = new long[Operation.values().length];
        final long[] nanosByBin = new long[Bin.values().length];
        final Map<Long, MonitorStats> bins = new HashMap<>();
        /** The same stats by address without boxing, for the per-event lookup. */
        private final LongObjectMap<MonitorStats> binIndex = new LongObjectMap<>();
        final BitSet owners = new BitSet();
        int frame;

        Site(int frame) {
            this.frame = frame;
        }

        void addBin(long address, int monitorClass, long nanos) {
            MonitorStats b = binIndex.get(address);
            if (b == null && bins.size() < MAX_TRACKED_BINS) {
                b = new MonitorStats(monitorClass);
                bins.put(address, b);
                binIndex.put(address, b);
            }
            if (b != null) {
                b.add(nanos);
            }
        }

        void merge(Site o) {
            aggregate.merge(o.aggregate);
            for (int i = 0; i < nanosByOperation.length; i++) {
                nanosByOperation[i] += o.nanosByOperation[i];
            }
            for (int i = 0; i < nanosByBin.length; i++) {
                nanosByBin[i] += o.nanosByBin[i];
            }
            o.bins.forEach((address, b) -> {
                MonitorStats mine = bins.get(address);
                if (mine != null) {
                    mine.merge(b);
                } else if (bins.size() < MAX_TRACKED_BINS) {
                    bins.put(address, b);
                    binIndex.put(address, b);
                }
            });
            owners.or(o.owners);
            frame = Math.max(frame, o.frame);
        }

        Operation operation() {
            return Operation.values()[argMax(nanosByOperation, Operation.OTHER.ordinal())];
        }

        /** The bin with the most stalls, then the most time; ties to the lower address. */
        MonitorStats hottest() {
            return bins.entrySet().stream()
                    .min(Map.Entry.<Long, MonitorStats>comparingByValue(Comparator.comparingLong((MonitorStats b) -> b.count)
                            .thenComparingLong(b -> b.total).reversed()).thenComparing(Map.Entry.comparingByKey()))
                    .map(Map.Entry::getValue).orElse(null);
        }
    }

    /** CPU samples of one call site's ConcurrentHashMap calls, and of the functions compute-type calls ran. */
    private static final class Functions {
        final IntLongMap samplesByMethod = new IntLongMap();
        final long[] samplesByOperation = new long[Operation.values().length];
        long mapSamples;
        long samples;
        /** A frame of the call site, for its label (the larger id, as for {@link Site#frame}). */
        int site;

        Functions(int site) {
            this.site = site;
        }

        void merge(Functions o) {
            mapSamples += o.mapSamples;
            samples += o.samples;
            samplesByMethod.addAll(o.samplesByMethod);
            for (int i = 0; i < samplesByOperation.length; i++) {
                samplesByOperation[i] += o.samplesByOperation[i];
            }
            site = Math.max(site, o.site);
        }

        /** The compute-type operation whose function was sampled most. */
        Operation operation() {
            return Operation.values()[argMax(samplesByOperation, 0)];
        }

        /** The method with the most samples; ties go to the lower id, so the choice does not depend on hash order. */
        int topMethod() {
            long[] best = {Symbols.NONE, 0};
            samplesByMethod.forEach((method, samples) -> {
                if (samples > best[1] || (samples == best[1] && method < best[0])) {
                    best[0] = method;
                    best[1] = samples;
                }
            });
            return (int) best[0];
        }
    }

    /** Sites are a method and line: a frame id also carries how the frame ran (JIT, interpreted), which differs. */
    private record SiteKey(int method, int line) {
    }

    private static final class Acc implements Accumulator {
        private final AnalysisContext ctx;
        private final Settings settings;
        private final Map<SiteKey, Site> sites = new HashMap<>();
        private final Map<SiteKey, Functions> functions = new HashMap<>();
        private final MonitorStalls all = new MonitorStalls();
        /** Per class-name id: its bin class, null for monitors that are no ConcurrentHashMap bin. */
        private final IdTable<Object> binByClass = new IdTable<>();
        private static final Object NOT_A_BIN = new Object();
        /** Per stack id: the site its stalls count to (it depends on the stack alone). */
        private final IdTable<Site> siteByStack = new IdTable<>();
        /** Per stack id: the call site's CPU tally, or {@link #NO_FUNCTIONS} outside ConcurrentHashMap calls. */
        private final IdTable<Functions> functionsByStack = new IdTable<>();
        /** Per stack id: the method of the function its compute-type call ran, or NONE_YET / NO_FUNCTION. */
        private int[] functionByStack = new int[0];
        private static final int NONE_YET = 0;
        private static final int NO_FUNCTION = 1;
        private static final Functions NO_FUNCTIONS = new Functions(Symbols.NONE);

        Acc(AnalysisContext ctx, Settings settings) {
            this.ctx = ctx;
            this.settings = settings;
        }

        private Bin bin(int monitorClass) {
            if (monitorClass < 0) {
                return null;
            }
            Object b = binByClass.get(monitorClass);
            if (b == null) {
                String name = ctx.symbols().stringAt(monitorClass);
                b = name.startsWith(CHM_INNER_CLASS) ? Bin.of(name) : NOT_A_BIN;
                binByClass.put(monitorClass, b);
            }
            return b == NOT_A_BIN ? null : (Bin) b;
        }

        @Override
        public Set<EventKind> kinds() {
            return EnumSet.of(EventKind.MONITOR_BLOCKED, EventKind.EXECUTION_SAMPLE);
        }

        @Override
        public void monitorBlocked(MonitorBlocked e) {
            all.add(e);
            Bin bin = bin(e.monitorClass());
            if (bin == null) {
                return;
            }
            MapOperation op = ctx.mapOperation(e.stack());
            Site site = siteByStack.get(e.stack());
            if (site == null) {
                int frame = op == null ? Symbols.NONE : op.callSiteFrame();
                site = sites.computeIfAbsent(key(frame), k -> new Site(frame));
                site.frame = Math.max(site.frame, frame);
                siteByStack.put(e.stack(), site);
            }
            site.aggregate.add(e.stack(), e.durationNanos(), e.thread(), e.startNanos(), true);
            site.nanosByOperation[(op == null ? Operation.OTHER : op.operation()).ordinal()] += e.durationNanos();
            site.nanosByBin[bin.ordinal()] += e.durationNanos();
            site.addBin(e.address(), e.monitorClass(), e.durationNanos());
            if (e.previousOwner() >= 0) {
                site.owners.set(e.previousOwner());
            }
        }

        /** Counts samples in a ConcurrentHashMap call, and whether its mapping function was running. */
        @Override
        public void executionSample(ExecutionSample e) {
            int stack = e.stack();
            if (stack < 0) {
                return; // no stack, no map operation
            }
            Functions f = functionsByStack.get(stack);
            if (f == null) {
                f = functionsOf(stack);
                functionsByStack.put(stack, f);
            }
            if (f == NO_FUNCTIONS) {
                return;
            }
            f.mapSamples++;
            int function = function(stack);
            if (function != NO_FUNCTION) {
                MapOperation op = chmOperation(stack);
                f.samples++;
                f.samplesByOperation[op.operation().ordinal()]++;
                f.samplesByMethod.add(function - 2, 1);
            }
        }

        /** The innermost ConcurrentHashMap operation of the stack, or null. */
        private MapOperation chmOperation(int stack) {
            MapOperation op = ctx.mapOperation(stack);
            while (op != null && op.implementation() != MapKind.CONCURRENT_HASH_MAP) {
                op = op.enclosing(); // e.g. a HashMap used inside a computeIfAbsent loader
            }
            return op;
        }

        private Functions functionsOf(int stack) {
            MapOperation op = chmOperation(stack);
            if (op == null || op.callSiteFrame() == Symbols.NONE) {
                return NO_FUNCTIONS;
            }
            int siteFrame = op.callSiteFrame();
            Functions f = functions.computeIfAbsent(key(siteFrame), k -> new Functions(siteFrame));
            f.site = Math.max(f.site, siteFrame);
            return f;
        }

        /** The method (+ 2) of the function a compute-type call on this stack ran, or {@link #NO_FUNCTION}. */
        private int function(int stack) {
            if (stack >= functionByStack.length) {
                functionByStack = Arrays.copyOf(functionByStack, Math.max(stack + 1, Math.max(64, functionByStack.length * 2)));
            }
            if (functionByStack[stack] == NONE_YET) {
                MapOperation op = chmOperation(stack);
                functionByStack[stack] = op.callback() == Callback.FUNCTION && RUNS_FUNCTION.contains(op.operation())
                        ? ctx.symbols().frameMethod(callbackUserFrame(ctx, stack, op.callbackFrame())) + 2
                        : NO_FUNCTION;
            }
            return functionByStack[stack];
        }

        private SiteKey key(int frame) {
            return frame < 0 ? new SiteKey(Symbols.NONE, -1)
                    : new SiteKey(ctx.symbols().frameMethod(frame), ctx.symbols().frameLine(frame));
        }

        @Override
        public void merge(Accumulator other) {
            Acc o = (Acc) other;
            all.merge(o.all);
            o.sites.forEach((k, s) -> sites.merge(k, s, (a, b) -> {
                a.merge(b);
                return a;
            }));
            o.functions.forEach((k, f) -> functions.merge(k, f, (a, b) -> {
                a.merge(b);
                return a;
            }));
        }

        @Override
        public List<Finding> findings() {
            List<Map.Entry<SiteKey, Site>> ranked = new ArrayList<>(sites.entrySet());
            ranked.sort(Comparator.comparingLong((Map.Entry<SiteKey, Site> en) -> en.getValue().aggregate.weight())
                    .reversed().thenComparing(en -> ctx.frameLabel(en.getValue().frame)));
            double threadNanos = threadNanos(ctx, all.contenders);
            List<Finding> out = new ArrayList<>();
            long binBlocked = 0;
            long binEvents = 0;
            for (Map.Entry<SiteKey, Site> en : ranked) {
                Site s = en.getValue();
                binBlocked += s.aggregate.weight();
                binEvents += s.aggregate.count();
                double costShare = s.aggregate.weight() / threadNanos;
                if (costShare >= settings.minCostShare() && out.size() < settings.maxFindings()) {
                    out.add(finding(s, functions.get(en.getKey()), costShare));
                }
            }
            if (out.isEmpty()) {
                out.add(ok(binBlocked, binEvents, binBlocked / threadNanos, ranked));
            }
            return out;
        }

        /** The call site whose mapping functions CPU samples caught most, or null. */
        private Functions busiestFunction() {
            return functions.values().stream().filter(f -> f.samples > 0)
                    .max(Comparator.comparingLong((Functions f) -> f.samples)
                            .thenComparing(f -> ctx.frameLabel(f.site), Comparator.reverseOrder()))
                    .orElse(null);
        }

        private Map<String, Object> holderValues(Functions f) {
            return Map.of("function", ctx.symbols().methodLabel(f.topMethod()), "holderOperation",
                    operationName(f.operation()), "holderSite", ctx.frameLabel(f.site));
        }

        private Cause cause(Site s, Functions f) {
            long total = s.aggregate.weight();
            if (2 * s.nanosByBin[Bin.RESERVATION_NODE.ordinal()] >= total) {
                return Cause.FUNCTION_UNDER_LOCK;
            }
            if (2 * s.nanosByBin[Bin.TREE_BIN.ordinal()] >= total) {
                return Cause.TREE_BIN;
            }
            boolean functionWorks = f != null && f.samples >= settings.minFunctionSamples()
                    && 2 * f.samples >= f.mapSamples;
            return functionWorks && RUNS_FUNCTION.contains(s.operation()) ? Cause.FUNCTION_UNDER_LOCK : Cause.HOT_BIN;
        }

        private Finding finding(Site s, Functions f, double costShare) {
            SiteAggregate a = s.aggregate;
            Cause cause = cause(s, f);
            String site = ctx.frameLabel(s.frame);
            String operation = operationName(s.operation());
            double shareOfBlocked = all.share(a.weight());
            MonitorStats hottest = s.hottest();
            Map<String, Object> v = new HashMap<>();
            v.put("site", site);
            v.put("operation", operation);
            v.put("bins", binMix(s));
            v.put("stalls", plural(a.count(), "stall"));
            v.put("times", plural(a.count(), "time"));
            putDurations(v, a);
            v.put("costShare", Format.percent(costShare));
            v.put("shareOfBlocked", Format.percent(shareOfBlocked));
            v.put("hotTimes", plural(hottest == null ? 0 : hottest.count, "time"));
            String thresholdNote = thresholdNote(ctx, "jdk.JavaMonitorEnter");
            v.put("thresholdSentence", thresholdSentence(thresholdNote));
            int function = f == null || f.samples == 0 ? Symbols.NONE : f.topMethod();
            v.put("function", function < 0 ? "the mapping function" : ctx.symbols().methodLabel(function));
            v.put("samples", plural(f == null ? 0 : f.samples, "time"));

            String where = ctx.shortFrameLabel(s.frame);
            String title;
            String explanation;
            String fix;
            switch (cause) {
                case FUNCTION_UNDER_LOCK -> {
                    if (!RUNS_FUNCTION.contains(s.operation())) {
                        Functions holder = busiestFunction();
                        title = "ConcurrentHashMap." + operation + " waits for a mapping function holding the bin at "
                                + where;
                        v.put("holder", holder == null ? "" : HOLDER.render(holderValues(holder)));
                        v.put("holderAt", holder == null ? "" : " (" + ctx.frameLabel(holder.site) + ")");
                        explanation = EXPLAIN_WAITS_ON_FUNCTION.render(v);
                        fix = FIX_WAITS_ON_FUNCTION.render(v);
                    } else {
                        title = "ConcurrentHashMap." + operation + " holds bin locks while its function runs at " + where;
                        v.put("functionEvidence", function < 0 ? FUNCTION_UNSEEN : FUNCTION_SEEN.render(v));
                        explanation = EXPLAIN_FUNCTION.render(v);
                        fix = FIX_FUNCTION.render(v);
                    }
                }
                case TREE_BIN -> {
                    title = "ConcurrentHashMap TreeBin contention at " + where;
                    explanation = EXPLAIN_TREE_BIN.render(v);
                    fix = FIX_TREE_BIN.render(v);
                }
                default -> {
                    title = "ConcurrentHashMap hot-bin contention at " + where;
                    explanation = EXPLAIN_HOT_BIN.render(v);
                    fix = FIX_HOT_BIN.render(v);
                }
            }

            Evidence.Builder ev = Evidence.builder()
                    .metric("blocked total", a.weight(), Unit.NANOS)
                    .metric("stalls", a.count(), Unit.COUNT)
                    .metric("cost share (of contending threads' time)", costShare, Unit.FRACTION)
                    .metric("share of all monitor blocking", shareOfBlocked, Unit.FRACTION)
                    .metric("contending threads", all.contenders.cardinality(), Unit.COUNT)
                    .metric("all monitor blocking", all.blockedNanos, Unit.NANOS);
            for (Bin b : Bin.values()) {
                if (s.nanosByBin[b.ordinal()] > 0) {
                    ev.metric("blocked on " + binClass(b), s.nanosByBin[b.ordinal()], Unit.NANOS);
                }
            }
            if (f != null) {
                ev.metric("CPU samples in map code at this site", f.mapSamples, Unit.COUNT)
                        .metric("CPU samples in the mapping function", f.samples, Unit.COUNT);
            }
            ev.metric("distinct bin locks", s.bins.size(), Unit.COUNT)
                    .callSite(a.toCallSite(ctx, site, MapKind.CONCURRENT_HASH_MAP.displayName(), s.operation().name(),
                            Unit.NANOS, shareOfBlocked));
            addMonitors(ctx, ev, s.bins);
            ev.window(new Evidence.TimeWindow(ctx.offsetSeconds(a.firstNanos()), ctx.offsetSeconds(a.lastNanos()),
                    "bin-lock stalls at " + where));
            if (s.nanosByBin[Bin.RESERVATION_NODE.ordinal()] > 0) {
                ev.note("Stalls on ReservationNode: computeIfAbsent or compute was running the function for a key"
                        + " that was absent, so the bin held only the reservation.");
            }
            if (cause != Cause.TREE_BIN && s.nanosByBin[Bin.TREE_BIN.ordinal()] > 0) {
                ev.note("Some stalls were on TreeBins, i.e. treeified bins: see map.poor-hash for the key's hashCode.");
            }
            if (!s.owners.isEmpty()) {
                ev.note("Previous owners of the bin locks: " + threadNames(ctx, s.owners) + ".");
            }
            if (thresholdNote != null) {
                ev.note(thresholdNote);
            }
            return Finding.scored(ID, Scores.fromCostShare(costShare), title, SUMMARY.render(v), explanation, fix,
                    ev.build());
        }

        private Finding ok(long binBlocked, long binEvents, double costShare, List<Map.Entry<SiteKey, Site>> ranked) {
            String thresholdNote = thresholdNote(ctx, "jdk.JavaMonitorEnter");
            Map<String, Object> v = new HashMap<>();
            v.put("thresholdSentence", thresholdSentence(thresholdNote));
            v.put("minShare", Format.percent(settings.minCostShare()));
            String summary;
            if (binEvents == 0) {
                v.put("stalls", plural(all.events, "monitor stall"));
                summary = OK_NONE.render(v);
            } else {
                v.put("stalls", plural(binEvents, "stall"));
                v.put("blocked", Format.nanos(binBlocked));
                v.put("costShare", Format.percent(costShare));
                summary = OK_SMALL.render(v);
            }
            Evidence.Builder ev = Evidence.builder()
                    .metric("bin-lock blocking", binBlocked, Unit.NANOS)
                    .metric("all monitor blocking", all.blockedNanos, Unit.NANOS)
                    .metric("monitor stalls", all.events, Unit.COUNT);
            for (Map.Entry<SiteKey, Site> en : ranked.subList(0, Math.min(ranked.size(), settings.maxFindings()))) {
                Site s = en.getValue();
                ev.callSite(s.aggregate.toCallSite(ctx, ctx.frameLabel(s.frame), MapKind.CONCURRENT_HASH_MAP.displayName(),
                        s.operation().name(), Unit.NANOS, all.share(s.aggregate.weight())));
            }
            if (thresholdNote != null) {
                ev.note(thresholdNote);
            }
            return Finding.ok(ID, "No ConcurrentHashMap bin-lock contention" + aboveThreshold(ctx, "jdk.JavaMonitorEnter"),
                    summary, ev.build());
        }

        /** "all on ReservationNode", "TreeBin 92.0%, Node 8.0%": which bin heads the time was spent on. */
        private static String binMix(Site s) {
            long total = Math.max(1, s.aggregate.weight());
            Bin[] bins = Bin.values().clone();
            Arrays.sort(bins, Comparator.comparingLong((Bin b) -> s.nanosByBin[b.ordinal()]).reversed());
            if (s.nanosByBin[bins[0].ordinal()] == s.aggregate.weight()) {
                return "all on " + binClass(bins[0]);
            }
            List<String> parts = new ArrayList<>();
            for (Bin b : bins) {
                if (s.nanosByBin[b.ordinal()] > 0) {
                    parts.add(binClass(b) + " " + Format.percent((double) s.nanosByBin[b.ordinal()] / total));
                }
            }
            return String.join(", ", parts);
        }

        private static String binClass(Bin b) {
            return switch (b) {
                case NODE -> "Node";
                case TREE_BIN -> "TreeBin";
                case RESERVATION_NODE -> "ReservationNode";
                case OTHER -> "other ConcurrentHashMap classes";
            };
        }
    }
}
