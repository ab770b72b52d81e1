package dev.hashscope.detect.rules;

import static dev.hashscope.detect.rules.LockEvidence.CHM_INNER_CLASS;
import static dev.hashscope.detect.rules.LockEvidence.RUNS_FUNCTION;
import static dev.hashscope.detect.rules.LockEvidence.aboveThreshold;
import static dev.hashscope.detect.rules.LockEvidence.addMonitors;
import static dev.hashscope.detect.rules.LockEvidence.callbackUserFrame;
import static dev.hashscope.detect.rules.LockEvidence.isJdk;
import static dev.hashscope.detect.rules.LockEvidence.operationName;
import static dev.hashscope.detect.rules.LockEvidence.operationOrNull;
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
import dev.hashscope.detect.IdFlags;
import dev.hashscope.util.LongObjectMap;
import dev.hashscope.detect.Scores;
import dev.hashscope.detect.SiteAggregate;
import dev.hashscope.detect.Template;
import dev.hashscope.detect.Unit;
import dev.hashscope.detect.rules.LockEvidence.MapUse;
import dev.hashscope.detect.rules.LockEvidence.MonitorStalls;
import dev.hashscope.detect.rules.LockEvidence.MonitorStats;
import dev.hashscope.event.EventKind;
import dev.hashscope.event.ExecutionSample;
import dev.hashscope.event.MonitorBlocked;
import dev.hashscope.event.Symbols;
import dev.hashscope.mapop.MapKind;
import dev.hashscope.mapop.MapOperation;
import dev.hashscope.mapop.MapOperation.Operation;
import dev.hashscope.text.Format;
import dev.hashscope.summary.Capability;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Threads blocked entering a monitor that serializes a whole map: the map's own lock ({@code Hashtable},
 * {@code Properties}, {@code Collections.synchronizedMap}), or a {@code synchronized} section around map
 * code. {@code ConcurrentHashMap} bin monitors are per bin and belong to {@link BinContentionDetector}.
 *
 * <p>A stall counts as map contention when
 * <ul>
 *   <li>the monitor's class is one of the self-locking maps, or the map's own code entered the monitor
 *       (the waiter's top frame is map code): the site is the map operation's call site;</li>
 *   <li>the waiter entered the monitor from code a map called back into (a remapping function, a key's
 *       {@code hashCode}): it waits in the middle of a map operation, so the site is that operation's call
 *       site, where the fix goes;</li>
 *   <li>the waiter's top frame is user code that locks a map object itself ({@code synchronized (map)}), or
 *       whose method, in CPU samples, calls a map itself or through one helper: the lock is held while the
 *       map is worked on. The site is the top frame. JDK code is left out here, since its locks are not the
 *       user's to change.</li>
 * </ul>
 *
 * <p>Cost share of a site: its blocked time over the thread time at stake, the recording's duration times
 * the number of distinct threads seen in {@code jdk.JavaMonitorEnter} events (as waiter or previous
 * owner). Dividing by the contending threads rather than by all threads of the JVM keeps a hot lock
 * between four workers from being diluted by a hundred idle pool threads; dividing by time rather than
 * by all blocked time keeps a recording whose only contention is one short stall from scoring 100%.
 */
public final class MonitorContentionDetector implements Detector {
    public static final String ID = "map.monitor-contention";

    /**
     * @param minCostShare a call site is reported (INFO or WARNING) from this cost share on; default 0.01,
     *                     i.e. 1% of the contending threads' time, which scores 25, the lower edge of INFO
     * @param maxFindings  at most this many call sites are reported, costliest first; default 5
     */
    public record Settings(double minCostShare, int maxFindings) {
        public static final Settings DEFAULTS = new Settings(0.01, 5);

        public Settings {
            if (!(minCostShare > 0 && minCostShare < 1) || maxFindings < 1) {
                throw new IllegalArgumentException("minCostShare in (0, 1) and maxFindings >= 1: " + minCostShare
                        + ", " + maxFindings);
            }
        }
    }

    /** Where a stall sits relative to the map. */
    private enum Guard {
        /** The map's own monitor: Hashtable, Properties, Collections.synchronizedMap. */
        MAP_MONITOR,
        /** A monitor entered by code the map called back into, while the map operation was under way. */
        INSIDE_MAP_OPERATION,
        /** A synchronized section on a map object, or whose method works on a map (known from CPU samples). */
        AROUND_MAP_CALL
    }

    /** The maps whose every call locks the one monitor of the map object. */
    private static final Set<MapKind> SELF_LOCKING = EnumSet.of(MapKind.HASHTABLE, MapKind.PROPERTIES,
            MapKind.SYNCHRONIZED_MAP);

    private static final Template SUMMARY = Template.of(
            "{stalls} at {site} on {monitor}, {total} blocked in all (p50 {p50}, p99 {p99}, max {max}) across"
                    + " {threads}: {costShare} of the contending threads' time and {shareOfBlocked}"
                    + " of all monitor blocking in the recording.{thresholdSentence}");
    private static final Template EXPLAIN_MAP_MONITOR = Template.of(
            "Every {kind} call locks the one monitor of the map object, so all threads that touch this map queue"
                    + " for the same lock whichever key they use, and a reader waits for a writer as long as a writer"
                    + " does. Here {threads} queued {times} for it at {site}.{functionSentence}"
                    + " With more threads the queue only gets longer: the map serializes the code that shares it.");
    private static final Template FUNCTION_SENTENCE = Template.of(
            " {kind}.{operation} runs its remapping function while it holds that monitor, so whatever the"
                    + " function costs is added to every waiter's wait.");
    private static final Template EXPLAIN_INSIDE = Template.of(
            "The waiting threads were in the middle of {kind}.{operation}, called at {site}: code the map called"
                    + " back into ({callback}) entered a synchronized section at {lockSite} (monitor {monitor}) and"
                    + " waited there. Whatever the map holds meanwhile stays held for every other thread too: the"
                    + " whole map for Hashtable and synchronizedMap, the key's bin for ConcurrentHashMap's compute"
                    + " methods. {threads} waited {times}.");
    private static final Template EXPLAIN_AROUND = Template.of(
            "The synchronized section at {site} (monitor {monitor}) guards a {kind}: {evidence}. A lock around a"
                    + " map serializes every access, reads included, exactly like Hashtable does: {threads} queued"
                    + " {times} for it.");
    private static final Template EVIDENCE_SAMPLES = Template.of(
            "CPU samples catch {method} calling {kind}.{operation} {samples}");
    private static final Template EVIDENCE_MAP_OBJECT = Template.of(
            "the lock is the {kind} object itself, synchronized (map)");
    private static final Template FIX_MAP_MONITOR = Template.of(
            "At {site}, replace the {kindCall} with a ConcurrentHashMap: its reads take no lock and its writes lock"
                    + " one bin, so threads stop queueing on one monitor. {operationFix}{nullFix}"
                    + " If the map must stay as it is, stripe it: several maps (or locks) chosen by the key's hash, so"
                    + " threads only wait for each other when they hit the same stripe.");
    private static final Template FIX_ATOMIC_OPERATION = Template.of(
            "ConcurrentHashMap.{operation} is atomic per key as well but locks only that key's bin; keep the"
                    + " function short, because it still runs under the bin lock.");
    private static final String FIX_READ_MODIFY_WRITE =
            "Where the code reads, then writes back (get, then put) and relied on the lock to keep that atomic,"
                    + " use merge, compute or putIfAbsent, which ConcurrentHashMap performs atomically per key.";
    private static final String NULL_FIX_HASHTABLE =
            " Hashtable already rejects null keys and values, as ConcurrentHashMap does.";
    private static final String NULL_FIX_WRAPPER =
            " Unlike the HashMap inside the wrapper, ConcurrentHashMap rejects null keys and values: check that none"
                    + " are stored, and drop the synchronized (map) blocks around iteration, since its iterators are"
                    + " weakly consistent and never throw ConcurrentModificationException.";
    private static final Template FIX_INSIDE = Template.of(
            "At {site}, do not take a lock inside the {kind}.{operation} callback (at {lockSite}): do the work"
                    + " that needs the lock before calling the map, then hand the map a ready value (put,"
                    + " putIfAbsent) or a function that does not block.");
    private static final Template FIX_AROUND = Template.of(
            "At {site}, {makeConcurrent}drop the synchronized section where it only guards the map, turning"
                    + " read-modify-write sequences into compute, merge or putIfAbsent so that they stay atomic per"
                    + " key. If the lock must also cover other state, keep only that under it and"
                    + " do the map work and any slow computation outside, or stripe the lock by the key's hash.");
    private static final Template OK_NONE = Template.of(
            "{stalls}{blocked} in the recording, none on a Hashtable, a synchronizedMap or a synchronized section"
                    + " around a map{binStalls}.{thresholdSentence}");
    private static final Template OK_SMALL = Template.of(
            "Map monitors cost {blocked} in {stalls}, {costShare} of the contending threads' time, below the"
                    + " {minShare} worth reporting.{thresholdSentence}");

    private final Settings settings;

    public MonitorContentionDetector() {
        this(Settings.DEFAULTS);
    }

    public MonitorContentionDetector(Settings settings) {
        this.settings = settings;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Map monitor contention";
    }

    @Override
    public List<Capability> requirements() {
        return List.of(Capability.MONITOR_ENTER);
    }

    @Override
    public Accumulator newAccumulator(AnalysisContext context) {
        return new Acc(context, settings);
    }

    /**
     * A site: where, and which map. For AROUND_MAP_CALL sites not locking a map object the kind is null until
     * the end, when CPU samples may tell it.
     */
    private record SiteKey(Guard guard, int method, int line, MapKind kind) {
    }

    private static final class Site {
        final SiteAggregate aggregate = new SiteAggregate();
        final long[] nanosByOperation = new long[Operation.values().length];
        final Map<Long, MonitorStats> monitors = new HashMap<>();
        /** The same stats by address without boxing, for the per-event lookup. */
        final LongObjectMap<MonitorStats> monitorIndex = new LongObjectMap<>();
        final BitSet owners = new BitSet();
        /** A frame of this site, for its label; any frame of the same method and line reads the same. */
        int frame;
        /** INSIDE_MAP_OPERATION only: the synchronized code (the waiter's top frame) and the callback entered. */
        int lockFrame = Symbols.NONE;
        int callbackFrame = Symbols.NONE;

        Site(int frame) {
            this.frame = frame;
        }

        void merge(Site o) {
            aggregate.merge(o.aggregate);
            for (int i = 0; i < nanosByOperation.length; i++) {
                nanosByOperation[i] += o.nanosByOperation[i];
            }
            o.monitors.forEach((address, m) -> {
                MonitorStats mine = monitorIndex.get(address);
                if (mine == null) {
                    monitors.put(address, m);
                    monitorIndex.put(address, m);
                } else {
                    mine.merge(m);
                }
            });
            owners.or(o.owners);
            // Any frame of the site reads the same; taking the larger id keeps merging order-independent.
            frame = Math.max(frame, o.frame);
            lockFrame = Math.max(lockFrame, o.lockFrame);
            callbackFrame = Math.max(callbackFrame, o.callbackFrame);
        }

        /** The operation with the most blocked time, or null where no stall had a map operation on its stack. */
        Operation operation() {
            int best = -1;
            for (int i = 0; i < nanosByOperation.length; i++) {
                if (nanosByOperation[i] > 0 && (best < 0 || nanosByOperation[i] > nanosByOperation[best])) {
                    best = i;
                }
            }
            return best < 0 ? null : Operation.values()[best];
        }
    }

    private static final class Acc implements Accumulator {
        private final AnalysisContext ctx;
        private final Settings settings;
        private final Map<SiteKey, Site> sites = new HashMap<>();
        private final Map<Integer, MapUse> mapUseByMethod = new HashMap<>();
        private final MonitorStalls all = new MonitorStalls();
        private long binEvents;
        private final IdFlags binClasses;
        /**
         * The site of a stall by stack and monitor map kind, which are all that decide it: worked out on the
         * first stall of each pair ({@link #NO_SITE} when it is none of this detector's), then one lookup.
         */
        private final LongObjectMap<Object> siteByStackAndKind = new LongObjectMap<>();
        private static final Object NO_SITE = new Object();
        private final MapUse.Recorder mapUse;

        Acc(AnalysisContext ctx, Settings settings) {
            this.ctx = ctx;
            this.settings = settings;
            this.binClasses = new IdFlags(id -> ctx.symbols().stringAt(id).startsWith(CHM_INNER_CLASS));
            this.mapUse = new MapUse.Recorder(ctx, mapUseByMethod);
        }

        @Override
        public Set<EventKind> kinds() {
            return EnumSet.of(EventKind.MONITOR_BLOCKED, EventKind.EXECUTION_SAMPLE);
        }

        @Override
        public void monitorBlocked(MonitorBlocked e) {
            all.add(e);
            if (binClasses.test(e.monitorClass())) {
                binEvents++; // bin locks: BinContentionDetector
                return;
            }
            MapKind monitorKind = ctx.mapKindOfClass(e.monitorClass());
            long pair = (long) e.stack() << 8 | (monitorKind == null ? 0 : monitorKind.ordinal() + 1);
            Object known = siteByStackAndKind.get(pair);
            if (known == null) {
                Site found = site(e.stack(), monitorKind);
                known = found == null ? NO_SITE : found;
                siteByStackAndKind.put(pair, known);
            }
            if (known == NO_SITE) {
                return;
            }
            Site site = (Site) known;
            MapOperation op = ctx.mapOperation(e.stack());
            site.aggregate.add(e.stack(), e.durationNanos(), e.thread(), e.startNanos(), true);
            if (op != null) {
                site.nanosByOperation[op.operation().ordinal()] += e.durationNanos();
            }
            MonitorStats monitor = site.monitorIndex.get(e.address());
            if (monitor == null) {
                monitor = new MonitorStats(e.monitorClass());
                site.monitors.put(e.address(), monitor);
                site.monitorIndex.put(e.address(), monitor);
            }
            monitor.add(e.durationNanos());
            if (e.previousOwner() >= 0) {
                site.owners.set(e.previousOwner());
            }
        }

        /** The site stalls on this stack and monitor kind count to, or null when they are not this detector's. */
        private Site site(int stack, MapKind monitorKind) {
            MapOperation op = ctx.mapOperation(stack);
            int top = ctx.symbols().topFrame(stack);
            boolean mapCodeLocked = op != null && op.callbackFrame() == Symbols.NONE;
            Site site;
            if (mapCodeLocked) {
                site = site(Guard.MAP_MONITOR, op.callSiteFrame(), op.kind());
            } else if (SELF_LOCKING.contains(monitorKind)) {
                site = site(Guard.MAP_MONITOR, top, monitorKind);
            } else if (top == Symbols.NONE) {
                return null;
            } else if (op != null) {
                site = site(Guard.INSIDE_MAP_OPERATION, op.callSiteFrame(), op.kind());
                site.lockFrame = Math.max(site.lockFrame, top);
                site.callbackFrame = Math.max(site.callbackFrame, callbackUserFrame(ctx, stack, op.callbackFrame()));
            } else if (!isJdk(ctx.symbols().methodClass(ctx.symbols().frameMethod(top)))) {
                site = site(Guard.AROUND_MAP_CALL, top, monitorKind);
            } else {
                return null;
            }
            return site;
        }

        @Override
        public void executionSample(ExecutionSample e) {
            mapUse.record(e.stack());
        }

        private Site site(Guard guard, int frame, MapKind kind) {
            int method = frame < 0 ? Symbols.NONE : ctx.symbols().frameMethod(frame);
            int line = frame < 0 ? -1 : ctx.symbols().frameLine(frame);
            Site s = sites.computeIfAbsent(new SiteKey(guard, method, line, kind), k -> new Site(frame));
            s.frame = Math.max(s.frame, frame); // as in merge: the same frame whatever the event order
            return s;
        }

        @Override
        public void merge(Accumulator other) {
            Acc o = (Acc) other;
            all.merge(o.all);
            binEvents += o.binEvents;
            o.sites.forEach((k, s) -> sites.merge(k, s, (a, b) -> {
                a.merge(b);
                return a;
            }));
            o.mapUseByMethod.forEach((k, u) -> mapUseByMethod.merge(k, u, (a, b) -> {
                a.merge(b);
                return a;
            }));
        }

        /**
         * A site that turned out to be map contention, with what it is known by: the operation is null where
         * no stack showed one, the use is the CPU evidence that tied a synchronized section to a map, if any.
         */
        private record Resolved(SiteKey key, Site site, MapKind kind, Operation operation, MapUse use) {
        }

        @Override
        public List<Finding> findings() {
            List<Resolved> resolved = new ArrayList<>();
            sites.forEach((key, site) -> {
                MapUse use = key.guard() == Guard.AROUND_MAP_CALL ? mapUseByMethod.get(key.method()) : null;
                if (key.kind() != null) {
                    resolved.add(new Resolved(key, site, key.kind(),
                            use == null ? site.operation() : use.operation(), use));
                } else if (use != null) {
                    resolved.add(new Resolved(key, site, use.kind(), use.operation(), use));
                }
            });
            resolved.sort(Comparator.comparingLong((Resolved r) -> r.site().aggregate.weight()).reversed()
                    .thenComparing(r -> ctx.frameLabel(r.site().frame)));
            double threadNanos = threadNanos(ctx, all.contenders);
            List<Finding> out = new ArrayList<>();
            long mapBlocked = 0;
            long mapEvents = 0;
            for (Resolved r : resolved) {
                mapBlocked += r.site().aggregate.weight();
                mapEvents += r.site().aggregate.count();
                double costShare = r.site().aggregate.weight() / threadNanos;
                if (costShare >= settings.minCostShare() && out.size() < settings.maxFindings()) {
                    out.add(finding(r, costShare));
                }
            }
            if (out.isEmpty()) {
                out.add(ok(mapBlocked, mapEvents, mapBlocked / threadNanos, resolved));
            }
            return out;
        }

        private Finding finding(Resolved r, double costShare) {
            Site s = r.site();
            SiteAggregate a = s.aggregate;
            String site = ctx.frameLabel(s.frame);
            String kindName = r.kind().displayName();
            String operation = r.operation() == null ? "" : operationName(r.operation());
            double shareOfBlocked = all.share(a.weight());
            Map<String, Object> v = new HashMap<>();
            v.put("site", site);
            v.put("kind", titleKind(r.kind()));
            v.put("operation", operation);
            v.put("stalls", plural(a.count(), "stall"));
            v.put("times", plural(a.count(), "time"));
            putDurations(v, a);
            v.put("costShare", Format.percent(costShare));
            v.put("shareOfBlocked", Format.percent(shareOfBlocked));
            v.put("monitor", monitorNames(s));
            String thresholdNote = thresholdNote(ctx, "jdk.JavaMonitorEnter");
            v.put("thresholdSentence", thresholdSentence(thresholdNote));

            String title;
            String explanation;
            String fix;
            switch (r.key().guard()) {
                case MAP_MONITOR -> {
                    title = titleKind(r.kind()) + " contention at " + ctx.shortFrameLabel(s.frame);
                    v.put("functionSentence", RUNS_FUNCTION.contains(r.operation())
                            ? FUNCTION_SENTENCE.render(v) : "");
                    explanation = EXPLAIN_MAP_MONITOR.render(v);
                    v.put("kindCall", kindCall(r.kind()));
                    v.put("operationFix", RUNS_FUNCTION.contains(r.operation())
                            ? FIX_ATOMIC_OPERATION.render(v) : FIX_READ_MODIFY_WRITE);
                    v.put("nullFix", r.kind() == MapKind.SYNCHRONIZED_MAP ? NULL_FIX_WRAPPER
                            : r.kind() == MapKind.HASHTABLE ? NULL_FIX_HASHTABLE : "");
                    fix = FIX_MAP_MONITOR.render(v);
                }
                case INSIDE_MAP_OPERATION -> {
                    title = "Lock taken inside " + r.kind().displayName() + "." + operation + " at " + ctx.shortFrameLabel(s.frame);
                    v.put("lockSite", ctx.frameLabel(s.lockFrame));
                    v.put("callback", ctx.frameLabel(s.callbackFrame));
                    explanation = EXPLAIN_INSIDE.render(v);
                    fix = FIX_INSIDE.render(v);
                }
                default -> {
                    title = "synchronized " + r.kind().displayName() + " contention at " + ctx.shortFrameLabel(s.frame);
                    v.put("kind", r.kind().displayName());
                    if (r.key().kind() != null) {
                        v.put("evidence", EVIDENCE_MAP_OBJECT.render(v));
                    } else {
                        v.put("samples", plural(r.use().samples, "time"));
                        v.put("method", ctx.symbols().methodLabel(r.key().method()));
                        v.put("evidence", EVIDENCE_SAMPLES.render(v));
                    }
                    explanation = EXPLAIN_AROUND.render(v);
                    v.put("makeConcurrent", r.kind() == MapKind.CONCURRENT_HASH_MAP ? ""
                            : "make the " + r.kind().displayName() + " a ConcurrentHashMap and ");
                    fix = FIX_AROUND.render(v);
                }
            }

            Evidence.Builder ev = Evidence.builder()
                    .metric("blocked total", a.weight(), Unit.NANOS)
                    .metric("stalls", a.count(), Unit.COUNT)
                    .metric("cost share (of contending threads' time)", costShare, Unit.FRACTION)
                    .metric("share of all monitor blocking", shareOfBlocked, Unit.FRACTION)
                    .metric("contending threads", all.contenders.cardinality(), Unit.COUNT)
                    .metric("all monitor blocking", all.blockedNanos, Unit.NANOS)
                    .callSite(a.toCallSite(ctx, site, kindName, operationOrNull(r.operation()), Unit.NANOS,
                            shareOfBlocked));
            if (r.use() != null) {
                ev.metric("CPU samples of " + ctx.symbols().methodLabel(r.key().method()) + " in map code",
                        r.use().samples, Unit.COUNT);
            }
            addMonitors(ctx, ev, s.monitors);
            ev.window(new Evidence.TimeWindow(ctx.offsetSeconds(a.firstNanos()), ctx.offsetSeconds(a.lastNanos()),
                    "stalls at " + ctx.shortFrameLabel(s.frame)));
            if (!s.owners.isEmpty()) {
                ev.note("Previous owners of the monitor: " + threadNames(ctx, s.owners) + ".");
            }
            if (thresholdNote != null) {
                ev.note(thresholdNote);
            }
            return Finding.scored(ID, Scores.fromCostShare(costShare), title, SUMMARY.render(v), explanation, fix,
                    ev.build());
        }

        private Finding ok(long mapBlocked, long mapEvents, double costShare, List<Resolved> resolved) {
            String thresholdNote = thresholdNote(ctx, "jdk.JavaMonitorEnter");
            Map<String, Object> v = new HashMap<>();
            v.put("thresholdSentence", thresholdSentence(thresholdNote));
            v.put("minShare", Format.percent(settings.minCostShare()));
            String summary;
            if (mapEvents == 0) {
                v.put("stalls", plural(all.events, "monitor stall"));
                v.put("blocked", all.events == 0 ? "" : " (" + Format.nanos(all.blockedNanos) + ")");
                v.put("binStalls", binEvents == 0 ? "" : " (" + Format.count(binEvents)
                        + " were on ConcurrentHashMap bins, which map.bin-contention looks at)");
                summary = OK_NONE.render(v);
            } else {
                v.put("stalls", plural(mapEvents, "stall"));
                v.put("blocked", Format.nanos(mapBlocked));
                v.put("costShare", Format.percent(costShare));
                summary = OK_SMALL.render(v);
            }
            Evidence.Builder ev = Evidence.builder()
                    .metric("map monitor blocking", mapBlocked, Unit.NANOS)
                    .metric("all monitor blocking", all.blockedNanos, Unit.NANOS)
                    .metric("monitor stalls", all.events, Unit.COUNT);
            for (Resolved r : resolved.subList(0, Math.min(resolved.size(), settings.maxFindings()))) {
                ev.callSite(r.site().aggregate.toCallSite(ctx, ctx.frameLabel(r.site().frame), r.kind().displayName(),
                        operationOrNull(r.operation()), Unit.NANOS,
                        all.share(r.site().aggregate.weight())));
            }
            if (thresholdNote != null) {
                ev.note(thresholdNote);
            }
            String title = "No map monitor contention" + aboveThreshold(ctx, "jdk.JavaMonitorEnter");
            return Finding.ok(ID, title, summary, ev.build());
        }

        private String monitorNames(Site s) {
            // A monitor whose class the recording does not name (id -1, a damaged pool) sorts as "(unknown)".
            return s.monitors.values().stream().map(m -> java.util.Objects.requireNonNullElse(
                            ctx.symbols().stringAt(m.monitorClass), "(unknown)")).distinct().sorted()
                    .reduce((x, y) -> x + ", " + y).orElse("(unknown)");
        }
    }

    private static String titleKind(MapKind kind) {
        return kind == MapKind.SYNCHRONIZED_MAP ? "synchronizedMap" : kind.displayName();
    }

    private static String kindCall(MapKind kind) {
        return switch (kind) {
            case SYNCHRONIZED_MAP -> "Collections.synchronizedMap(...) wrapper";
            case HASHTABLE -> "Hashtable";
            default -> kind.displayName();
        };
    }
}
