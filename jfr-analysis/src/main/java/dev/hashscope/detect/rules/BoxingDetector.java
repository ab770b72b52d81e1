package dev.hashscope.detect.rules;

import dev.hashscope.detect.Accumulator;
import dev.hashscope.detect.AnalysisContext;
import dev.hashscope.detect.Detector;
import dev.hashscope.detect.Evidence;
import dev.hashscope.detect.Finding;
import dev.hashscope.detect.IdFlags;
import dev.hashscope.detect.IdTable;
import dev.hashscope.detect.IntLongMap;
import dev.hashscope.detect.Scores;
import dev.hashscope.detect.SiteAggregate;
import dev.hashscope.detect.Template;
import dev.hashscope.detect.Unit;
import dev.hashscope.event.AllocationSample;
import dev.hashscope.event.EventKind;
import dev.hashscope.event.ExecutionSample;
import dev.hashscope.event.Symbols;
import dev.hashscope.mapop.MapKind;
import dev.hashscope.mapop.MapOperation;
import dev.hashscope.text.Format;
import dev.hashscope.summary.Capability;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Boxed primitives allocated for map keys and values: {@code java.lang.Integer}, {@code Long}, ... allocated
 * either inside a map operation (the {@code Long::sum} of a {@code merge}, a {@code computeIfAbsent}
 * loader), or by autoboxing in a method that calls a map, i.e. the first frame below {@code Integer.valueOf}
 * is a method seen as the call site of a map operation anywhere in the recording. Grouped per method, named
 * by its heaviest line.
 *
 * <p>Cost share: boxed bytes at map sites / all allocated bytes, mapped by {@link Scores#fromCostShare};
 * {@link Settings} sets the allocation-rate floors below which it does not count.
 */
public final class BoxingDetector implements Detector {
    public static final String ID = "map.boxing";
    /** Highest score that is still INFO ({@link dev.hashscope.detect.Severity#ofScore}: 75 is WARNING). */
    private static final int INFO_CEILING = 74;
    private static final int INFO_FLOOR = 25;
    /**
     * The boxes and their size with compressed class pointers (the default): a 12-byte header plus the value,
     * 8-byte aligned.
     */
    private static final Map<String, Integer> BOX_BYTES = Map.of(
            "java.lang.Integer", 16, "java.lang.Long", 24, "java.lang.Short", 16, "java.lang.Byte", 16,
            "java.lang.Character", 16, "java.lang.Double", 24, "java.lang.Float", 16, "java.lang.Boolean", 16);

    private static final Template TITLE = Template.of("Boxing of {types} at {site}");
    private static final Template SUMMARY = Template.of(
            "{site} allocated {bytes} of boxes ({breakdown}; {share} of all allocated bytes, {rate}, about"
                    + " {boxesPerSecond} objects per second).");
    private static final Template SUMMARY_INSIDE = Template.of(
            " {insideBytes} of it inside the {kind} call itself (in {callbacks}),");
    private static final Template SUMMARY_CALLER = Template.of(
            " {callerBytes} by autoboxing on {lines}, which {verb} the map.");
    private static final Template SUMMARY_INSIDE_ONLY = Template.of(
            " All of it inside the {kind} call itself (in {callbacks}).");
    private static final Template EXPLANATION = Template.of(
            "A map holds objects, so every primitive key or value passed to it is boxed: Integer.valueOf and"
                    + " Long.valueOf return cached boxes only for -128..127 and allocate a new one for anything"
                    + " else. A counter kept as a Map<Integer, Long>, for example, allocates a key box for every get,"
                    + " put or merge and a value box for every new count. The boxes die young, but at {rate} they"
                    + " keep the young collector busy, and boxed keys add a pointer chase and an equals call to"
                    + " every lookup.");
    private static final Template FIX = Template.of(
            "Avoid the boxes at {callSite}; the JDK has no primitive-specialised maps, so: keep a mutable counter"
                    + " as the value, map.computeIfAbsent(key, k -> new LongAdder()).increment() in a"
                    + " ConcurrentHashMap (or an AtomicLong, or a long[1] in a map used by one thread), which boxes"
                    + " the value once per key instead of once per update; merge(key, 1L, Long::sum) still boxes"
                    + " the key and every new sum. When the keys are dense small ints (ids, bucket numbers), an"
                    + " int[] or long[] indexed by the key removes the map and both boxes. A primitive collections"
                    + " library removes both boxes as well (fastutil's Int2LongOpenHashMap.addTo, Eclipse"
                    + " Collections' IntLongHashMap.addToValue): an option, not a requirement.");
    private static final Template OK_NONE = Template.of(
            "Looked at {bytes} of allocation: none was boxed primitives for map keys and values.");
    private static final Template OK_SUMMARY = Template.of(
            "Looked at {bytes} of allocation: {boxedBytes} ({share}) were boxed primitives for map keys and"
                    + " values, too little to be worth a change.");

    private final Settings settings;

    public BoxingDetector() {
        this(Settings.DEFAULTS);
    }

    public BoxingDetector(Settings settings) {
        this.settings = settings;
    }

    /**
     * @param minBytesPerSecond     boxing below this rate at a site is too little to report, whatever its share
     *                              (default 1 MB/s: 65,000 Integers a second)
     * @param warningBytesPerSecond boxing below this rate scores at most INFO (default 50 MB/s): a large share
     *                              of a small allocation rate costs the collector little
     * @param maxFindings           sites reported, costliest first (default 3)
     */
    public record Settings(long minBytesPerSecond, long warningBytesPerSecond, int maxFindings) {
        public static final Settings DEFAULTS = new Settings(1L << 20, 50L << 20, 3);

        public Settings {
            if (minBytesPerSecond < 0 || warningBytesPerSecond < minBytesPerSecond || maxFindings < 1) {
                throw new IllegalArgumentException("invalid settings: " + minBytesPerSecond + ", "
                        + warningBytesPerSecond + ", " + maxFindings);
            }
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Boxing of map keys and values";
    }

    @Override
    public List<Capability> requirements() {
        return List.of(Capability.ALLOCATION);
    }

    @Override
    public Accumulator newAccumulator(AnalysisContext context) {
        return new BoxingAccumulator(context, settings);
    }

    /** Boxes attributed to one method: those its map calls allocated, or those it allocated itself. */
    private static final class Site {
        final SiteAggregate agg = new SiteAggregate();
        /** Bytes per box class (by class-name id); {@link #bytesByType} names them. Primitive: added per event. */
        final IntLongMap bytesByClass = new IntLongMap();
        /** Bytes per source line of the method, and a frame to name each line by (the first seen). */
        final IntLongMap bytesByLine = new IntLongMap();
        final IntLongMap frameByLine = new IntLongMap();
        /** Inside map operations: the maps (bytes by kind ordinal, {@link #kindsSeen} a bit per kind with an entry). */
        final long[] kindBytes = new long[KINDS.length];
        int kindsSeen;
        /** Inside map operations: the code they called back into (method ids). */
        final Map<Integer, Long> callbacks = new HashMap<>();
        long insideBytes;

        void add(AllocationSample e, int type, int frame, int line) {
            agg.add(e.stack(), e.weightBytes(), e.thread(), e.timeNanos(), false);
            bytesByClass.add(type, e.weightBytes());
            bytesByLine.add(line, e.weightBytes());
            if (!frameByLine.containsKey(line)) {
                frameByLine.add(line, frame);
            }
        }

        void addKind(MapKind kind, long bytes) {
            kindBytes[kind.ordinal()] += bytes;
            kindsSeen |= 1 << kind.ordinal();
        }

        void merge(Site o) {
            agg.merge(o.agg);
            bytesByClass.addAll(o.bytesByClass);
            bytesByLine.addAll(o.bytesByLine);
            o.frameByLine.forEach((line, frame) -> {
                if (!frameByLine.containsKey(line)) {
                    frameByLine.add(line, frame);
                }
            });
            for (int i = 0; i < kindBytes.length; i++) {
                kindBytes[i] += o.kindBytes[i];
            }
            kindsSeen |= o.kindsSeen;
            o.callbacks.forEach((k, v) -> callbacks.merge(k, v, Long::sum));
            insideBytes += o.insideBytes;
        }

        /** Bytes per box class name, in name order. */
        Map<String, Long> bytesByType(Symbols symbols) {
            Map<String, Long> out = new TreeMap<>();
            bytesByClass.forEach((type, bytes) -> out.merge(symbols.stringAt(type), bytes, Long::sum));
            return out;
        }

        /** Bytes per line, in line order. */
        Map<Integer, Long> bytesByLine() {
            Map<Integer, Long> out = new TreeMap<>();
            bytesByLine.forEach((line, bytes) -> out.put(line, bytes));
            return out;
        }

        /** Bytes per map kind, in kind order. */
        Map<MapKind, Long> kinds() {
            Map<MapKind, Long> out = new EnumMap<>(MapKind.class);
            for (int i = 0; i < kindBytes.length; i++) {
                if ((kindsSeen & 1 << i) != 0) {
                    out.put(KINDS[i], kindBytes[i]);
                }
            }
            return out;
        }
    }

    private static final MapKind[] KINDS = MapKind.values();
    private static final Object NO_SITE = new Object();

    /** All allocations of one source, with this detector's sites. */
    private static final class Tally extends AllocationTotals {
        /** Boxes allocated inside map operations, by the method calling the map. */
        final Map<Integer, Site> inside = new HashMap<>();
        /** Boxes allocated outside map code, by the allocating method; counted if it calls a map. */
        final Map<Integer, Site> outside = new HashMap<>();
        /** Per stack id: its site in {@link #inside} or {@link #outside}, or NO_SITE; only stacks of boxes are asked. */
        final IdTable<Object> siteByStack = new IdTable<>();

        void merge(Tally o) {
            mergeTotals(o);
            mergeInto(inside, o.inside);
            mergeInto(outside, o.outside);
        }
    }

    private static void mergeInto(Map<Integer, Site> into, Map<Integer, Site> from) {
        from.forEach((k, v) -> into.computeIfAbsent(k, x -> new Site()).merge(v));
    }

    private static final class BoxingAccumulator implements Accumulator {
        private final AnalysisContext ctx;
        private final Settings settings;
        private final AllocationSources<Tally> sources = new AllocationSources<>(Tally::new);
        /** Methods seen calling a map (the call site of some map operation), by method id. */
        private final BitSet mapCallers = new BitSet();
        /** The map each of those methods calls (the first seen), for the evidence. */
        private final Map<Integer, MapKind> callerKinds = new HashMap<>();
        /** Stacks whose map call sites are already in {@link #mapCallers}. */
        private final BitSet seenStacks = new BitSet();
        private final IdFlags boxClasses;

        BoxingAccumulator(AnalysisContext ctx, Settings settings) {
            this.ctx = ctx;
            this.settings = settings;
            this.boxClasses = new IdFlags(id -> BOX_BYTES.containsKey(ctx.symbols().stringAt(id)));
        }

        @Override
        public Set<EventKind> kinds() {
            // CPU samples only teach which methods call maps: more stacks, fewer boxes missed.
            return EnumSet.of(EventKind.ALLOCATION, EventKind.EXECUTION_SAMPLE);
        }

        @Override
        public void executionSample(ExecutionSample e) {
            learnMapCallers(e.stack());
        }

        @Override
        public void allocation(AllocationSample e) {
            Tally t = sources.add(e);
            learnMapCallers(e.stack());
            if (!boxClasses.test(e.objectClass()) || e.stack() < 0) {
                return;
            }
            Symbols s = ctx.symbols();
            MapOperation op = ctx.mapOperation(e.stack());
            Object known = t.siteByStack.get(e.stack());
            if (known == null) {
                known = siteOf(t, e.stack(), op);
                t.siteByStack.put(e.stack(), known);
            }
            if (known == NO_SITE) {
                return;
            }
            Site site = (Site) known;
            if (op != null) {
                int frame = op.callSiteFrame();
                site.add(e, e.objectClass(), frame, frame < 0 ? -1 : s.frameLine(frame));
                site.insideBytes += e.weightBytes();
                site.addKind(op.kind(), e.weightBytes());
                if (op.callbackFrame() >= 0) {
                    site.callbacks.merge(s.frameMethod(op.callbackFrame()), e.weightBytes(), Long::sum);
                }
                return;
            }
            int frame = allocatingFrame(e.stack());
            site.add(e, e.objectClass(), frame, s.frameLine(frame));
        }

        /** The site a stack's boxes count to (by the method calling the map, or the allocating method), or NO_SITE. */
        private Object siteOf(Tally t, int stack, MapOperation op) {
            Symbols s = ctx.symbols();
            if (op != null) {
                int frame = op.callSiteFrame();
                return t.inside.computeIfAbsent(frame < 0 ? -1 : s.frameMethod(frame), k -> new Site());
            }
            int frame = allocatingFrame(stack);
            return frame < 0 ? NO_SITE : t.outside.computeIfAbsent(s.frameMethod(frame), k -> new Site());
        }

        /** Per stack id: {@link #findAllocatingFrame} + 2 (0 = not yet worked out). */
        private int[] allocatingFrameByStack = new int[0];

        private int allocatingFrame(int stack) {
            if (stack >= allocatingFrameByStack.length) {
                allocatingFrameByStack = java.util.Arrays.copyOf(allocatingFrameByStack,
                        Math.max(stack + 1, Math.max(64, allocatingFrameByStack.length * 2)));
            }
            if (allocatingFrameByStack[stack] == 0) {
                allocatingFrameByStack[stack] = findAllocatingFrame(stack) + 2;
            }
            return allocatingFrameByStack[stack] - 2;
        }

        /** The first frame below the box class's own methods ({@code Integer.valueOf}): where the value was boxed. */
        private int findAllocatingFrame(int stack) {
            Symbols s = ctx.symbols();
            for (int frame : s.stackFrames(stack)) {
                if (!BOX_BYTES.containsKey(s.methodClass(s.frameMethod(frame)))) {
                    return frame;
                }
            }
            return -1;
        }

        private void learnMapCallers(int stack) {
            if (stack < 0 || seenStacks.get(stack)) {
                return;
            }
            seenStacks.set(stack);
            for (MapOperation o = ctx.mapOperation(stack); o != null; o = o.enclosing()) {
                if (o.callSiteFrame() >= 0) {
                    int method = ctx.symbols().frameMethod(o.callSiteFrame());
                    mapCallers.set(method);
                    callerKinds.putIfAbsent(method, o.kind());
                }
            }
        }

        @Override
        public void merge(Accumulator other) {
            BoxingAccumulator o = (BoxingAccumulator) other;
            sources.merge(o.sources, Tally::merge);
            mapCallers.or(o.mapCallers);
            o.callerKinds.forEach(callerKinds::putIfAbsent);
            seenStacks.or(o.seenStacks);
        }

        @Override
        public List<Finding> findings() {
            boolean useSampled = sources.sampledPicked();
            Tally alloc = sources.pick();
            // Decided only now: a method's map call may show up in the recording after its first boxes.
            Map<Integer, Site> sites = new HashMap<>();
            mergeInto(sites, alloc.inside);
            Map<Integer, Site> callers = new HashMap<>();
            alloc.outside.forEach((method, site) -> {
                if (method >= 0 && mapCallers.get(method)) {
                    callers.put(method, site);
                }
            });
            mergeInto(sites, callers);
            double seconds = alloc.seconds();
            List<Map.Entry<Integer, Site>> ranked = new ArrayList<>(sites.entrySet());
            ranked.sort(Comparator.<Map.Entry<Integer, Site>>comparingLong(en -> en.getValue().agg.weight()).reversed()
                    .thenComparing(en -> label(en.getValue())));
            long boxedBytes = ranked.stream().mapToLong(en -> en.getValue().agg.weight()).sum();
            List<Finding> out = new ArrayList<>();
            for (Map.Entry<Integer, Site> en : ranked) {
                Site site = en.getValue();
                double share = alloc.share(site.agg.weight());
                double rate = site.agg.weight() / seconds;
                int score = rate >= settings.minBytesPerSecond() ? Scores.fromCostShare(share) : 0;
                if (rate < settings.warningBytesPerSecond()) {
                    score = Math.min(score, INFO_CEILING);
                }
                if (out.size() < settings.maxFindings() && score >= INFO_FLOOR) {
                    out.add(finding(en.getKey(), site, score, share, alloc, useSampled));
                }
            }
            if (out.isEmpty()) {
                out.add(Finding.ok(ID, "No boxing at map call sites", (boxedBytes == 0 ? OK_NONE : OK_SUMMARY)
                                .render(Map.of(
                                "bytes", Format.bytes(alloc.bytes), "boxedBytes", Format.bytes(boxedBytes),
                                "share", Format.percent(alloc.share(boxedBytes)))),
                        Evidence.builder()
                                .metric("all allocated bytes", alloc.bytes, Unit.BYTES)
                                .metric("boxed bytes at map sites", boxedBytes, Unit.BYTES)
                                .build()));
            }
            return out;
        }

        private Finding finding(int method, Site site, int score, double share, Tally alloc, boolean sampledSource) {
            double seconds = alloc.seconds();
            int frame = heaviestFrame(site);
            Map<String, Long> bytesByType = site.bytesByType(ctx.symbols());
            List<String> types = bytesByType.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).map(Map.Entry::getKey).toList();
            double boxes = bytesByType.entrySet().stream()
                    .mapToDouble(en -> (double) en.getValue() / BOX_BYTES.get(en.getKey())).sum();
            Map<String, Object> v = new HashMap<>();
            v.put("types", types.stream().map(BoxingDetector::simpleName).collect(Collectors.joining(" and ")));
            v.put("site", ctx.shortFrameLabel(frame));
            v.put("callSite", ctx.frameLabel(frame));
            v.put("bytes", Format.bytes(site.agg.weight()));
            v.put("breakdown", types.stream().map(t -> simpleName(t) + " " + Format.bytes(bytesByType.get(t)))
                    .collect(Collectors.joining(", ")));
            v.put("share", Format.percent(share));
            v.put("rate", Format.bytes(Math.round(site.agg.weight() / seconds)) + "/s");
            v.put("boxesPerSecond", approx(boxes / seconds));
            StringBuilder summary = new StringBuilder(SUMMARY.render(v));
            long callerBytes = site.agg.weight() - site.insideBytes;
            if (site.insideBytes > 0) {
                MapKind kind = site.kinds().entrySet().stream().max(Map.Entry.<MapKind, Long>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()))).orElseThrow().getKey();
                v.put("kind", kind.displayName());
                v.put("insideBytes", Format.bytes(site.insideBytes));
                v.put("callbacks", site.callbacks.isEmpty() ? "the map's own code" : site.callbacks.entrySet().stream()
                        .sorted(Map.Entry.<Integer, Long>comparingByValue().reversed()).limit(2)
                        .map(en -> simpleName(ctx.symbols().methodClass(en.getKey())) + "."
                                + ctx.symbols().methodName(en.getKey()))
                        .collect(Collectors.joining(", ")));
                summary.append((callerBytes > 0 ? SUMMARY_INSIDE : SUMMARY_INSIDE_ONLY).render(v));
            }
            if (callerBytes > 0) {
                List<Integer> lines = site.bytesByLine().entrySet().stream()
                        .sorted(Map.Entry.<Integer, Long>comparingByValue().reversed()).map(Map.Entry::getKey).toList();
                v.put("callerBytes", Format.bytes(callerBytes));
                v.put("lines", lines.size() == 1 ? "line " + lines.get(0) : "lines " + lines.stream()
                        .map(String::valueOf).collect(Collectors.joining(", ")));
                v.put("verb", lines.size() == 1 ? "calls" : "call");
                summary.append(SUMMARY_CALLER.render(v));
            }
            Evidence.Builder ev = Evidence.builder()
                    .metric("boxed bytes", site.agg.weight(), Unit.BYTES)
                    .metric("boxed byte share", share, Unit.FRACTION)
                    .metric("boxed bytes per second", site.agg.weight() / seconds, Unit.BYTES_PER_SECOND)
                    .metric("estimated boxes per second", boxes / seconds, Unit.COUNT)
                    .metric("boxed inside the map call", site.insideBytes, Unit.BYTES)
                    .metric("all allocated bytes", alloc.bytes, Unit.BYTES);
            bytesByType.forEach((type, bytes) -> ev.metric(simpleName(type) + " bytes", bytes, Unit.BYTES));
            Set<MapKind> kinds = new LinkedHashSet<>(site.kinds().keySet());
            if (callerBytes > 0 && callerKinds.containsKey(method)) {
                kinds.add(callerKinds.get(method));
            }
            ev.callSite(site.agg.toCallSite(ctx, ctx.frameLabel(frame), kinds.isEmpty() ? null
                    : kinds.stream().map(MapKind::displayName).collect(Collectors.joining(", ")), null, Unit.BYTES,
                    share));
            ev.window(new Evidence.TimeWindow(ctx.offsetSeconds(site.agg.firstNanos()),
                    ctx.offsetSeconds(site.agg.lastNanos()), "boxing at " + ctx.shortFrameLabel(frame)));
            ev.note(sampledSource
                    ? "jdk.ObjectAllocationSample is throttled (hashscope.jfc: 1000/s); each sample's weight stands for"
                    + " the bytes its thread allocated since its previous sample, so byte totals and box counts are"
                    + " estimates."
                    : AllocationSources.TLAB_NOTE);
            ev.note("Boxes counted as 16 bytes (24 for Long and Double), the sizes with compressed class pointers.");
            if (site.insideBytes < site.agg.weight()) {
                ev.note("Boxes allocated by the method itself are counted because the method calls a map; other"
                        + " boxing in the same method is counted with them.");
            }
            return Finding.scored(ID, score, TITLE.render(v), summary.toString(), EXPLANATION.render(v), FIX.render(v),
                    ev.build());
        }

        /** The frame of the line carrying most boxed bytes: the line to change first. */
        private int heaviestFrame(Site site) {
            int line = site.bytesByLine().entrySet().stream().max(Map.Entry.<Integer, Long>comparingByValue()
                    .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()))).orElseThrow().getKey();
            return (int) site.frameByLine.get(line, Symbols.NONE);
        }

        private String label(Site site) {
            return ctx.frameLabel(heaviestFrame(site));
        }
    }

    /** 38,167,540 as "38 million", 2,125 as "2,100": estimates with the two digits they deserve. */
    private static String approx(double value) {
        long v = Math.round(value);
        if (v >= 100) {
            long unit = (long) Math.pow(10, (int) Math.log10(v) - 1);
            v = Math.round((double) v / unit) * unit;
        }
        if (v >= 1_000_000) {
            double millions = v / 1e6;
            return (millions == Math.rint(millions) ? String.valueOf((long) millions)
                    : String.format(Locale.ROOT, "%.1f", millions)) + " million";
        }
        return Format.count(v);
    }

    /** {@code java.lang.Integer} to {@code Integer}. */
    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

}
