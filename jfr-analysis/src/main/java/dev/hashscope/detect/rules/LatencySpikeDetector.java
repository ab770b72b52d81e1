package dev.hashscope.detect.rules;

import dev.hashscope.detect.Accumulator;
import dev.hashscope.detect.AnalysisContext;
import dev.hashscope.detect.Detector;
import dev.hashscope.detect.Evidence;
import dev.hashscope.detect.Finding;
import dev.hashscope.detect.IdFlags;
import dev.hashscope.util.LongObjectMap;
import dev.hashscope.detect.Scores;
import dev.hashscope.detect.SiteAggregate;
import dev.hashscope.detect.Template;
import dev.hashscope.detect.Unit;
import dev.hashscope.detect.rules.TimeWindows.Baseline;
import dev.hashscope.detect.rules.TimeWindows.Run;
import dev.hashscope.detect.rules.TimeWindows.Series;
import dev.hashscope.detect.rules.TimeWindows.TopKeys;
import dev.hashscope.event.EventKind;
import dev.hashscope.event.GcPause;
import dev.hashscope.event.GcPhasePause;
import dev.hashscope.event.MonitorBlocked;
import dev.hashscope.event.RecordingLayout;
import dev.hashscope.event.Symbols;
import dev.hashscope.event.ThreadPark;
import dev.hashscope.mapop.MapKind;
import dev.hashscope.mapop.MapOperation;
import dev.hashscope.mapop.MapOperation.Operation;
import dev.hashscope.text.Format;
import dev.hashscope.summary.Capability;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The windows in which threads were held up far more than usual, and what held them up: the table behind
 * a P99 spike.
 *
 * <p>Stalled time per fixed window is GC pause time plus the thread time spent blocked on monitors
 * ({@code jdk.JavaMonitorEnter}) and parked on locks ({@code jdk.ThreadPark}, see
 * {@link TimeWindows#holdsUp}), each event spread over the windows it overlaps. A pause counts once, as
 * wall time, not once per stopped thread: the recording does not say how many threads were runnable, and
 * a pause adds its length to each request in flight just as a monitor wait adds its length to the one
 * request whose thread waits. A window is part of a spike when its stalled time exceeds the median window
 * by {@code k} MAD-estimated standard deviations, is at least {@code minRatio} times the median and at
 * least {@code minStalledFraction} of the window; adjacent spike windows are one spike. A steadily stalled
 * recording (a lock contended all the time) has no spikes: its average cost is the business of the
 * contention detectors, and the no-spike finding still gives the breakdown.
 *
 * <p>Causes: GC pause; map monitor (the monitor is a map, such as {@code Hashtable} or
 * {@code Collections$SynchronizedMap}, or the wait is in a map's own code, and it is not a
 * {@code ConcurrentHashMap}); ConcurrentHashMap bin (a {@code ConcurrentHashMap$*} monitor, or a wait in its
 * code, such as a {@code TreeBin} park); lock park (other parks on locks); other monitor. A wait inside
 * code the map called back into (a mapping function, a key's {@code hashCode}) is that code's lock, not
 * the map's. Each cause's top call site in the spikes is kept with its stack: for map causes the map
 * operation's call site, for other monitors the method holding the {@code synchronized} block, for parks
 * the first frame below the lock classes.
 *
 * <p>Memory per window of the recording: one counter per cause and four (site, nanoseconds, waits) slots
 * per cause ({@link TimeWindows.TopKeys}); per distinct site one {@link SiteAggregate}. Nothing grows with
 * the number of events.
 *
 * <p>Cost: the map-caused (map monitor and bin) stalled thread time inside spike windows beyond each
 * cause's median window, over the recording's duration: how many threads, on average, map locks held up
 * in spikes on top of the usual. Only the excess, since a GC spike in a recording with steady map
 * contention also holds that window's usual contention, which did not make the spike. Spikes from GC or
 * other locks are shown but not scored: this is a map profiler, and alloc.jitter scores the pauses that
 * map allocation bursts bring. The per-cause table shows all stalled time in spikes, as a P99
 * attribution does.
 */
public final class LatencySpikeDetector implements Detector {
    public static final String ID = "latency.spikes";
    private static final String TITLE = "Latency spike attribution";
    /**
     * The framework's requirements are all-of and a capability's events any-of: the detector applies when
     * the recording has any one kind of stall, so it asks for one capability listing them all.
     */
    static final Capability STALLS = new Capability("Latency spikes (pauses or blocking)",
            List.of("jdk.GarbageCollection", "jdk.GCPhasePause", "jdk.JavaMonitorEnter", "jdk.ThreadPark"),
            "enable jdk.GarbageCollection (on in 'default' and 'profile'), and jdk.JavaMonitorEnter and "
                    + "jdk.ThreadPark with a low threshold: settings=hashscope.jfc (100 us)");
    /** Sites kept per window and cause: the top site per cause is all the table shows. */
    private static final int SITES_PER_WINDOW = 4;

    /** What held threads up. */
    enum Cause {
        GC_PAUSE("GC pause", false),
        MAP_MONITOR("map monitor", true),
        CHM_BIN("ConcurrentHashMap bin", true),
        LOCK_PARK("lock park", false),
        OTHER_MONITOR("other monitor", false);

        final String label;
        final boolean map;

        Cause(String label, boolean map) {
            this.label = label;
            this.map = map;
        }
    }

    private static final Template TITLE_AT = Template.of("Latency spikes mostly from {cause} at {site}");
    private static final Template TITLE_GC = Template.of("Latency spikes mostly from GC pauses ({collector})");
    private static final Template SUMMARY = Template.of(
            "{count} over {windows} of {window} (a spike window has more than {threshold} stalled, "
                    + "the median window {median}) held {spikeStalled} of the recording's {stalled} stalled time: "
                    + "{breakdown}. Worst at t={worst} s: {worstLabel}.");
    private static final Template NO_SPIKES = Template.of(
            "No latency spikes in {window} windows: the median window had {median} stalled (MAD {mad}) and "
                    + "the worst {max}, below the {threshold} a spike needs. Over the recording: {breakdown}.");
    private static final Template CAUSE_SHARE = Template.of("{cause} {share}{where}");
    private static final Template WINDOW_LABEL = Template.of("{stalled} stalled: {causes}");
    private static final Template EXPLANATION = Template.of(
            "A spike is a window of {window} in which threads were held up far more than in a usual one: a "
                    + "stop-the-world pause stops every thread for its whole length, a contended monitor or "
                    + "lock stops each thread that waits for it. A request in flight during a spike takes "
                    + "that wait on top of its own work, which is what the 99th percentile and the maximum "
                    + "latency show. The breakdown is of the stalled time inside spikes only, so it names "
                    + "what to remove to cut the tail, not what costs most on average.");
    private static final Template FIX_MAP_MONITOR = Template.of(
            "Replace the {kind} locked at {site} with a ConcurrentHashMap, or keep per-thread state and "
                    + "merge it, so that threads stop queueing on one monitor; see map.monitor-contention.");
    private static final Template FIX_CHM_BIN = Template.of(
            "Take the slow work out of {operation} at {site}: compute the value before calling the map, or "
                    + "store a future so that the bin is locked only to publish it; see map.bin-contention.");
    private static final Template FIX_GC = Template.of(
            "The spikes are stop-the-world pauses ({collector}): find what allocates in bursts before them "
                    + "(alloc.jitter names map-driven bursts) and give the young generation room for it.");
    private static final Template FIX_PARK = Template.of(
            "Threads queued on a java.util.concurrent lock at {site}: hold it for less time or split it; "
                    + "see map.lock-park where it guards a map.");
    private static final Template FIX_OTHER = Template.of(
            "Threads queued on a monitor at {site}, which is not a map's: hold it for less time or split it.");

    private final Settings settings;

    public LatencySpikeDetector() {
        this(Settings.DEFAULTS);
    }

    public LatencySpikeDetector(Settings settings) {
        this.settings = settings;
    }

    /**
     * @param windowNanos        window width (default 100 ms)
     * @param k                  a spike window's stalled time exceeds the median window by this many
     *                           MAD-estimated standard deviations (default 5)
     * @param minRatio           and is at least this multiple of the median window (default 2)
     * @param minStalledFraction and at least this fraction of the window's length, so that a recording
     *                           that hardly ever stalls does not flag its one short pause (default 0.2)
     * @param maxSpikes          spikes listed in the finding, worst first (default 5)
     */
    public record Settings(long windowNanos, double k, double minRatio, double minStalledFraction, int maxSpikes) {
        public static final Settings DEFAULTS = new Settings(100_000_000L, 5, 2, 0.2, 5);

        public Settings {
            if (windowNanos <= 0 || k < 0 || minRatio < 0 || minStalledFraction < 0 || maxSpikes < 1) {
                throw new IllegalArgumentException("invalid settings " + this);
            }
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return TITLE;
    }

    @Override
    public List<Capability> requirements() {
        return List.of(STALLS);
    }

    @Override
    public Accumulator newAccumulator(AnalysisContext context) {
        return new Acc(settings, context);
    }

    private static final class Acc implements Accumulator {
        private static final Cause[] CAUSES = Cause.values();
        private final Settings settings;
        private final AnalysisContext ctx;
        private TimeWindows windows;
        private final TimeWindows.GcPauses gc = new TimeWindows.GcPauses();
        /** Stalled thread-nanoseconds per window, per cause other than GC (indexed by ordinal). */
        private final Series[] stalled = new Series[CAUSES.length];
        private final TopKeys[] sites = new TopKeys[CAUSES.length];
        /** Stacks, threads and durations per site key, for the whole recording. */
        private final LongObjectMap<SiteAggregate> stacks = new LongObjectMap<>();
        private final IdFlags lockBlockers;
        /** Per stack id: {@link #parkSite} + 2 (0 = not yet worked out), a walk over the frames' class names. */
        private int[] parkSiteByStack = new int[0];
        /** Reused for every stall, so spreading one over its windows allocates nothing. */
        private final Stall stall = new Stall();

        Acc(Settings settings, AnalysisContext ctx) {
            this.settings = settings;
            this.ctx = ctx;
            this.lockBlockers = TimeWindows.lockBlockers(ctx);
            for (Cause c : CAUSES) {
                stalled[c.ordinal()] = new Series();
                sites[c.ordinal()] = new TopKeys(SITES_PER_WINDOW);
            }
        }

        @Override
        public Set<EventKind> kinds() {
            return EnumSet.of(EventKind.GC_PAUSE, EventKind.GC_PHASE_PAUSE, EventKind.MONITOR_BLOCKED,
                    EventKind.THREAD_PARK);
        }

        @Override
        public void begin(RecordingLayout layout, Symbols symbols) {
            windows = new TimeWindows(ctx.analysedStartNanos(), ctx.analysedDurationNanos(), settings.windowNanos());
        }

        @Override
        public void gcPause(GcPause e) {
            gc.collection(windows, e);
        }

        @Override
        public void gcPhasePause(GcPhasePause e) {
            gc.phase(windows, e);
        }

        @Override
        public void monitorBlocked(MonitorBlocked e) {
            MapKind monitorKind = ctx.mapKindOfClass(e.monitorClass());
            MapOperation op = ctx.mapOperation(e.stack());
            // A wait inside a map operation's callback is the caller's lock, not the map's.
            MapOperation own = op != null && op.callback() == MapOperation.Callback.NONE ? op : null;
            MapKind kind = monitorKind != null ? monitorKind : own != null ? own.implementation() : null;
            if (kind == null) {
                int top = ctx.symbols().topFrame(e.stack());
                record(Cause.OTHER_MONITOR, key(Cause.OTHER_MONITOR, top, null, null), e.stack(), e.thread(),
                        e.startNanos(), e.durationNanos());
                return;
            }
            Cause cause = kind == MapKind.CONCURRENT_HASH_MAP ? Cause.CHM_BIN : Cause.MAP_MONITOR;
            long key = own != null ? key(cause, own.callSiteFrame(), own.kind(), own.operation())
                    : key(cause, Symbols.NONE, monitorKind, null);
            record(cause, key, e.stack(), e.thread(), e.startNanos(), e.durationNanos());
        }

        @Override
        public void threadPark(ThreadPark e) {
            if (!TimeWindows.holdsUp(ctx, lockBlockers, e)) {
                return;
            }
            MapOperation op = ctx.mapOperation(e.stack());
            if (op != null && op.callback() == MapOperation.Callback.NONE
                    && op.implementation() == MapKind.CONCURRENT_HASH_MAP) {
                record(Cause.CHM_BIN, key(Cause.CHM_BIN, op.callSiteFrame(), op.kind(), op.operation()), e.stack(),
                        e.thread(), e.startNanos(), e.durationNanos());
            } else {
                record(Cause.LOCK_PARK, key(Cause.LOCK_PARK, parkSite(e.stack()), null, null), e.stack(),
                        e.thread(), e.startNanos(), e.durationNanos());
            }
        }

        private void record(Cause cause, long key, int stack, int thread, long start, long duration) {
            stall.first = windows.index(start);
            stall.series = stalled[cause.ordinal()];
            stall.top = sites[cause.ordinal()];
            stall.key = key;
            windows.overlap(start, duration, stall);
            SiteAggregate agg = stacks.get(key);
            if (agg == null) {
                agg = new SiteAggregate();
                stacks.put(key, agg);
            }
            agg.add(stack, duration, thread, start, true);
        }

        /** One stall's share of each window it overlaps, and its site's. */
        private static final class Stall implements TimeWindows.Overlap {
            Series series;
            TopKeys top;
            long key;
            int first;

            @Override
            public void accept(int window, long nanos) {
                series.add(window, nanos);
                top.add(window, key, nanos, window == first ? 1 : 0);
            }
        }

        /** The first frame below the park machinery: the code that took the lock. */
        private int parkSite(int stack) {
            if (stack < 0) {
                return Symbols.NONE;
            }
            if (stack >= parkSiteByStack.length) {
                parkSiteByStack = Arrays.copyOf(parkSiteByStack,
                        Math.max(stack + 1, Math.max(64, parkSiteByStack.length * 2)));
            }
            if (parkSiteByStack[stack] == 0) {
                parkSiteByStack[stack] = findParkSite(stack) + 2;
            }
            return parkSiteByStack[stack] - 2;
        }

        private int findParkSite(int stack) {
            for (int frame : ctx.symbols().stackFrames(stack)) {
                String c = ctx.symbols().methodClass(ctx.symbols().frameMethod(frame));
                if (!c.startsWith("java.util.concurrent.locks.") && !c.equals("jdk.internal.misc.Unsafe")
                        && !c.equals("sun.misc.Unsafe")) {
                    return frame;
                }
            }
            return Symbols.NONE;
        }

        @Override
        public void merge(Accumulator other) {
            Acc o = (Acc) other;
            gc.merge(o.gc);
            for (Cause c : CAUSES) {
                stalled[c.ordinal()].addAll(o.stalled[c.ordinal()]);
                sites[c.ordinal()].merge(o.sites[c.ordinal()], key -> key);
            }
            SiteAggregate.mergeAll(stacks, o.stacks);
        }

        @Override
        public List<Finding> findings() {
            int[] lengths = new int[CAUSES.length];
            for (Cause c : CAUSES) {
                lengths[c.ordinal()] = c == Cause.GC_PAUSE ? gc.nanos().length() : stalled[c.ordinal()].length();
            }
            int n = windows.count(lengths);
            long windowNanos = windows.windowNanos();
            long[][] byCause = new long[CAUSES.length][];
            long[] total = new long[n];
            for (Cause c : CAUSES) {
                byCause[c.ordinal()] = (c == Cause.GC_PAUSE ? gc.nanos() : stalled[c.ordinal()]).values(n);
                for (int w = 0; w < n; w++) {
                    total[w] += byCause[c.ordinal()][w];
                }
            }
            Baseline base = Baseline.of(total, settings.k(), settings.minRatio(),
                    settings.minStalledFraction() * windowNanos);
            List<Run> runs = base.runsAbove(total);
            long stalledTotal = Arrays.stream(total).sum();
            Evidence.Builder ev = Evidence.builder()
                    .metric("window", windowNanos, Unit.NANOS)
                    .metric("stalled per window, median", base.median(), Unit.NANOS)
                    .metric("stalled per window, MAD", base.mad(), Unit.NANOS)
                    .metric("spike threshold", base.threshold(), Unit.NANOS)
                    .metric("stalled in the recording", stalledTotal, Unit.NANOS)
                    .note("Stalled time: GC pauses as wall time, monitor and lock waits as thread time.")
                    .note(gc.exact() ? "GC pauses from jdk.GCPhasePause."
                            : "GC pauses from jdk.GarbageCollection, each collection's pauses spread over its duration.");
            if (runs.isEmpty()) {
                List<Run> all = List.of(new Run(0, n));
                return List.of(Finding.ok(ID, "No latency spikes", NO_SPIKES.render(Map.of(
                        "window", Format.nanos(windowNanos), "median", Format.nanos(Math.round(base.median())),
                        "mad", Format.nanos(Math.round(base.mad())),
                        "max", Format.nanos(Arrays.stream(total).max().orElse(0)),
                        "threshold", Format.nanos(Math.round(base.threshold())),
                        "breakdown", breakdown(causeTotals(byCause, all), all))),
                        ev.metric("spikes", 0, Unit.COUNT).build()));
            }
            return List.of(spikes(n, base, runs, byCause, total, stalledTotal, ev));
        }

        private Finding spikes(int n, Baseline base, List<Run> runs, long[][] byCause, long[] total, long stalledTotal,
                               Evidence.Builder ev) {
            long windowNanos = windows.windowNanos();
            long[] inSpikes = causeTotals(byCause, runs);
            long spikeStalled = Arrays.stream(inSpikes).sum();
            // A spike window also holds the stall every window has; only what a cause adds above its own
            // median window made the spike.
            double mapCaused = 0;
            for (Cause c : CAUSES) {
                if (c.map) {
                    double usual = Baseline.of(byCause[c.ordinal()], 0, 0, 0).median();
                    for (Run r : runs) {
                        for (int w = r.from(); w < r.to(); w++) {
                            mapCaused += Math.max(0, byCause[c.ordinal()][w] - usual);
                        }
                    }
                }
            }
            double share = mapCaused / ((double) n * windowNanos);

            List<Run> worstFirst = new ArrayList<>(runs);
            worstFirst.sort(Comparator.<Run>comparingLong(r -> sum(total, r)).reversed().thenComparingInt(Run::from));
            for (Run r : worstFirst.subList(0, Math.min(worstFirst.size(), settings.maxSpikes()))) {
                ev.window(new Evidence.TimeWindow(ctx.offsetSeconds(windows.startOf(r.from())),
                        ctx.offsetSeconds(windows.startOf(r.to())), windowLabel(byCause, r)));
            }
            ev.metric("spikes", runs.size(), Unit.COUNT)
                    .metric("spike windows", runs.stream().mapToInt(Run::windows).sum(), Unit.COUNT)
                    .metric("stalled in spikes", spikeStalled, Unit.NANOS);
            for (Cause c : CAUSES) {
                ev.metric("in spikes: " + c.label, inSpikes[c.ordinal()], Unit.NANOS)
                        .metric("share of spike stall: " + c.label,
                                spikeStalled == 0 ? 0 : (double) inSpikes[c.ordinal()] / spikeStalled, Unit.FRACTION);
            }
            ev.metric("map-caused stall in spikes beyond the usual, per second of recording", share, Unit.FRACTION)
                    .note("Call sites: count and weight within the spike windows; durations over the whole recording.");
            Cause[] ranked = ranked(inSpikes);
            for (Cause c : ranked) {
                Long key = topSite(c, runs);
                if (key != null) {
                    ev.callSite(callSite(key, sites[c.ordinal()], runs, spikeStalled));
                }
            }

            Cause top = ranked[0];
            Cause topMap = Arrays.stream(ranked).filter(c -> c.map).findFirst().orElseThrow();
            Cause fixFor = inSpikes[topMap.ordinal()] > 0 ? topMap : top;
            String label = gc.topLabel(runs);
            String collector = label == null ? "collector unknown" : label;
            Run worst = worstFirst.get(0);
            String title = top == Cause.GC_PAUSE ? TITLE_GC.render(Map.of("collector", collector))
                    : TITLE_AT.render(Map.of("cause", top.label, "site", siteLabelOrMonitor(topSite(top, runs))));
            return Finding.scored(ID, Scores.fromCostShare(share), title,
                    SUMMARY.render(Map.ofEntries(Map.entry("count", plural(runs.size(), "spike")),
                            Map.entry("windows", plural(runs.stream().mapToInt(Run::windows).sum(), "window")),
                            Map.entry("window", Format.nanos(windowNanos)),
                            Map.entry("threshold", Format.nanos(Math.round(base.threshold()))),
                            Map.entry("median", Format.nanos(Math.round(base.median()))),
                            Map.entry("spikeStalled", Format.nanos(spikeStalled)),
                            Map.entry("stalled", Format.nanos(stalledTotal)),
                            Map.entry("breakdown", breakdown(inSpikes, runs)),
                            Map.entry("worst", String.format(Locale.ROOT, "%.1f",
                                    ctx.offsetSeconds(windows.startOf(worst.from())))),
                            Map.entry("worstLabel", windowLabel(byCause, worst)))),
                    EXPLANATION.render(Map.of("window", Format.nanos(windowNanos))),
                    fix(fixFor, topSite(fixFor, runs), collector), ev.build());
        }

        private static Template fixTemplate(Cause c) {
            return switch (c) {
                case GC_PAUSE -> FIX_GC;
                case MAP_MONITOR -> FIX_MAP_MONITOR;
                case CHM_BIN -> FIX_CHM_BIN;
                case LOCK_PARK -> FIX_PARK;
                case OTHER_MONITOR -> FIX_OTHER;
            };
        }

        private String fix(Cause c, Long key, String collector) {
            Map<String, Object> values = new HashMap<>();
            values.put("collector", collector);
            values.put("site", siteLabelOrMonitor(key));
            values.put("kind", key == null || kindOf(key) == null ? "map" : kindOf(key).displayName());
            values.put("operation", operationLabel(key));
            return fixTemplate(c).render(values);
        }

        private static long[] causeTotals(long[][] byCause, List<Run> runs) {
            long[] out = new long[CAUSES.length];
            for (Cause c : CAUSES) {
                for (Run r : runs) {
                    out[c.ordinal()] += sum(byCause[c.ordinal()], r);
                }
            }
            return out;
        }

        private static long sum(long[] values, Run r) {
            long s = 0;
            for (int w = r.from(); w < r.to(); w++) {
                s += values[w];
            }
            return s;
        }

        /** Causes by stalled time, largest first; ties in declaration order. */
        private static Cause[] ranked(long[] byCause) {
            return Arrays.stream(CAUSES)
                    .sorted(Comparator.<Cause>comparingLong(c -> byCause[c.ordinal()]).reversed())
                    .toArray(Cause[]::new);
        }

        /** "GC pause 40.2% (G1New: G1 Evacuation Pause), map monitor 55.1% (Hashtable.merge at A.b:28)". */
        private String breakdown(long[] byCause, List<Run> runs) {
            long all = Arrays.stream(byCause).sum();
            if (all == 0) {
                return "nothing stalled";
            }
            List<String> parts = new ArrayList<>();
            for (Cause c : ranked(byCause)) {
                if (byCause[c.ordinal()] > 0) {
                    String where;
                    if (c == Cause.GC_PAUSE) {
                        String collector = gc.topLabel(runs);
                        where = collector == null ? "" : " (" + collector + ")";
                    } else {
                        String site = describe(topSite(c, runs));
                        where = site == null ? "" : " (" + site + ")";
                    }
                    parts.add(CAUSE_SHARE.render(Map.of("cause", c.label,
                            "share", Format.percent((double) byCause[c.ordinal()] / all), "where", where)));
                }
            }
            return String.join(", ", parts);
        }

        private static String windowLabel(long[][] byCause, Run r) {
            long[] causes = causeTotals(byCause, List.of(r));
            List<String> parts = new ArrayList<>();
            for (Cause c : ranked(causes)) {
                if (causes[c.ordinal()] > 0) {
                    parts.add(c.label + " " + Format.nanos(causes[c.ordinal()]));
                }
            }
            return WINDOW_LABEL.render(Map.of("stalled", Format.nanos(Arrays.stream(causes).sum()),
                    "causes", String.join(", ", parts)));
        }

        /** The site with most stalled time of cause {@code c} in the runs, or null (always null for GC). */
        private Long topSite(Cause c, List<Run> runs) {
            Map<Long, long[]> weights = siteWeights(sites[c.ordinal()], runs);
            return weights.entrySet().stream()
                    .max(Comparator.<Map.Entry<Long, long[]>>comparingLong(e -> e.getValue()[0])
                            .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                    .map(Map.Entry::getKey).orElse(null);
        }

        private static Map<Long, long[]> siteWeights(TopKeys top, List<Run> runs) {
            Map<Long, long[]> out = new HashMap<>();
            for (Run r : runs) {
                top.sum(r.from(), r.to()).forEach((key, wc) -> {
                    long[] acc = out.computeIfAbsent(key, k -> new long[2]);
                    acc[0] += wc[0];
                    acc[1] += wc[1];
                });
            }
            return out;
        }

        private Evidence.CallSite callSite(long key, TopKeys top, List<Run> runs, long spikeStalled) {
            long[] wc = siteWeights(top, runs).get(key);
            SiteAggregate agg = stacks.get(key);
            MapKind kind = kindOf(key);
            Operation op = operationOf(key);
            return new Evidence.CallSite(siteLabelOrMonitor(key), kind == null ? null : kind.displayName(),
                    op == null ? null : AllocationJitterDetector.camel(op),
                    ctx.stackLabels(agg.heaviestStack(), Evidence.CallSite.MAX_STACK), wc[1], wc[0], Unit.NANOS,
                    agg.durations().percentile(0.50), agg.durations().percentile(0.99), agg.durations().max(),
                    agg.threadCount(), spikeStalled == 0 ? 0 : (double) wc[0] / spikeStalled);
        }

        /** The call site's frame; for a map monitor seen without a stack, the monitor's class. */
        private String siteLabelOrMonitor(Long key) {
            if (key == null) {
                return "(unknown)";
            }
            int frame = frameOf(key);
            if (frame < 0 && kindOf(key) != null) {
                return "a " + kindOf(key).displayName() + " monitor";
            }
            return ctx.frameLabel(frame);
        }

        /** "Hashtable.merge", "Hashtable" where the operation is unknown, "the map" where the map is. */
        private static String operationLabel(Long key) {
            MapKind kind = key == null ? null : kindOf(key);
            if (kind == null) {
                return "the map";
            }
            Operation op = operationOf(key);
            return op == null ? kind.displayName() : kind.displayName() + "." + AllocationJitterDetector.camel(op);
        }

        /** "Hashtable.merge at A.b:28", "a Hashtable monitor", "at A.b:28", or null where nothing is known. */
        private String describe(Long key) {
            if (key == null) {
                return null;
            }
            boolean map = kindOf(key) != null;
            boolean framed = frameOf(key) >= 0;
            if (map) {
                return framed ? operationLabel(key) + " at " + ctx.frameLabel(frameOf(key)) : siteLabelOrMonitor(key);
            }
            return framed ? "at " + ctx.frameLabel(frameOf(key)) : null;
        }
    }

    private static String plural(int n, String noun) {
        return n + " " + (n == 1 ? noun : noun + "s");
    }

    // A site key packs the cause, call site frame, map kind and operation into a long, so that per-window
    // tables merge without translation (frame ids are the run's). Kind and operation are stored plus one,
    // zero meaning none.
    private static long key(Cause cause, int frame, MapKind kind, Operation op) {
        return (frame + 1L) | (long) (kind == null ? 0 : kind.ordinal() + 1) << 32
                | (long) (op == null ? 0 : op.ordinal() + 1) << 40 | (long) cause.ordinal() << 48;
    }

    private static int frameOf(long key) {
        return (int) (key & 0xffff_ffffL) - 1;
    }

    private static MapKind kindOf(long key) {
        int k = (int) (key >>> 32 & 0xff);
        return k == 0 ? null : MapKind.values()[k - 1];
    }

    private static Operation operationOf(long key) {
        int o = (int) (key >>> 40 & 0xff);
        return o == 0 ? null : Operation.values()[o - 1];
    }

}
