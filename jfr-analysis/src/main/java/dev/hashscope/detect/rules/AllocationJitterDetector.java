package dev.hashscope.detect.rules;

import dev.hashscope.detect.Accumulator;
import dev.hashscope.detect.AnalysisContext;
import dev.hashscope.detect.Detector;
import dev.hashscope.detect.Evidence;
import dev.hashscope.detect.Finding;
import dev.hashscope.detect.IdFlags;
import dev.hashscope.detect.IdTable;
import dev.hashscope.util.LongObjectMap;
import dev.hashscope.detect.Scores;
import dev.hashscope.detect.SiteAggregate;
import dev.hashscope.detect.Template;
import dev.hashscope.detect.Unit;
import dev.hashscope.detect.rules.TimeWindows.Baseline;
import dev.hashscope.detect.rules.TimeWindows.Run;
import dev.hashscope.detect.rules.TimeWindows.Series;
import dev.hashscope.detect.rules.TimeWindows.TopKeys;
import dev.hashscope.event.AllocationSample;
import dev.hashscope.event.EventKind;
import dev.hashscope.event.GcPause;
import dev.hashscope.event.GcPhasePause;
import dev.hashscope.event.MonitorBlocked;
import dev.hashscope.event.RecordingLayout;
import dev.hashscope.event.Symbols;
import dev.hashscope.event.ThreadPark;
import dev.hashscope.mapop.MapKind;
import dev.hashscope.mapop.MapOperation;
import dev.hashscope.mapop.MapOperation.Callback;
import dev.hashscope.mapop.MapOperation.Operation;
import dev.hashscope.mapop.MapOperation.Phase;
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
 * Moments when map operations allocated far more than the recording usually does, the call site that
 * drove each, and the GC pauses and lock waits that followed.
 *
 * <p>Allocation is summed in fixed windows, for map operations ({@link AnalysisContext#mapOperation} of the
 * sample's stack) and for everything. A window is part of a burst when its map allocation exceeds the
 * median window by {@code k} MAD-estimated standard deviations, is at least {@code minRatio} times the
 * median and at least {@code minBytesPerSecond}; adjacent burst windows are one burst. Median and MAD,
 * not mean and standard deviation, so that the bursts themselves do not raise the bar they are measured
 * against. A recording that allocates at a steady high rate has no bursts by this rule, however much it
 * allocates: that is the business of the detectors of the pathology itself (map.resize-churn, ...).
 *
 * <p>Cost: GC pause time from a burst's start to {@code horizon} after its end, beyond the recording's
 * median pause time per window, weighted by the map's share of the allocation in the burst windows,
 * over the recording's duration. Pauses, not bytes, because bytes that the collector absorbs without
 * stopping anyone cost nothing a user sees, while a pause stops every thread; a start-up burst of
 * pre-sized tables followed by no pause scores nothing. Overlapping horizons are counted once.
 *
 * <p>Each burst is tied to its driver, the call site (with map kind, operation, and the phase or callback
 * that carried most of its bytes) that allocated most in the burst windows, and to what followed up to
 * {@code horizon} after it: GC pause time, the longest pause and its collector and cause, and thread time
 * blocked on monitors or parked on locks. One finding for the recording, the bursts (largest first) as
 * its time windows: the bursts usually share a driver, and one score for "how much pause did map bursts
 * cost" ranks better than one per burst.
 *
 * <p>Weights are {@code jdk.ObjectAllocationSample}'s when the recording has any, else the TLAB events'
 * (both estimate the same bytes). Memory per window of the recording: a few counters and four
 * (site, bytes, samples) slots per event source ({@link TimeWindows.TopKeys}); per distinct map call site
 * one {@link SiteAggregate} for its stack and threads. Nothing grows with the number of events.
 */
public final class AllocationJitterDetector implements Detector {
    public static final String ID = "alloc.jitter";
    private static final String TITLE = "Allocation bursts around map operations";
    /** Sites kept per window: the driver of a burst carries most of its bytes, so four is plenty. */
    private static final int SITES_PER_WINDOW = 4;
    private static final int SENTENCES = 3;

    private static final Template TITLE_BURSTS = Template.of("Allocation bursts from {operation} at {site}");
    private static final Template SUMMARY = Template.of(
            "{count} map-driven allocation {bursts} in {window} windows (map allocation above {threshold}/s; "
                    + "the median window is {median}/s). {sentences}GC pause beyond the usual rate within "
                    + "{horizon} of the bursts, weighted by the maps' share of their allocation: {pause} "
                    + "({share} of the recording).");
    private static final Template SENTENCE = Template.of("t={start} s: {rate}/s in map operations, {driverShare} "
            + "of it from {operation} at {site}, followed by {after}. ");
    private static final Template AFTER_GC = Template.of("{pause} of GC pause (longest {longest}, {collector})");
    private static final Template AFTER_BLOCKED = Template.of(" and {blocked} of threads blocked on locks");
    private static final Template WINDOW_LABEL = Template.of(
            "{rate}/s in map operations, {driverShare} from {operation} at {site}; {pause} GC pause after");
    private static final Template EXPLANATION = Template.of(
            "A map operation that allocates a lot at once (a resize allocating a table twice the size and "
                    + "rehashing into it, a copy allocating a whole table and all its nodes) fills the young "
                    + "generation faster than the collector planned for, and tables over half a G1 region go "
                    + "straight into humongous regions. The collections that follow within {horizon} come early "
                    + "and last long: every thread stops for them, and threads waiting for a lock whose owner "
                    + "was stopped wait that much longer.");
    private static final Template FIX_RESIZE = Template.of(
            "Pre-size the {kind} filled at {site} (HashMap.newHashMap(expected) on JDK 19+, "
                    + "new HashMap<>((int) (expected / 0.75f) + 1), new ConcurrentHashMap<>(expected)), so "
                    + "that its table is allocated once instead of doubled again and again; see map.resize-churn.");
    private static final Template FIX_COPY = Template.of(
            "Stop copying the whole {kind} at {site} on every change: update one shared map in place (a "
                    + "ConcurrentHashMap), or batch changes into one copy; see map.copy-on-write.");
    private static final Template FIX_CALLBACK = Template.of(
            "Stop allocating in the {operation} function at {site}: update a mutable value in place (a "
                    + "LongAdder or long[] per key, or a primitive map) instead of boxing a new value per "
                    + "update; see map.boxing.");
    private static final Template FIX_OTHER = Template.of(
            "Reduce what {operation} allocates at {site}: reuse the map instead of rebuilding it, pre-size "
                    + "it, avoid per-call copies; see map.resize-churn, map.copy-on-write and map.boxing.");
    private static final Template NO_BURSTS = Template.of(
            "No map-driven allocation bursts in {window} windows: map operations allocated a median {median}/s "
                    + "(MAD {mad}/s, {mapShare} of all allocation); the busiest window reached {max}/s, below "
                    + "the {threshold}/s a burst needs.");

    private final Settings settings;

    public AllocationJitterDetector() {
        this(Settings.DEFAULTS);
    }

    public AllocationJitterDetector(Settings settings) {
        this.settings = settings;
    }

    /**
     * @param windowNanos       window width; 100 ms is the finest that hashscope.jfc's 1000 allocation
     *                          samples per second resolve (default 100 ms)
     * @param k                 a burst window's map allocation exceeds the median window by this many
     *                          MAD-estimated standard deviations (default 5)
     * @param minRatio          and is at least this multiple of the median window (default 2)
     * @param minBytesPerSecond and at least this rate, so that a near-idle recording does not flag noise
     *                          (default 100 MB/s)
     * @param horizonNanos      GC pauses and lock waits up to this long after a burst count as following it
     *                          (default 1 s)
     * @param maxBursts         bursts listed in the finding, largest first (default 5)
     */
    public record Settings(long windowNanos, double k, double minRatio, long minBytesPerSecond, long horizonNanos,
                           int maxBursts) {
        public static final Settings DEFAULTS = new Settings(100_000_000L, 5, 2, 100L << 20, 1_000_000_000L, 5);

        public Settings {
            if (windowNanos <= 0 || k < 0 || minRatio < 0 || minBytesPerSecond < 0 || horizonNanos < 0
                    || maxBursts < 1) {
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

    /** Allocation to find bursts, GC to tell what they cost: without pauses there is no score to give. */
    @Override
    public List<Capability> requirements() {
        return List.of(Capability.ALLOCATION, Capability.GC);
    }

    @Override
    public Accumulator newAccumulator(AnalysisContext context) {
        return new Acc(settings, context);
    }

    /** Allocation of one event source: sampled and TLAB weights estimate the same bytes and are never summed. */
    private static final class Bytes {
        final Series total = new Series();
        final Series map = new Series();
        /** Map bytes per window by {@link #siteKey}. */
        final TopKeys sites = new TopKeys(SITES_PER_WINDOW);
        /** Representative stacks and threads per site key, for the whole recording. */
        final LongObjectMap<SiteAggregate> stacks = new LongObjectMap<>();
        /** Per stack id: its site key's aggregate in {@link #stacks}; the stack alone decides the key. */
        final IdTable<SiteAggregate> aggregateByStack = new IdTable<>();

        void merge(Bytes o) {
            total.addAll(o.total);
            map.addAll(o.map);
            sites.merge(o.sites, key -> key);
            SiteAggregate.mergeAll(stacks, o.stacks);
        }
    }

    /**
     * One burst, as judged at the end.
     *
     * @param driverBytes the map bytes of the site that allocated most in the burst
     * @param driver      that site's key with the phase and callback that carried most of them
     */
    private record Burst(Run run, long mapBytes, long driverBytes, long driver, long pauseNanos,
                         long longestNanos, String collector, long blockedNanos) {
    }

    private static final class Acc implements Accumulator {
        private final Settings settings;
        private final AnalysisContext ctx;
        private TimeWindows windows;
        private final Bytes sampled = new Bytes();
        private final Bytes tlab = new Bytes();
        private final TimeWindows.GcPauses gc = new TimeWindows.GcPauses();
        /** Thread-nanoseconds blocked on monitors or parked on locks. */
        private final Series blocked = new Series();
        /** {@code blocked::add}, made once rather than per event. */
        private final TimeWindows.Overlap addBlocked = blocked::add;
        private final IdFlags lockBlockers;
        /** Per stack id: 0 not yet looked at, 1 runs in the recorder's code, 2 does not. */
        private byte[] recorderStack = new byte[0];

        Acc(Settings settings, AnalysisContext ctx) {
            this.settings = settings;
            this.ctx = ctx;
            this.lockBlockers = TimeWindows.lockBlockers(ctx);
        }

        @Override
        public Set<EventKind> kinds() {
            return EnumSet.of(EventKind.ALLOCATION, EventKind.GC_PAUSE, EventKind.GC_PHASE_PAUSE,
                    EventKind.MONITOR_BLOCKED, EventKind.THREAD_PARK);
        }

        @Override
        public void begin(RecordingLayout layout, Symbols symbols) {
            windows = new TimeWindows(ctx.analysedStartNanos(), ctx.analysedDurationNanos(), settings.windowNanos());
        }

        @Override
        public void allocation(AllocationSample e) {
            if (inRecorder(e.stack())) {
                return;
            }
            int w = windows.index(e.timeNanos());
            if (w < 0) {
                return;
            }
            Bytes b = e.source() == AllocationSample.Source.SAMPLED ? sampled : tlab;
            b.total.add(w, e.weightBytes());
            MapOperation op = ctx.mapOperation(e.stack());
            if (op != null) {
                long key = siteKey(op);
                b.map.add(w, e.weightBytes());
                b.sites.add(w, key, e.weightBytes(), 1);
                SiteAggregate site = b.aggregateByStack.get(e.stack());
                if (site == null) {
                    site = b.stacks.get(key);
                    if (site == null) {
                        site = new SiteAggregate();
                        b.stacks.put(key, site);
                    }
                    b.aggregateByStack.put(e.stack(), site);
                }
                site.add(e.stack(), e.weightBytes(), e.thread(), e.timeNanos(), false);
            }
        }

        /**
         * The recorder's own allocation is not the application's; skipping it also drops the first sample
         * of the thread that started the recording, whose weight is everything that thread allocated
         * before (tens of MB of JVM start-up, which would otherwise show as a burst in JFR's own maps).
         */
        private boolean inRecorder(int stack) {
            if (stack < 0) {
                return false;
            }
            if (stack >= recorderStack.length) {
                recorderStack = Arrays.copyOf(recorderStack, Math.max(stack + 1, recorderStack.length * 2));
            }
            if (recorderStack[stack] == 0) {
                boolean recorder = false;
                for (int frame : ctx.symbols().stackFrames(stack)) {
                    if (ctx.symbols().methodClass(ctx.symbols().frameMethod(frame)).startsWith("jdk.jfr.")) {
                        recorder = true;
                        break;
                    }
                }
                recorderStack[stack] = (byte) (recorder ? 1 : 2);
            }
            return recorderStack[stack] == 1;
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
            windows.overlap(e.startNanos(), e.durationNanos(), addBlocked);
        }

        @Override
        public void threadPark(ThreadPark e) {
            if (TimeWindows.holdsUp(ctx, lockBlockers, e)) {
                windows.overlap(e.startNanos(), e.durationNanos(), addBlocked);
            }
        }

        @Override
        public void merge(Accumulator other) {
            Acc o = (Acc) other;
            sampled.merge(o.sampled);
            tlab.merge(o.tlab);
            gc.merge(o.gc);
            blocked.addAll(o.blocked);
        }

        @Override
        public List<Finding> findings() {
            Bytes b = sampled.total.isEmpty() ? tlab : sampled;
            int n = windows.count(b.total.length(), b.map.length(), gc.nanos().length(), blocked.length());
            long windowNanos = windows.windowNanos();
            double perSecond = 1e9 / windowNanos;
            long[] map = b.map.values(n);
            Baseline base = Baseline.of(map, settings.k(), settings.minRatio(),
                    settings.minBytesPerSecond() / perSecond);
            List<Run> runs = base.runsAbove(map);
            Evidence.Builder ev = Evidence.builder()
                    .metric("window", windowNanos, Unit.NANOS)
                    .metric("map allocation rate, median window", base.median() * perSecond, Unit.BYTES_PER_SECOND)
                    .metric("map allocation rate, MAD", base.mad() * perSecond, Unit.BYTES_PER_SECOND)
                    .metric("burst threshold", base.threshold() * perSecond, Unit.BYTES_PER_SECOND)
                    .note("Allocation weights from " + (b == sampled ? "jdk.ObjectAllocationSample"
                            : "jdk.ObjectAllocationInNewTLAB/OutsideTLAB") + ", placed at each sample's time.");
            if (runs.isEmpty()) {
                long mapBytes = b.map.sum(0, n);
                long totalBytes = b.total.sum(0, n);
                return List.of(Finding.ok(ID, "No allocation bursts around map operations", NO_BURSTS.render(Map.of(
                        "window", Format.nanos(windowNanos),
                        "median", Format.bytes(Math.round(base.median() * perSecond)),
                        "mad", Format.bytes(Math.round(base.mad() * perSecond)),
                        "mapShare", Format.percent(totalBytes == 0 ? 0 : (double) mapBytes / totalBytes),
                        "max", Format.bytes(Math.round(Arrays.stream(map).max().orElse(0) * perSecond)),
                        "threshold", Format.bytes(Math.round(base.threshold() * perSecond)))),
                        ev.metric("bursts", 0, Unit.COUNT).build()));
            }
            return List.of(bursts(b, n, base, runs, ev));
        }

        private Finding bursts(Bytes b, int n, Baseline base, List<Run> runs, Evidence.Builder ev) {
            long windowNanos = windows.windowNanos();
            double perSecond = 1e9 / windowNanos;
            int horizon = (int) ((settings.horizonNanos() + windowNanos - 1) / windowNanos);
            long[] pauses = gc.nanos().values(n);
            double usualPause = Baseline.of(pauses, 0, 0, 0).median();
            boolean[] charged = new boolean[n];
            double chargedPause = 0;
            List<Burst> bursts = new ArrayList<>();
            Map<Long, long[]> burstSites = new HashMap<>();
            long burstTotalBytes = 0;
            for (Run r : runs) {
                int after = Math.min(n, r.to() + horizon);
                long mapBytes = b.map.sum(r.from(), r.to());
                long totalBytes = b.total.sum(r.from(), r.to());
                burstTotalBytes += totalBytes;
                Map<Long, long[]> sites = b.sites.sum(r.from(), r.to());
                sites.forEach((key, wc) -> {
                    long[] acc = burstSites.computeIfAbsent(key, k -> new long[2]);
                    acc[0] += wc[0];
                    acc[1] += wc[1];
                });
                // Windows within the horizon of an earlier burst were charged to it already.
                long newPause = 0;
                int newWindows = 0;
                for (int w = r.from(); w < after; w++) {
                    if (!charged[w]) {
                        charged[w] = true;
                        newPause += pauses[w];
                        newWindows++;
                    }
                }
                chargedPause += Math.max(0, newPause - usualPause * newWindows) * mapBytes / totalBytes;
                Map<Long, Long> perSite = bySite(sites);
                long site = heaviest(perSite);
                bursts.add(new Burst(r, mapBytes, perSite.get(site), variant(site, sites),
                        gc.nanos().sum(r.from(), after), gc.longest(r.from(), after),
                        gc.topLabel(List.of(new Run(r.from(), after))), blocked.sum(r.from(), after)));
            }
            bursts.sort(Comparator.comparingLong(Burst::mapBytes).reversed().thenComparingInt(x -> x.run().from()));
            double share = chargedPause / ((double) n * windowNanos);

            StringBuilder sentences = new StringBuilder();
            List<Burst> listed = bursts.subList(0, Math.min(bursts.size(), settings.maxBursts()));
            for (int i = 0; i < listed.size(); i++) {
                Burst x = listed.get(i);
                double start = ctx.offsetSeconds(windows.startOf(x.run().from()));
                Map<String, Object> values = Map.of("rate",
                        Format.bytes(Math.round(x.mapBytes() * perSecond / x.run().windows())),
                        "driverShare", Format.percent((double) x.driverBytes() / x.mapBytes()),
                        "operation", operationLabel(b, x.driver()), "site", siteLabel(x.driver()),
                        "start", String.format(Locale.ROOT, "%.1f", start), "after", after(x),
                        "pause", x.pauseNanos() == 0 ? "no" : Format.nanos(x.pauseNanos()));
                ev.window(new Evidence.TimeWindow(start, ctx.offsetSeconds(windows.startOf(x.run().to())),
                        WINDOW_LABEL.render(values)));
                if (i < SENTENCES) {
                    sentences.append(SENTENCE.render(values));
                }
            }
            Map<Long, Long> siteTotals = bySite(burstSites);
            List<Long> ranked = new ArrayList<>(siteTotals.keySet());
            ranked.sort(Comparator.<Long>comparingLong(siteTotals::get).reversed().thenComparing(k -> k));
            for (long site : ranked.subList(0, Math.min(ranked.size(), settings.maxBursts()))) {
                long count = burstSites.entrySet().stream().filter(e -> siteOf(e.getKey()) == site)
                        .mapToLong(e -> e.getValue()[1]).sum();
                ev.callSite(callSite(b, variant(site, burstSites), count, siteTotals.get(site), burstTotalBytes));
            }
            ev.metric("bursts", bursts.size(), Unit.COUNT)
                    .metric("map bytes in bursts", bursts.stream().mapToLong(Burst::mapBytes).sum(), Unit.BYTES)
                    .metric("all bytes in burst windows", burstTotalBytes, Unit.BYTES)
                    .metric("GC pause after bursts beyond the usual rate, map share", chargedPause, Unit.NANOS)
                    .metric("share of the recording", share, Unit.FRACTION)
                    .note(gc.exact() ? "GC pauses from jdk.GCPhasePause."
                            : "GC pauses from jdk.GarbageCollection, each collection's pauses spread over its duration.");

            long top = variant(ranked.get(0), burstSites);
            Map<String, Object> fixValues = Map.of("kind", kindOf(top).displayName(), "site", siteLabel(top),
                    "operation", operationLabel(b, top));
            return Finding.scored(ID, Scores.fromCostShare(share),
                    TITLE_BURSTS.render(Map.of("operation", operationLabel(b, top), "site", siteLabel(top))),
                    SUMMARY.render(Map.of("count", bursts.size(), "bursts", bursts.size() == 1 ? "burst" : "bursts",
                            "window", Format.nanos(windowNanos),
                            "threshold", Format.bytes(Math.round(base.threshold() * perSecond)),
                            "median", Format.bytes(Math.round(base.median() * perSecond)),
                            "sentences", sentences.toString(), "horizon", Format.nanos(settings.horizonNanos()),
                            "pause", Format.nanos(Math.round(chargedPause)), "share", Format.percent(share))),
                    EXPLANATION.render(Map.of("horizon", Format.nanos(settings.horizonNanos()))),
                    fix(top).render(fixValues), ev.build());
        }

        private static String after(Burst x) {
            String gcPart = x.pauseNanos() == 0 ? "no GC pause" : AFTER_GC.render(Map.of(
                    "pause", Format.nanos(x.pauseNanos()), "longest", Format.nanos(x.longestNanos()),
                    "collector", x.collector() == null ? "collector unknown" : x.collector()));
            return x.blockedNanos() == 0 ? gcPart
                    : gcPart + AFTER_BLOCKED.render(Map.of("blocked", Format.nanos(x.blockedNanos())));
        }

        /** Weights summed per site, over the site's phases and callbacks. */
        private static Map<Long, Long> bySite(Map<Long, long[]> keys) {
            Map<Long, Long> out = new HashMap<>();
            keys.forEach((key, wc) -> out.merge(siteOf(key), wc[0], Long::sum));
            return out;
        }

        /** The key of {@code site} (its phase and callback) that carries most of its weight in {@code keys}. */
        private static long variant(long site, Map<Long, long[]> keys) {
            Map<Long, Long> variants = new HashMap<>();
            keys.forEach((key, wc) -> {
                if (siteOf(key) == site) {
                    variants.put(key, wc[0]);
                }
            });
            return heaviest(variants);
        }

        /** The heaviest key; ties go to the lower key, so that the choice does not depend on hash order. */
        private static long heaviest(Map<Long, Long> weights) {
            return weights.entrySet().stream()
                    .max(Comparator.<Map.Entry<Long, Long>>comparingLong(Map.Entry::getValue)
                            .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                    .orElseThrow().getKey();
        }

        private Evidence.CallSite callSite(Bytes b, long key, long count, long bytes, long burstTotalBytes) {
            SiteAggregate all = new SiteAggregate();
            b.stacks.forEach((k, a) -> {
                if (siteOf(k) == siteOf(key)) {
                    all.merge(a);
                }
            });
            return new Evidence.CallSite(siteLabel(key), kindOf(key).displayName(), camel(operationOf(key)),
                    ctx.stackLabels(b.stacks.get(key).heaviestStack(), Evidence.CallSite.MAX_STACK), count, bytes,
                    Unit.BYTES, null, null, null, all.threadCount(), (double) bytes / burstTotalBytes);
        }

        private String siteLabel(long key) {
            return ctx.frameLabel(frameOf(key));
        }

        /** "HashMap.put (resize)", "new HashMap", "HashMap.merge (mapping function)": what the code called. */
        private String operationLabel(Bytes b, long key) {
            MapOperation op = ctx.mapOperation(b.stacks.get(key).heaviestStack());
            String kind = kindOf(key).displayName();
            String method = ctx.symbols().methodName(ctx.symbols().frameMethod(op.entryFrame()));
            String label = method.equals("<init>") ? "new " + kind : kind + "." + method;
            if (phaseOf(key) != Phase.NONE) {
                return label + " (" + phaseOf(key).name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")";
            }
            return switch (callbackOf(key)) {
                case NONE -> label;
                case FUNCTION -> label + " (mapping function)";
                case HASH_CODE -> label + " (key hashCode)";
                case EQUALS -> label + " (key equals)";
                case COMPARE -> label + " (key compareTo)";
            };
        }

        private static Template fix(long key) {
            Phase phase = phaseOf(key);
            Operation op = operationOf(key);
            if (phase == Phase.RESIZE || phase == Phase.TRANSFER || phase == Phase.HELP_TRANSFER) {
                return FIX_RESIZE;
            }
            if (op == Operation.COPY || op == Operation.PUT_ALL) {
                return FIX_COPY;
            }
            if (callbackOf(key) == Callback.FUNCTION) {
                return FIX_CALLBACK;
            }
            return FIX_OTHER;
        }
    }

    // A key is a call site frame, map kind and operation (the site, low 48 bits) and the phase and callback
    // (high 16) packed in a long, so that per-window tables need no id table and merge without translation
    // (frame ids are the run's).
    static long siteKey(MapOperation op) {
        return (op.callSiteFrame() + 1L) | (long) op.kind().ordinal() << 32 | (long) op.operation().ordinal() << 40
                | (long) op.phase().ordinal() << 48 | (long) op.callback().ordinal() << 56;
    }

    private static long siteOf(long key) {
        return key & ((1L << 48) - 1);
    }

    private static int frameOf(long key) {
        return (int) (key & 0xffff_ffffL) - 1;
    }

    private static MapKind kindOf(long key) {
        return MapKind.values()[(int) (key >>> 32 & 0xff)];
    }

    private static Operation operationOf(long key) {
        return Operation.values()[(int) (key >>> 40 & 0xff)];
    }

    private static Phase phaseOf(long key) {
        return Phase.values()[(int) (key >>> 48 & 0xff)];
    }

    private static Callback callbackOf(long key) {
        return Callback.values()[(int) (key >>> 56 & 0xff)];
    }

    /** COMPUTE_IF_ABSENT as users write it: computeIfAbsent. */
    static String camel(Operation op) {
        String[] parts = op.name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder sb = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            sb.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
        }
        return sb.toString();
    }
}
