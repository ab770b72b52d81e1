package dev.hashscope.detect.rules;

import dev.hashscope.detect.AnalysisContext;
import dev.hashscope.detect.Evidence;
import dev.hashscope.detect.IdTable;
import dev.hashscope.detect.SiteAggregate;
import dev.hashscope.detect.Template;
import dev.hashscope.event.MonitorBlocked;
import dev.hashscope.event.Symbols;
import dev.hashscope.mapop.MapKind;
import dev.hashscope.mapop.MapOperation;
import dev.hashscope.mapop.MapOperation.Operation;
import dev.hashscope.text.Format;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the lock detectors ({@link MonitorContentionDetector}, {@link BinContentionDetector},
 * {@link LockParkDetector}) read and report alike: the recording's threshold, the lock objects, the threads at
 * stake, the CPU evidence that ties a lock to a map, and the words for map operations.
 */
final class LockEvidence {
    /** Monitor classes of ConcurrentHashMap's bins: map.bin-contention's, left out by map.monitor-contention. */
    static final String CHM_INNER_CLASS = "java.util.concurrent.ConcurrentHashMap$";
    /** Operations that run a caller's function while the map's lock is held. */
    static final Set<Operation> RUNS_FUNCTION = EnumSet.of(Operation.COMPUTE, Operation.COMPUTE_IF_ABSENT,
            Operation.COMPUTE_IF_PRESENT, Operation.MERGE);
    /** A synchronized method often reaches its map through one private helper; deeper is guesswork. */
    private static final int CALLER_DEPTH = 2;
    private static final int MAX_MONITORS = 5;
    private static final int MAX_THREAD_NAMES = 8;
    private static final Template THRESHOLD_HID = Template.of(
            "This recording's {event} threshold is {threshold}: stalls shorter than {threshold} are not recorded"
                    + " and are invisible here, so the real waiting time is higher. Record with hashscope.jfc"
                    + " (-XX:StartFlightRecording:settings=hashscope.jfc, thresholds 100 us) to see them.");
    private static final Template THRESHOLD_UNKNOWN = Template.of(
            "The recording does not give its {event} threshold (async-profiler recordings, for one, do not): stalls"
                    + " shorter than that unknown threshold are invisible here. Record with hashscope.jfc"
                    + " (-XX:StartFlightRecording:settings=hashscope.jfc, thresholds 100 us) to know.");
    /** Thresholds up to this hide only stalls too short to matter for a map. */
    private static final long HARMLESS_THRESHOLD_NANOS = 1_000_000;

    private LockEvidence() {
    }

    /**
     * Every monitor stall of the recording, on a map or not: what the monitor detectors' shares are taken of.
     * The contenders are the waiters and the previous owners.
     */
    static final class MonitorStalls {
        final BitSet contenders = new BitSet();
        long events;
        long blockedNanos;

        void add(MonitorBlocked e) {
            events++;
            blockedNanos += e.durationNanos();
            if (e.thread() >= 0) {
                contenders.set(e.thread());
            }
            if (e.previousOwner() >= 0) {
                contenders.set(e.previousOwner());
            }
        }

        void merge(MonitorStalls o) {
            events += o.events;
            blockedNanos += o.blockedNanos;
            contenders.or(o.contenders);
        }

        /** {@code nanos} over all blocked time, 0 where nothing blocked. */
        double share(long nanos) {
            return blockedNanos == 0 ? 0 : (double) nanos / blockedNanos;
        }
    }

    /** One lock object's stalls at a site. */
    static final class MonitorStats {
        final int monitorClass;
        long count;
        long total;
        long max;

        MonitorStats(int monitorClass) {
            this.monitorClass = monitorClass;
        }

        void add(long nanos) {
            count++;
            total += nanos;
            max = Math.max(max, nanos);
        }

        void merge(MonitorStats o) {
            count += o.count;
            total += o.total;
            max = Math.max(max, o.max);
        }
    }

    /**
     * How a method uses maps, from CPU samples taken while it, or a helper it calls the map through, was in
     * a map operation: what ties a lock taken outside map code to the map it guards.
     */
    static final class MapUse {
        final long[] samplesByKind = new long[MapKind.values().length];
        final long[] samplesByOperation = new long[Operation.values().length];
        long samples;

        /**
         * Counts a CPU sample in a map operation for the calling method and the one above it. Each stack's
         * work is done once: which methods' uses a sample of that stack counts in (none outside map
         * operations) is kept per stack id.
         */
        static final class Recorder {
            private static final MapUse[] NONE = new MapUse[0];
            private final AnalysisContext ctx;
            private final Map<Integer, MapUse> byMethod;
            private final IdTable<MapUse[]> usesByStack = new IdTable<>();

            Recorder(AnalysisContext ctx, Map<Integer, MapUse> byMethod) {
                this.ctx = ctx;
                this.byMethod = byMethod;
            }

            void record(int stack) {
                if (stack < 0) {
                    return;
                }
                MapUse[] uses = usesByStack.get(stack);
                if (uses == null) {
                    uses = uses(stack);
                    usesByStack.put(stack, uses);
                }
                if (uses.length > 0) {
                    MapOperation op = ctx.mapOperation(stack);
                    for (MapUse u : uses) {
                        u.add(op);
                    }
                }
            }

            private MapUse[] uses(int stack) {
                List<MapUse> out = new ArrayList<>(CALLER_DEPTH);
                MapOperation op = ctx.mapOperation(stack);
                if (op == null || op.callSiteFrame() == Symbols.NONE) {
                    return NONE;
                }
                int[] frames = ctx.symbols().stackFrames(stack);
                int at = indexOf(frames, op.callSiteFrame());
                int previous = Symbols.NONE;
                for (int i = at; i >= 0 && i < frames.length && i < at + CALLER_DEPTH; i++) {
                    int method = ctx.symbols().frameMethod(frames[i]);
                    if (method != previous) { // recursion must not count one sample twice
                        out.add(byMethod.computeIfAbsent(method, m -> new MapUse()));
                    }
                    previous = method;
                }
                return out.toArray(NONE);
            }
        }

        private void add(MapOperation op) {
            samples++;
            samplesByKind[op.kind().ordinal()]++;
            samplesByOperation[op.operation().ordinal()]++;
        }

        void merge(MapUse o) {
            samples += o.samples;
            for (int i = 0; i < samplesByKind.length; i++) {
                samplesByKind[i] += o.samplesByKind[i];
            }
            for (int i = 0; i < samplesByOperation.length; i++) {
                samplesByOperation[i] += o.samplesByOperation[i];
            }
        }

        MapKind kind() {
            return MapKind.values()[argMax(samplesByKind, 0)];
        }

        Operation operation() {
            return Operation.values()[argMax(samplesByOperation, 0)];
        }
    }

    /**
     * The sentence saying which stalls the recording's threshold for {@code eventType} hid, or null when its
     * threshold (at most 1 ms) hides none worth mentioning.
     */
    static String thresholdNote(AnalysisContext ctx, String eventType) {
        Long threshold = ctx.thresholdNanos(eventType);
        if (threshold == null) {
            return THRESHOLD_UNKNOWN.render(Map.of("event", eventType));
        }
        return threshold > HARMLESS_THRESHOLD_NANOS ? THRESHOLD_HID.render(Map.of("event", eventType,
                "threshold", ctx.thresholdText(eventType))) : null;
    }

    /** " above 20 ms" where the threshold hid stalls, for an OK title that must not claim more than it saw. */
    static String aboveThreshold(AnalysisContext ctx, String eventType) {
        Long threshold = ctx.thresholdNanos(eventType);
        return threshold != null && threshold > HARMLESS_THRESHOLD_NANOS
                ? " above " + ctx.thresholdText(eventType) : "";
    }

    /** The costliest lock objects (by address) as evidence, ties to the lower address. */
    static void addMonitors(AnalysisContext ctx, Evidence.Builder ev, Map<Long, MonitorStats> monitors) {
        monitors.entrySet().stream()
                .sorted(Map.Entry.<Long, MonitorStats>comparingByValue(
                        Comparator.comparingLong((MonitorStats m) -> m.total).reversed())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(MAX_MONITORS)
                .forEach(m -> ev.monitor(new Evidence.Monitor(ctx.symbols().stringAt(m.getValue().monitorClass),
                        m.getKey(), m.getValue().count, m.getValue().total, m.getValue().max, null)));
    }

    /** The index of the largest value: {@code fallback} unless a value beats it, else the first of the largest. */
    static int argMax(long[] a, int fallback) {
        int best = fallback;
        for (int i = 0; i < a.length; i++) {
            if (a[i] > a[best]) {
                best = i;
            }
        }
        return best;
    }

    /** The threshold note as the last sentence of a summary: a space and the note, or nothing. */
    static String thresholdSentence(String thresholdNote) {
        return thresholdNote == null ? "" : " " + thresholdNote;
    }

    /** The waiting times of a site, as the findings' templates name them. */
    static void putDurations(Map<String, Object> v, SiteAggregate a) {
        v.put("total", Format.nanos(a.weight()));
        v.put("p50", Format.nanos(a.durations().percentile(0.50)));
        v.put("p99", Format.nanos(a.durations().percentile(0.99)));
        v.put("max", Format.nanos(a.durations().max()));
        v.put("threads", plural(a.threadCount(), "thread"));
    }

    /** Thread time at stake: the analysed span (the filter's range, if any) times the number of {@code threads}. */
    static double threadNanos(AnalysisContext ctx, BitSet threads) {
        return Math.max(1, ctx.analysedDurationNanos()) * (double) Math.max(1, threads.cardinality());
    }

    /** "1 thread", "4 threads", "2,710 stalls". */
    static String plural(long n, String noun) {
        return Format.count(n) + " " + noun + (n == 1 ? "" : "s");
    }

    /** Up to eight thread names, sorted, and how many more. */
    static String threadNames(AnalysisContext ctx, BitSet threads) {
        List<String> names = new ArrayList<>();
        threads.stream().limit(MAX_THREAD_NAMES).forEach(t -> names.add(ctx.threadName(t)));
        names.sort(null);
        int more = threads.cardinality() - names.size();
        return String.join(", ", names) + (more > 0 ? " and " + more + " more" : "");
    }

    /**
     * The user's frame a map called back into: past lambda proxies ({@code QuoteCache$$Lambda.apply}) to
     * the method they call ({@code QuoteCache.fetchQuote}).
     */
    static int callbackUserFrame(AnalysisContext ctx, int stack, int callbackFrame) {
        int[] frames = ctx.symbols().stackFrames(stack);
        int i = indexOf(frames, callbackFrame);
        while (i > 0 && ctx.symbols().methodClass(ctx.symbols().frameMethod(frames[i])).contains("$$Lambda")) {
            i--;
        }
        return i < 0 ? callbackFrame : frames[i];
    }

    private static int indexOf(int[] frames, int frame) {
        for (int i = 0; i < frames.length; i++) {
            if (frames[i] == frame) {
                return i;
            }
        }
        return -1;
    }

    /** JDK classes: their locks are not the user's to change. */
    static boolean isJdk(String className) {
        return className.startsWith("java.") || className.startsWith("javax.") || className.startsWith("jdk.")
                || className.startsWith("sun.") || className.startsWith("com.sun.");
    }

    /** The operation as evidence: its enum name, or null where unknown. */
    static String operationOrNull(Operation op) {
        return op == null ? null : op.name();
    }

    /** computeIfAbsent, as users write it. */
    static String operationName(Operation op) {
        return switch (op) {
            case GET -> "get";
            case CONTAINS -> "containsKey";
            case PUT -> "put";
            case PUT_IF_ABSENT -> "putIfAbsent";
            case REMOVE -> "remove";
            case COMPUTE -> "compute";
            case COMPUTE_IF_ABSENT -> "computeIfAbsent";
            case COMPUTE_IF_PRESENT -> "computeIfPresent";
            case MERGE -> "merge";
            case PUT_ALL -> "putAll";
            case COPY -> "copy";
            case CONSTRUCT -> "<init>";
            case CLEAR -> "clear";
            case ITERATE -> "iteration";
            case REPLACE -> "replace";
            case SIZE -> "size";
            case OTHER -> "call";
        };
    }
}
