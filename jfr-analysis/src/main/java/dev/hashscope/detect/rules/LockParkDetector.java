package dev.hashscope.detect.rules;

import static dev.hashscope.detect.rules.LockEvidence.RUNS_FUNCTION;
import static dev.hashscope.detect.rules.LockEvidence.aboveThreshold;
import static dev.hashscope.detect.rules.LockEvidence.argMax;
import static dev.hashscope.detect.rules.LockEvidence.callbackUserFrame;
import static dev.hashscope.detect.rules.LockEvidence.isJdk;
import static dev.hashscope.detect.rules.LockEvidence.operationName;
import static dev.hashscope.detect.rules.LockEvidence.operationOrNull;
import static dev.hashscope.detect.rules.LockEvidence.plural;
import static dev.hashscope.detect.rules.LockEvidence.putDurations;
import static dev.hashscope.detect.rules.LockEvidence.threadNanos;
import static dev.hashscope.detect.rules.LockEvidence.thresholdNote;
import static dev.hashscope.detect.rules.LockEvidence.thresholdSentence;

import dev.hashscope.detect.Accumulator;
import dev.hashscope.detect.AnalysisContext;
import dev.hashscope.detect.Detector;
import dev.hashscope.detect.Evidence;
import dev.hashscope.detect.Finding;
import dev.hashscope.detect.Scores;
import dev.hashscope.detect.SiteAggregate;
import dev.hashscope.detect.Template;
import dev.hashscope.detect.Unit;
import dev.hashscope.detect.rules.LockEvidence.MapUse;
import dev.hashscope.event.EventKind;
import dev.hashscope.event.ExecutionSample;
import dev.hashscope.event.Symbols;
import dev.hashscope.event.ThreadPark;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Threads parked ({@code jdk.ThreadPark}) because of a map: waiting for a {@code java.util.concurrent}
 * lock that guards a map, parked inside a map operation, or a {@code ConcurrentHashMap} writer waiting for
 * the readers of a treeified bin.
 *
 * <p>A park counts when
 * <ul>
 *   <li>the map's own code parked: {@code ConcurrentHashMap$TreeBin.contendedLock}, a writer waiting for
 *       the tree's readers. Site: the map operation's call site;</li>
 *   <li>it is inside a map operation, in code the map called back into (a mapping function waiting for a
 *       lock or a future). Site: the map operation's call site, where the fix goes;</li>
 *   <li>it acquires a {@code ReentrantLock}, {@code ReentrantReadWriteLock} or {@code StampedLock} in a
 *       method that works on a map. A park's stack ends at {@code lock()}, before any map code, so the map
 *       is known from elsewhere: CPU samples show that method (or the method it calls the map through)
 *       inside a map operation; or the park is on the same lock object (its address) as such a park, which
 *       is how a read-lock site whose short reads are never sampled is tied to the write-lock site whose
 *       map work is. Site: the method's line that calls {@code lock()}; JDK methods taking their own locks
 *       (a queue's {@code put}) are not the user's to change and are left out.</li>
 * </ul>
 * Other parks (idle pool threads waiting for work, condition waits, futures outside maps) are not map
 * costs and are left out.
 *
 * <p>Cost share of a site: its park time over the recording's duration times the distinct threads that
 * parked acquiring a lock or inside a map operation. Idle pool threads park for seconds at a time without
 * anything being wrong, so counting them would dilute the share by however large the pools are.
 */
public final class LockParkDetector implements Detector {
    public static final String ID = "map.lock-park";

    /**
     * @param minCostShare a call site is reported (INFO or WARNING) from this cost share on; default 0.01
     *                     (1% of the lock-contending threads' time, score 25)
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

    private enum Guard {
        /** ConcurrentHashMap$TreeBin's own read-write lock. */
        TREE_BIN,
        /** Parked in code a map operation called back into. */
        INSIDE_MAP_OPERATION,
        /** Acquiring a java.util.concurrent lock; a map site once evidence ties the method to a map. */
        LOCK
    }

    /** The lock APIs whose {@code lock()} appears on a parked acquirer's stack, with a name for people. */
    private enum LockType {
        WRITE_LOCK("java.util.concurrent.locks.ReentrantReadWriteLock$WriteLock", "ReentrantReadWriteLock write lock"),
        READ_LOCK("java.util.concurrent.locks.ReentrantReadWriteLock$ReadLock", "ReentrantReadWriteLock read lock"),
        REENTRANT_LOCK("java.util.concurrent.locks.ReentrantLock", "ReentrantLock"),
        STAMPED_LOCK("java.util.concurrent.locks.StampedLock", "StampedLock");

        final String className;
        final String displayName;

        LockType(String className, String displayName) {
            this.className = className;
            this.displayName = displayName;
        }

        static LockType ofClass(String className) {
            for (LockType t : values()) {
                if (t.className.equals(className)) {
                    return t;
                }
            }
            return null;
        }
    }

    private static final String LOCKS_PACKAGE = "java.util.concurrent.locks.";
    private static final String TREE_BIN_CLASS = "java.util.concurrent.ConcurrentHashMap$TreeBin";
    /** Lock objects remembered per site, to tie sites that take the same lock; a site rarely has more. */
    private static final int MAX_ADDRESSES = 64;

    private static final Template SUMMARY = Template.of(
            "{parks} at {site} ({what}), {total} parked in all (p50 {p50}, p99 {p99}, max {max}) across"
                    + " {threads}: {costShare} of the lock-contending threads' time and {shareOfParked} of"
                    + " all lock and map park time in the recording.{thresholdSentence}");
    private static final Template EXPLAIN_LOCK = Template.of(
            "Threads park at {site} waiting for a {lock} that guards a {kind}: {evidence} A lock around a whole map"
                    + " serializes the threads that share it, whichever keys they touch: {threads} parked"
                    + " {times}, each wait a trip through the scheduler (p50 {p50}).{readWriteSentence}");
    private static final Template EVIDENCE_DIRECT = Template.of(
            "CPU samples catch {method} calling {kind}.{operation} {samples}.");
    private static final Template EVIDENCE_SAME_LOCK = Template.of(
            "it is the same lock object that is taken at {lockSite}, where CPU samples catch {method} calling"
                    + " {kind}.{operation} {samples}.");
    private static final String READ_WRITE_SENTENCE =
            " Readers park too: a ReentrantReadWriteLock lets readers in only while no writer holds it or waits"
                    + " for it, so every write stops all reads, and with frequent writes the read lock buys little"
                    + " over a plain lock.";
    private static final Template FIX_LOCK = Template.of(
            "At {site}, replace the {lock}-guarded {kind} with a ConcurrentHashMap and drop the lock where it only"
                    + " protects the map: reads then take no lock at all and writes lock one bin; keep compound updates"
                    + " atomic with compute, merge or putIfAbsent. If the lock must also cover other state, hold it"
                    + " only for that and keep slow work (I/O, long computations) out of it; if writes are rare and"
                    + " whole-map consistency is what the lock is for, publish an immutable copy through a volatile"
                    + " field so readers need no lock.");
    private static final Template EXPLAIN_TREE_BIN = Template.of(
            "The parks are in ConcurrentHashMap$TreeBin.contendedLock: a treeified bin has its own read-write"
                    + " lock, and a writer that finds readers walking the tree parks until they leave. {threads}"
                    + " parked {times} at {site}. Bins become trees only when 8 or more keys share a"
                    + " bin, i.e. when the key class's hashCode collides (see map.poor-hash); the bin's monitor stalls"
                    + " are in map.bin-contention.");
    private static final Template FIX_TREE_BIN = Template.of(
            "Fix the hashCode of the key class used at {site} so that distinct keys give distinct hashes (hash all"
                    + " the fields equals compares, e.g. with Objects.hash, or make the key a record); without"
                    + " treeified bins there is no tree lock for writers to wait on.");
    private static final Template EXPLAIN_INSIDE = Template.of(
            "The threads parked in the middle of {kind}.{operation}, called at {site}: code the map called back"
                    + " into ({callback}) waited on {parkedOn}. {holdSentence} {threads} parked {times}.");
    private static final String HOLDS_BIN =
            "The compute methods of ConcurrentHashMap run their function under the bin's lock, so every writer of"
                    + " that bin waits as long as this park lasts (their stalls are in map.bin-contention).";
    private static final String HOLDS_MAP =
            "The map's monitor stays held meanwhile, so every other caller of the map waits as long.";
    private static final String HOLDS_NOTHING =
            "The map operation cannot finish until the wait ends.";
    private static final Template FIX_INSIDE = Template.of(
            "At {site}, do not wait inside {kind}.{operation}'s callback ({callback}): get what it waits for (the"
                    + " lock, the future, the remote result) before calling the map and hand the map a ready value with"
                    + " put or putIfAbsent, or store a CompletableFuture as the value so that the waiting happens"
                    + " outside the map.");
    private static final Template OK_NONE = Template.of(
            "{parks} in the recording, {lockParks} of them acquiring java.util.concurrent locks; none inside"
                    + " a map operation or on a lock shown to guard a map.{cpuSentence}{thresholdSentence}");
    private static final String NO_CPU_SAMPLES =
            " The recording has no CPU samples, so no lock could be tied to the map it guards.";
    private static final Template OK_SMALL = Template.of(
            "Parks under map operations cost {parked} in {parks}, {costShare} of the lock-contending"
                    + " threads' time, below the {minShare} worth reporting.{thresholdSentence}");

    private final Settings settings;

    public LockParkDetector() {
        this(Settings.DEFAULTS);
    }

    public LockParkDetector(Settings settings) {
        this.settings = settings;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Park time under map operations";
    }

    @Override
    public List<Capability> requirements() {
        return List.of(Capability.THREAD_PARK);
    }

    @Override
    public Accumulator newAccumulator(AnalysisContext context) {
        return new Acc(context, settings);
    }

    /** For LOCK sites the kind is known only at the end, from CPU samples. */
    private record SiteKey(Guard guard, int method, int line, MapKind kind) {
    }

    private static final class Site {
        final SiteAggregate aggregate = new SiteAggregate();
        final long[] nanosByOperation = new long[Operation.values().length];
        final long[] nanosByLock = new long[LockType.values().length];
        final Map<Integer, Long> nanosByParkedClass = new HashMap<>();
        final Set<Long> addresses = new HashSet<>();
        int frame;
        /** INSIDE_MAP_OPERATION only: the code the map called back into. */
        int callbackFrame = Symbols.NONE;

        Site(int frame) {
            this.frame = frame;
        }

        void addAddress(long address) {
            if (address != 0 && addresses.size() < MAX_ADDRESSES) {
                addresses.add(address);
            }
        }

        void merge(Site o) {
            aggregate.merge(o.aggregate);
            for (int i = 0; i < nanosByOperation.length; i++) {
                nanosByOperation[i] += o.nanosByOperation[i];
            }
            for (int i = 0; i < nanosByLock.length; i++) {
                nanosByLock[i] += o.nanosByLock[i];
            }
            o.nanosByParkedClass.forEach((c, n) -> nanosByParkedClass.merge(c, n, Long::sum));
            o.addresses.forEach(this::addAddress);
            // Any frame of the site reads the same; the larger id keeps merging order-independent.
            frame = Math.max(frame, o.frame);
            callbackFrame = Math.max(callbackFrame, o.callbackFrame);
        }

        /** The operation with the most park time; LOCK sites have none on their stacks (they park before the map). */
        Operation operation() {
            return Operation.values()[argMax(nanosByOperation, Operation.OTHER.ordinal())];
        }

        LockType lock() {
            return LockType.values()[argMax(nanosByLock, 0)];
        }

        int parkedClass() {
            return nanosByParkedClass.entrySet().stream()
                    .max(Map.Entry.<Integer, Long>comparingByValue()
                            .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                    .map(Map.Entry::getKey).orElse(Symbols.NONE);
        }
    }

    private static final class Acc implements Accumulator {
        private final AnalysisContext ctx;
        private final Settings settings;
        private final Map<SiteKey, Site> sites = new HashMap<>();
        private final Map<Integer, MapUse> mapUseByMethod = new HashMap<>();
        /** Threads seen acquiring a lock or parked inside a map operation: the thread time at stake. */
        private final BitSet contenders = new BitSet();
        private long allEvents;
        private long lockEvents;
        private long contentionParked;
        private long cpuSamples;
        private final MapUse.Recorder mapUse;

        Acc(AnalysisContext ctx, Settings settings) {
            this.ctx = ctx;
            this.settings = settings;
            this.mapUse = new MapUse.Recorder(ctx, mapUseByMethod);
        }

        @Override
        public Set<EventKind> kinds() {
            return EnumSet.of(EventKind.THREAD_PARK, EventKind.EXECUTION_SAMPLE);
        }

        @Override
        public void threadPark(ThreadPark e) {
            allEvents++;
            if (e.stack() < 0) {
                return;
            }
            Symbols sym = ctx.symbols();
            MapOperation op = ctx.mapOperation(e.stack());
            int[] frames = sym.stackFrames(e.stack());
            // Past the parking machinery (Unsafe.park, LockSupport, AQS, the lock's lock()) to its caller.
            int below = 0;
            LockType lock = null;
            while (below < frames.length && isParkingMachinery(sym.methodClass(sym.frameMethod(frames[below])))) {
                LockType t = LockType.ofClass(sym.methodClass(sym.frameMethod(frames[below])));
                lock = t == null ? lock : t;
                below++;
            }
            if (lock != null) {
                lockEvents++;
            }
            Site site;
            if (op != null && (TREE_BIN_CLASS.equals(sym.stringAt(e.parkedClass()))
                    || (below < frames.length && TREE_BIN_CLASS.equals(sym.methodClass(sym.frameMethod(frames[below])))))) {
                site = site(Guard.TREE_BIN, op.callSiteFrame(), MapKind.CONCURRENT_HASH_MAP);
            } else if (op != null) {
                site = site(Guard.INSIDE_MAP_OPERATION, op.callSiteFrame(), op.kind());
                site.callbackFrame = Math.max(site.callbackFrame, callbackUserFrame(ctx, e.stack(), op.callbackFrame()));
            } else if (lock != null && below < frames.length) {
                site = site(Guard.LOCK, frames[below], null);
                site.nanosByLock[lock.ordinal()] += e.durationNanos();
            } else {
                return;
            }
            contentionParked += e.durationNanos();
            if (e.thread() >= 0) {
                contenders.set(e.thread());
            }
            site.aggregate.add(e.stack(), e.durationNanos(), e.thread(), e.startNanos(), true);
            if (op != null) {
                site.nanosByOperation[op.operation().ordinal()] += e.durationNanos();
            }
            if (e.parkedClass() >= 0) {
                site.nanosByParkedClass.merge(e.parkedClass(), e.durationNanos(), Long::sum);
            }
            site.addAddress(e.address());
        }

        @Override
        public void executionSample(ExecutionSample e) {
            cpuSamples++;
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
            allEvents += o.allEvents;
            lockEvents += o.lockEvents;
            contentionParked += o.contentionParked;
            cpuSamples += o.cpuSamples;
            contenders.or(o.contenders);
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
         * A site that turned out to be about a map. For LOCK sites: the map use that tied it to a map, and the
         * site that use was seen at when the tie is the shared lock object (else this site's own frame); the
         * operation is then unknown (null), since only the other site's map work was sampled.
         */
        private record Resolved(SiteKey key, Site site, MapKind kind, Operation operation, MapUse use,
                                int lockSite, int useMethod) {
        }

        private List<Resolved> resolve() {
            List<Resolved> out = new ArrayList<>();
            Map<Long, Resolved> byAddress = new HashMap<>();
            List<Map.Entry<SiteKey, Site>> unresolved = new ArrayList<>();
            // Costliest first, so an address shared by several directly tied sites maps to the costliest.
            List<Map.Entry<SiteKey, Site>> ordered = new ArrayList<>(sites.entrySet());
            ordered.sort(Comparator.comparingLong((Map.Entry<SiteKey, Site> en) -> en.getValue().aggregate.weight())
                    .reversed().thenComparing(en -> ctx.frameLabel(en.getValue().frame)));
            for (Map.Entry<SiteKey, Site> en : ordered) {
                SiteKey key = en.getKey();
                Site s = en.getValue();
                if (key.guard() != Guard.LOCK) {
                    out.add(new Resolved(key, s, key.kind(), s.operation(), null, Symbols.NONE, Symbols.NONE));
                    continue;
                }
                if (isJdk(ctx.symbols().methodClass(key.method()))) {
                    continue; // e.g. LinkedBlockingQueue.put taking its own lock
                }
                MapUse use = mapUseByMethod.get(key.method());
                if (use == null) {
                    unresolved.add(en);
                    continue;
                }
                Resolved r = new Resolved(key, s, use.kind(), use.operation(), use, s.frame, key.method());
                out.add(r);
                s.addresses.stream().sorted().forEach(a -> byAddress.putIfAbsent(a, r));
            }
            for (Map.Entry<SiteKey, Site> en : unresolved) {
                en.getValue().addresses.stream().sorted().map(byAddress::get).filter(r -> r != null).findFirst()
                        .ifPresent(via -> out.add(new Resolved(en.getKey(), en.getValue(), via.kind(), null,
                                via.use(), via.lockSite(), via.useMethod())));
            }
            out.sort(Comparator.comparingLong((Resolved r) -> r.site().aggregate.weight()).reversed()
                    .thenComparing(r -> ctx.frameLabel(r.site().frame)));
            return out;
        }

        @Override
        public List<Finding> findings() {
            List<Resolved> resolved = resolve();
            double threadNanos = threadNanos(ctx, contenders);
            List<Finding> out = new ArrayList<>();
            long mapParked = 0;
            long mapEvents = 0;
            for (Resolved r : resolved) {
                mapParked += r.site().aggregate.weight();
                mapEvents += r.site().aggregate.count();
                double costShare = r.site().aggregate.weight() / threadNanos;
                if (costShare >= settings.minCostShare() && out.size() < settings.maxFindings()) {
                    out.add(finding(r, costShare));
                }
            }
            if (out.isEmpty()) {
                out.add(ok(mapParked, mapEvents, mapParked / threadNanos, resolved));
            }
            return out;
        }

        private Finding finding(Resolved r, double costShare) {
            Site s = r.site();
            SiteAggregate a = s.aggregate;
            String site = ctx.frameLabel(s.frame);
            String where = ctx.shortFrameLabel(s.frame);
            String kindName = r.kind().displayName();
            String operation = operationName(r.operation() != null ? r.operation() : r.use().operation());
            double shareOfParked = contentionParked == 0 ? 0 : (double) a.weight() / contentionParked;
            Map<String, Object> v = new HashMap<>();
            v.put("site", site);
            v.put("kind", kindName);
            v.put("operation", operation);
            v.put("parks", plural(a.count(), "park"));
            v.put("times", plural(a.count(), "time"));
            putDurations(v, a);
            v.put("costShare", Format.percent(costShare));
            v.put("shareOfParked", Format.percent(shareOfParked));
            String thresholdNote = thresholdNote(ctx, "jdk.ThreadPark");
            v.put("thresholdSentence", thresholdSentence(thresholdNote));

            String title;
            String explanation;
            String fix;
            switch (r.key().guard()) {
                case LOCK -> {
                    String lock = s.lock().displayName;
                    v.put("lock", lock);
                    v.put("what", "acquiring a " + lock + " around a " + kindName);
                    v.put("samples", plural(r.use().samples, "time"));
                    v.put("method", ctx.symbols().methodLabel(r.useMethod()));
                    v.put("lockSite", ctx.frameLabel(r.lockSite()));
                    v.put("evidence", r.lockSite() == s.frame ? EVIDENCE_DIRECT.render(v) : EVIDENCE_SAME_LOCK.render(v));
                    boolean readWrite = s.nanosByLock[LockType.READ_LOCK.ordinal()] > 0;
                    v.put("readWriteSentence", readWrite ? READ_WRITE_SENTENCE : "");
                    title = lock + " parks around " + kindName + " at " + where;
                    explanation = EXPLAIN_LOCK.render(v);
                    fix = FIX_LOCK.render(v);
                }
                case TREE_BIN -> {
                    v.put("what", "ConcurrentHashMap TreeBin writers waiting for readers");
                    title = "ConcurrentHashMap TreeBin lock parks at " + where;
                    explanation = EXPLAIN_TREE_BIN.render(v);
                    fix = FIX_TREE_BIN.render(v);
                }
                default -> {
                    int parkedClass = s.parkedClass();
                    v.put("what", "inside " + kindName + "." + operation);
                    v.put("callback", ctx.frameLabel(s.callbackFrame));
                    v.put("parkedOn", parkedClass < 0 ? "a LockSupport.park" : ctx.symbols().stringAt(parkedClass));
                    v.put("holdSentence", r.kind() == MapKind.CONCURRENT_HASH_MAP
                            && RUNS_FUNCTION.contains(r.operation()) ? HOLDS_BIN
                            : r.kind() == MapKind.HASHTABLE || r.kind() == MapKind.SYNCHRONIZED_MAP ? HOLDS_MAP
                            : HOLDS_NOTHING);
                    title = "Parks inside " + kindName + "." + operation + " at " + where;
                    explanation = EXPLAIN_INSIDE.render(v);
                    fix = FIX_INSIDE.render(v);
                }
            }

            Evidence.Builder ev = Evidence.builder()
                    .metric("parked total", a.weight(), Unit.NANOS)
                    .metric("parks", a.count(), Unit.COUNT)
                    .metric("cost share (of lock-contending threads' time)", costShare, Unit.FRACTION)
                    .metric("share of lock and map park time", shareOfParked, Unit.FRACTION)
                    .metric("lock-contending threads", contenders.cardinality(), Unit.COUNT);
            for (LockType t : LockType.values()) {
                if (s.nanosByLock[t.ordinal()] > 0) {
                    ev.metric("parked on " + t.displayName, s.nanosByLock[t.ordinal()], Unit.NANOS);
                }
            }
            if (r.use() != null) {
                ev.metric("CPU samples of " + ctx.symbols().methodLabel(r.useMethod()) + " in map code",
                        r.use().samples, Unit.COUNT);
            }
            ev.callSite(a.toCallSite(ctx, site, kindName, operationOrNull(r.operation()), Unit.NANOS, shareOfParked));
            ev.window(new Evidence.TimeWindow(ctx.offsetSeconds(a.firstNanos()), ctx.offsetSeconds(a.lastNanos()),
                    "parks at " + where));
            int parkedClass = s.parkedClass();
            if (parkedClass >= 0) {
                ev.note("Parked on " + ctx.symbols().stringAt(parkedClass) + ".");
            }
            if (thresholdNote != null) {
                ev.note(thresholdNote);
            }
            return Finding.scored(ID, Scores.fromCostShare(costShare), title, SUMMARY.render(v), explanation, fix,
                    ev.build());
        }

        private Finding ok(long mapParked, long mapEvents, double costShare, List<Resolved> resolved) {
            String thresholdNote = thresholdNote(ctx, "jdk.ThreadPark");
            Map<String, Object> v = new HashMap<>();
            v.put("thresholdSentence", thresholdSentence(thresholdNote));
            v.put("minShare", Format.percent(settings.minCostShare()));
            String summary;
            if (mapEvents == 0) {
                v.put("parks", plural(allEvents, "park"));
                v.put("lockParks", Format.count(lockEvents));
                v.put("cpuSentence", lockEvents > 0 && cpuSamples == 0 ? NO_CPU_SAMPLES : "");
                summary = OK_NONE.render(v);
            } else {
                v.put("parks", plural(mapEvents, "park"));
                v.put("parked", Format.nanos(mapParked));
                v.put("costShare", Format.percent(costShare));
                summary = OK_SMALL.render(v);
            }
            Evidence.Builder ev = Evidence.builder()
                    .metric("park time under map operations", mapParked, Unit.NANOS)
                    .metric("parks", allEvents, Unit.COUNT)
                    .metric("parks acquiring locks", lockEvents, Unit.COUNT);
            for (Resolved r : resolved.subList(0, Math.min(resolved.size(), settings.maxFindings()))) {
                ev.callSite(r.site().aggregate.toCallSite(ctx, ctx.frameLabel(r.site().frame), r.kind().displayName(),
                        operationOrNull(r.operation()), Unit.NANOS,
                        contentionParked == 0 ? 0 : (double) r.site().aggregate.weight() / contentionParked));
            }
            if (thresholdNote != null) {
                ev.note(thresholdNote);
            }
            return Finding.ok(ID, "No park time under map operations" + aboveThreshold(ctx, "jdk.ThreadPark"),
                    summary, ev.build());
        }
    }

    private static boolean isParkingMachinery(String className) {
        return className.startsWith(LOCKS_PACKAGE) || className.equals("jdk.internal.misc.Unsafe")
                || className.equals("sun.misc.Unsafe");
    }
}
