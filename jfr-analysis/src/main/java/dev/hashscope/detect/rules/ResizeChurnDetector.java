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
import dev.hashscope.mapop.MapKind;
import dev.hashscope.mapop.MapOperation;
import dev.hashscope.mapop.MapOperation.Operation;
import dev.hashscope.mapop.MapOperation.Phase;
import dev.hashscope.text.Format;
import dev.hashscope.summary.Capability;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maps that grow while they are filled, again and again: each doubling allocates a new table and rehashes
 * every entry into it ({@code HashMap.resize}, {@code Hashtable.rehash}, {@code ConcurrentHashMap.transfer}).
 * Measured per call site as the bytes allocated in resize work (the tables, and the nodes a
 * ConcurrentHashMap transfer re-creates) and the CPU samples spent in it.
 *
 * <p>Not counted: the first table of a ConcurrentHashMap ({@code initTable}), and resizes inside a copy or
 * a sizing constructor ({@code new HashMap<>(map)}, {@code new HashSet<>(collection)}): those allocate one
 * table of the right size, and a copy per write is the copy-on-write detector's finding. Nor a site whose
 * tables were all allocated at one exact size with no rehash work: pre-sized {@code HashMap}s, whose first
 * table {@code resize()} allocates too.
 *
 * <p>Cost share: the larger of (resize bytes at the site / all allocated bytes) and (resize CPU samples at
 * the site / all CPU samples), mapped by {@link Scores#fromCostShare}; the larger, because either one
 * alone is worth fixing and both have the same cure. {@link Settings} sets the floors below which a share
 * does not count.
 */
public final class ResizeChurnDetector implements Detector {
    public static final String ID = "map.resize-churn";
    /** Highest score that is still INFO ({@link dev.hashscope.detect.Severity#ofScore}: 75 is WARNING). */
    private static final int INFO_CEILING = 74;
    private static final int INFO_FLOOR = 25;
    /**
     * A pre-sized map allocates its one table at full size; a map grown by doubling has allocated about as
     * many bytes in smaller tables as in its last one. A site whose table bytes are nearly all tables of
     * one exact size is therefore not growing its maps.
     */
    private static final double ONE_SIZE_SHARE = 0.9;
    /**
     * Tables of one size seen this often are maps built at that size again and again; fewer can be one map
     * grown once, whose smaller tables fitted in TLABs and were not sampled at their exact size.
     */
    private static final int ONE_SIZE_MIN_TABLES = 3;

    private static final Template TITLE = Template.of("{kind} resize churn at {site}");
    private static final Template SUMMARY_BYTES = Template.of(
            "{site} allocated {bytes} in {kind} resizes ({share} of all allocated bytes, {rate}), mostly {tableClass}"
                    + " tables.");
    private static final Template SUMMARY_LADDER = Template.of(
            " The largest table seen had {capacity} buckets; that is about {maps} maps grown from {start} buckets,"
                    + " about {resizes} resizes in {seconds} (estimated from {source}; {largestSamples} tables of"
                    + " {capacity} buckets were sampled one by one, so at least that many maps reached that size).");
    private static final Template SUMMARY_NO_LADDER = Template.of(
            " The table sizes cannot be read off the samples (their weights include other allocations), so the"
                    + " number of resizes is not known; {tableSamples} table allocations were sampled, so at least that many"
                    + " resizes happened.");
    private static final Template SUMMARY_CPU = Template.of(
            " {cpuSamples} CPU samples ({cpuShare} of all) were in the resize's rehash loop at this site.");
    private static final Template EXPLANATION = Template.of(
            "A {kind} grows by doubling: when it passes 75% of its capacity, {resizeMethod} allocates a table"
                    + " twice as large and moves every entry into it. Filled from the default capacity, a map of n"
                    + " entries goes through about log2(n/12) resizes, allocates about as many bytes in discarded"
                    + " tables as in its final one, and rehashes each entry about once more. Here that happens"
                    + " {perBuild}, so it is paid again and again: garbage for the young collections, and a rehash"
                    + " loop on the path that fills the map. With G1, tables of half a region or more (from 512 KB"
                    + " on small heaps) are humongous objects, allocated straight into the old generation.");
    private static final Template FIX_KNOWN = Template.of(
            "Pre-size the map at {callSite}: its largest table had {capacity} buckets, which hold up to {entries}"
                    + " entries, so {presized} allocates that table once instead of growing into it. Better still,"
                    + " size it from the real number of entries n when the code knows it before filling (the size"
                    + " of the input it indexes): {byCount}.");
    private static final Template FIX_UNKNOWN = Template.of(
            "Pre-size the map at {callSite} for the number of entries n it will hold: {byCount}. The recording does"
                    + " not show how large its tables got, so n has to come from the code (the size of the input"
                    + " it indexes) or from logging map.size() once after it is filled.");
    private static final Template OK_NONE = Template.of(
            "Looked at {bytes} of allocation and {cpuSamples} CPU samples: none was in growing maps.{presized}");
    private static final Template OK_SUMMARY = Template.of(
            "Looked at {bytes} of allocation and {cpuSamples} CPU samples: {resizeBytes} ({share}) and {resizeCpu}"
                    + " CPU samples were in growing maps, too little to be worth a change.{presized}");

    private final Settings settings;

    public ResizeChurnDetector() {
        this(Settings.DEFAULTS);
    }

    public ResizeChurnDetector(Settings settings) {
        this.settings = settings;
    }

    /**
     * @param minBytesPerSecond     resize allocation below this rate at a site is too little to report, whatever
     *                              its share (default 1 MB/s: a few large tables per second)
     * @param warningBytesPerSecond resize allocation below this rate scores at most INFO (default 50 MB/s): a
     *                              large share of a small allocation rate costs the collector little
     * @param minCpuSamples         resize CPU at a site counts from this many samples on (default 10); fewer
     *                              are too noisy to rank
     * @param maxFindings           call sites reported, costliest first (default 3)
     */
    public record Settings(long minBytesPerSecond, long warningBytesPerSecond, int minCpuSamples, int maxFindings) {
        public static final Settings DEFAULTS = new Settings(1L << 20, 50L << 20, 10, 3);

        public Settings {
            if (minBytesPerSecond < 0 || warningBytesPerSecond < minBytesPerSecond || minCpuSamples < 1
                    || maxFindings < 1) {
                throw new IllegalArgumentException("invalid settings: " + minBytesPerSecond + ", "
                        + warningBytesPerSecond + ", " + minCpuSamples + ", " + maxFindings);
            }
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Map resize churn";
    }

    @Override
    public List<Capability> requirements() {
        return List.of(Capability.ALLOCATION);
    }

    @Override
    public Accumulator newAccumulator(AnalysisContext context) {
        return new ResizeAccumulator(context, settings);
    }

    /**
     * A call site: method and line, not frame id, since one line has a frame per way it ran (interpreted,
     * compiled, inlined); the map kind is part of it because the fix names the map's constructor.
     */
    private record Key(int method, int line, MapKind kind) {
        static Key of(AnalysisContext ctx, int frame, MapKind kind) {
            return frame < 0 ? new Key(-1, -1, kind)
                    : new Key(ctx.symbols().frameMethod(frame), ctx.symbols().frameLine(frame), kind);
        }
    }

    /** Allocation in resize work at one call site, for one allocation source. */
    private static final class AllocSite {
        final MapOperation op;
        final SiteAggregate bytes = new SiteAggregate();
        /** Bytes of table arrays, per array class id (primitive: added to once per table sample). */
        final IntLongMap tableBytesByClass = new IntLongMap();
        /** Table length -> number of samples whose weight is exactly a table of that length. */
        final IntLongMap exactTableCounts = new IntLongMap();
        /** Table allocations sampled: each a distinct table, so a lower bound of the resizes. */
        long tableEvents;

        AllocSite(MapOperation op) {
            this.op = op;
        }

        void merge(AllocSite o) {
            bytes.merge(o.bytes);
            tableBytesByClass.addAll(o.tableBytesByClass);
            exactTableCounts.addAll(o.exactTableCounts);
            tableEvents += o.tableEvents;
        }
    }

    /** CPU samples in resize work at one call site. */
    private static final class CpuSite {
        final MapOperation op;
        final SiteAggregate samples = new SiteAggregate();

        CpuSite(MapOperation op) {
            this.op = op;
        }
    }

    /** All allocations of one source, with this detector's sites. */
    private static final class Tally extends AllocationTotals {
        final Map<Key, AllocSite> sites = new HashMap<>();
        /** Per stack id: its site in {@link #sites}, or NOT_RESIZING; the stack alone decides it. */
        final IdTable<Object> siteByStack = new IdTable<>();

        void merge(Tally o) {
            mergeTotals(o);
            o.sites.forEach((k, v) -> {
                AllocSite mine = sites.get(k);
                if (mine == null) {
                    sites.put(k, v);
                } else {
                    mine.merge(v);
                }
            });
        }
    }

    private static final Object NOT_RESIZING = new Object();

    private static final class ResizeAccumulator implements Accumulator {
        private final AnalysisContext ctx;
        private final Settings settings;
        private final AllocationSources<Tally> sources = new AllocationSources<>(Tally::new);
        private final Map<Key, CpuSite> cpu = new HashMap<>();
        private long cpuSamples;
        private final IdTable<Object> cpuSiteByStack = new IdTable<>();
        private final IdFlags arrayClasses;

        ResizeAccumulator(AnalysisContext ctx, Settings settings) {
            this.ctx = ctx;
            this.settings = settings;
            this.arrayClasses = new IdFlags(id -> Tables.isArray(ctx.symbols().stringAt(id)));
        }

        @Override
        public Set<EventKind> kinds() {
            return EnumSet.of(EventKind.ALLOCATION, EventKind.EXECUTION_SAMPLE);
        }

        @Override
        public void allocation(AllocationSample e) {
            Tally t = sources.add(e);
            Object known = t.siteByStack.get(e.stack());
            if (known == null) {
                MapOperation op = resizeOperation(e.stack());
                known = op == null ? NOT_RESIZING
                        : t.sites.computeIfAbsent(Key.of(ctx, op.callSiteFrame(), op.kind()), k -> new AllocSite(op));
                t.siteByStack.put(e.stack(), known);
            }
            if (known == NOT_RESIZING) {
                return;
            }
            AllocSite site = (AllocSite) known;
            MapOperation op = ctx.mapOperation(e.stack());
            site.bytes.add(e.stack(), e.weightBytes(), e.thread(), e.timeNanos(), false);
            if (arrayClasses.test(e.objectClass())) {
                site.tableBytesByClass.add(e.objectClass(), e.weightBytes());
                site.tableEvents++;
                int length = Tables.exactLength(op.implementation(), e.weightBytes());
                if (length > 0) {
                    site.exactTableCounts.add(length, 1);
                }
            }
        }

        @Override
        public void executionSample(ExecutionSample e) {
            cpuSamples++;
            Object known = cpuSiteByStack.get(e.stack());
            if (known == null) {
                MapOperation op = resizeOperation(e.stack());
                known = op == null ? NOT_RESIZING
                        : cpu.computeIfAbsent(Key.of(ctx, op.callSiteFrame(), op.kind()), k -> new CpuSite(op));
                cpuSiteByStack.put(e.stack(), known);
            }
            if (known != NOT_RESIZING) {
                ((CpuSite) known).samples.add(e.stack(), 1, e.thread(), e.timeNanos(), false);
            }
        }

        /** The operation whose table is growing, or null when the stack is not in growth work. */
        private MapOperation resizeOperation(int stack) {
            MapOperation op = ctx.mapOperation(stack);
            if (op == null || !(op.phase() == Phase.RESIZE || op.phase() == Phase.TRANSFER
                    || op.phase() == Phase.HELP_TRANSFER)) {
                return null;
            }
            for (MapOperation o = op; o != null; o = o.enclosing()) {
                if (o.operation() == Operation.COPY || o.operation() == Operation.CONSTRUCT) {
                    return null;
                }
            }
            return op;
        }

        @Override
        public void merge(Accumulator other) {
            ResizeAccumulator o = (ResizeAccumulator) other;
            sources.merge(o.sources, Tally::merge);
            o.cpu.forEach((k, v) -> {
                CpuSite mine = cpu.get(k);
                if (mine == null) {
                    cpu.put(k, v);
                } else {
                    mine.samples.merge(v.samples);
                }
            });
            cpuSamples += o.cpuSamples;
        }

        @Override
        public List<Finding> findings() {
            boolean useSampled = sources.sampledPicked();
            Tally alloc = sources.pick();
            Set<Key> keys = new LinkedHashSet<>(alloc.sites.keySet());
            keys.addAll(cpu.keySet());
            List<Cost> costs = new ArrayList<>();
            long resizeBytes = 0;
            long resizeCpu = 0;
            int presizedSites = 0;
            for (Key k : keys) {
                Cost c = new Cost(alloc.sites.get(k), cpu.get(k), alloc, cpuSamples, settings);
                if (c.oneSizeTables()) {
                    presizedSites++;
                    continue;
                }
                resizeBytes += c.bytes();
                resizeCpu += c.cpuSamples();
                costs.add(c);
            }
            costs.sort(Comparator.comparingInt(Cost::score).reversed()
                    .thenComparing(Comparator.comparingDouble(Cost::share).reversed())
                    .thenComparing(c -> ctx.frameLabel(c.op().callSiteFrame())));
            List<Finding> out = new ArrayList<>();
            for (Cost c : costs) {
                if (out.size() < settings.maxFindings() && c.score() >= INFO_FLOOR) {
                    out.add(finding(c, alloc, useSampled));
                }
            }
            if (out.isEmpty()) {
                String presized = presizedSites == 0 ? "" : " " + Format.count(presizedSites)
                        + " call site(s) allocate their maps' tables at one size with no rehash work: pre-sized maps,"
                        + " not churn.";
                out.add(Finding.ok(ID, "No map resize churn", (resizeBytes == 0 && resizeCpu == 0 ? OK_NONE : OK_SUMMARY)
                                .render(Map.of(
                                "bytes", Format.bytes(alloc.bytes), "cpuSamples", Format.count(cpuSamples),
                                "resizeBytes", Format.bytes(resizeBytes),
                                "share", Format.percent(alloc.share(resizeBytes)),
                                "resizeCpu", Format.count(resizeCpu), "presized", presized)),
                        Evidence.builder()
                                .metric("all allocated bytes", alloc.bytes, Unit.BYTES)
                                .metric("resize bytes", resizeBytes, Unit.BYTES)
                                .metric("all CPU samples", cpuSamples, Unit.COUNT)
                                .metric("resize CPU samples", resizeCpu, Unit.COUNT)
                                .build()));
            }
            return out;
        }

        private Finding finding(Cost c, Tally alloc, boolean sampledSource) {
            MapOperation op = c.op();
            String kind = op.kind().displayName();
            String siteShort = ctx.shortFrameLabel(op.callSiteFrame());
            String site = ctx.frameLabel(op.callSiteFrame());
            double seconds = alloc.seconds();
            Ladder ladder = c.ladder();
            Map<String, Object> v = new HashMap<>();
            v.put("kind", kind);
            v.put("site", siteShort);
            v.put("bytes", Format.bytes(c.bytes()));
            v.put("share", Format.percent(c.byteShare()));
            v.put("rate", Format.bytes(Math.round(c.bytes() / seconds)) + "/s");
            v.put("tableClass", c.tableClass(ctx));
            v.put("cpuSamples", Format.count(c.cpuSamples()));
            v.put("cpuShare", Format.percent(c.cpuShare()));
            v.put("source", sampledSource ? "throttled allocation samples" : "TLAB allocation events");
            v.put("seconds", Format.seconds(seconds));
            v.put("tableSamples", Format.count(c.tableSamples()));
            StringBuilder summary = new StringBuilder(SUMMARY_BYTES.render(v));
            if (ladder != null) {
                v.put("capacity", Format.count(ladder.largest()));
                v.put("start", Format.count(ladder.start()));
                v.put("maps", approx(ladder.maps()));
                v.put("resizes", approx(ladder.resizes()));
                v.put("largestSamples", Format.count(c.site.exactTableCounts.get(ladder.largest(), 0)));
                summary.append(SUMMARY_LADDER.render(v));
            } else if (c.bytes() > 0) {
                summary.append(SUMMARY_NO_LADDER.render(v));
            }
            if (c.cpuSamples() > 0) {
                summary.append(SUMMARY_CPU.render(v));
            }
            v.put("resizeMethod", Tables.resizeMethod(op.implementation()));
            v.put("perBuild", c.spanSeconds() >= 1 ? "throughout " + Format.seconds(c.spanSeconds())
                    + " of the recording" : "within " + Format.seconds(c.spanSeconds()));
            v.put("callSite", site);
            v.put("byCount", Tables.presizeByCount(op.kind(), op.implementation()));
            String fix;
            if (ladder != null) {
                v.put("entries", Format.count(Tables.entries(op.implementation(), ladder.largest())));
                v.put("presized", Tables.presizeByCapacity(op.kind(), op.implementation(), ladder.largest()));
                fix = FIX_KNOWN.render(v);
            } else {
                fix = FIX_UNKNOWN.render(v);
            }
            Evidence.Builder ev = Evidence.builder()
                    .metric("resize bytes", c.bytes(), Unit.BYTES)
                    .metric("resize byte share", c.byteShare(), Unit.FRACTION)
                    .metric("resize bytes per second", c.bytes() / seconds, Unit.BYTES_PER_SECOND)
                    .metric("resize CPU samples", c.cpuSamples(), Unit.COUNT)
                    .metric("resize CPU share", c.cpuShare(), Unit.FRACTION)
                    .metric("all allocated bytes", alloc.bytes, Unit.BYTES)
                    .metric("all CPU samples", cpuSamples, Unit.COUNT);
            if (ladder != null) {
                ev.metric("largest table buckets", ladder.largest(), Unit.COUNT)
                        .metric("largest tables sampled", c.site.exactTableCounts.get(ladder.largest(), 0), Unit.COUNT)
                        .metric("estimated maps grown", ladder.maps(), Unit.COUNT)
                        .metric("estimated resizes", ladder.resizes(), Unit.COUNT);
            }
            String operation = op.operation().camelCase();
            if (c.site != null) {
                ev.callSite(c.site.bytes.toCallSite(ctx, site, kind, operation, Unit.BYTES, c.byteShare()));
                ev.window(new Evidence.TimeWindow(ctx.offsetSeconds(c.site.bytes.firstNanos()),
                        ctx.offsetSeconds(c.site.bytes.lastNanos()), "resize allocations at " + siteShort));
            }
            if (c.cpu != null) {
                ev.callSite(c.cpu.samples.toCallSite(ctx, site, kind, operation, Unit.COUNT, c.cpuShare()));
            }
            if (sampledSource) {
                ev.note("jdk.ObjectAllocationSample is throttled (hashscope.jfc: 1000/s); each sample's weight stands"
                        + " for the bytes its thread allocated since its previous sample, so byte totals are"
                        + " estimates and counts of maps and resizes are estimates too.");
            } else {
                ev.note(AllocationSources.TLAB_NOTE);
            }
            ev.note("Table sizes assume compressed references (heaps under 32 GB): a table of n buckets is 16 + 4n"
                    + " bytes. Maps are assumed to start at the default capacity.");
            return Finding.scored(ID, c.score(), TITLE.render(v), summary.toString(), EXPLANATION.render(v), fix,
                    ev.build());
        }
    }

    /** The growth of the maps at a site, as far as the sampled table sizes tell. */
    private record Ladder(int start, int largest, long maps, long resizes) {
    }

    /** One call site's costs and score. */
    private static final class Cost {
        final AllocSite site;
        final CpuSite cpu;
        private final double byteShare;
        private final double cpuShare;
        private final int score;

        Cost(AllocSite site, CpuSite cpu, Tally alloc, long allCpu, Settings settings) {
            this.site = site;
            this.cpu = cpu;
            this.byteShare = alloc.share(bytes());
            this.cpuShare = allCpu == 0 ? 0 : (double) cpuSamples() / allCpu;
            double rate = bytes() / alloc.seconds();
            int allocScore = rate >= settings.minBytesPerSecond() ? Scores.fromCostShare(byteShare) : 0;
            if (rate < settings.warningBytesPerSecond()) {
                allocScore = Math.min(allocScore, INFO_CEILING);
            }
            int cpuScore = cpuSamples() >= settings.minCpuSamples() ? Scores.fromCostShare(cpuShare) : 0;
            this.score = Math.max(allocScore, cpuScore);
        }

        MapOperation op() {
            return site != null ? site.op : cpu.op;
        }

        long bytes() {
            return site == null ? 0 : site.bytes.weight();
        }

        long cpuSamples() {
            return cpu == null ? 0 : cpu.samples.count();
        }

        double byteShare() {
            return byteShare;
        }

        double cpuShare() {
            return cpuShare;
        }

        double share() {
            return Math.max(byteShare, cpuShare);
        }

        int score() {
            return score;
        }

        double spanSeconds() {
            SiteAggregate a = site != null ? site.bytes : cpu.samples;
            return (a.lastNanos() - a.firstNanos()) / 1e9;
        }

        long tableSamples() {
            return site == null ? 0 : site.tableEvents;
        }

        /** The array class carrying most table bytes, e.g. {@code java.util.HashMap$Node[]}. */
        String tableClass(AnalysisContext ctx) {
            if (site == null || site.tableBytesByClass.size() == 0) {
                return "(no table arrays sampled)";
            }
            // Ties go to the lower class id, so the choice does not depend on hash order.
            int heaviest = site.tableBytesByClass.sorted().entrySet().stream().max(Map.Entry.<Integer, Long>comparingByValue()
                    .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()))).orElseThrow().getKey();
            return Tables.displayClass(ctx.symbols().stringAt(heaviest));
        }

        /**
         * True when the site's tables were all allocated at one exact size with no rehash work: maps created
         * with their final capacity ({@code HashMap.resize} allocates the first table too), not churn.
         */
        boolean oneSizeTables() {
            if (site == null || cpuSamples() > 0 || site.exactTableCounts.size() != 1
                    || site.op.implementation() != MapKind.HASH_MAP) {
                return false;
            }
            Map.Entry<Integer, Long> only = site.exactTableCounts.sorted().firstEntry();
            if (only.getValue() < ONE_SIZE_MIN_TABLES) {
                return false;
            }
            long exactBytes = only.getValue() * Tables.arrayBytes(only.getKey());
            return exactBytes >= ONE_SIZE_SHARE * site.tableBytesByClass.sum();
        }

        /** The growth ladder to the largest exactly sized table, or null when no table size is known. */
        Ladder ladder() {
            if (site == null || site.exactTableCounts.size() == 0) {
                return null;
            }
            MapKind impl = site.op.implementation();
            int largest = site.exactTableCounts.sorted().lastKey();
            List<Integer> lengths = Tables.ladder(impl, largest);
            long bytesPerMap = lengths.stream().mapToLong(Tables::arrayBytes).sum();
            // All table bytes over the tables one map allocates on its way to the largest size is the number of
            // maps; never fewer than the largest tables sampled one by one, each of which was a distinct map.
            long maps = Math.max(site.exactTableCounts.get(largest, 0), Math.round((double) site.tableBytesByClass.sum() / bytesPerMap));
            return new Ladder(Math.min(Tables.initialLength(impl), lengths.get(0)), largest, maps,
                    maps * lengths.size());
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

    /** Table arithmetic of the JDK's hash maps, and the constructors that size them. */
    private static final class Tables {
        private Tables() {
        }

        /** Bytes of a reference array: 16-byte header, 4-byte (compressed) references, 8-byte alignment. */
        static long arrayBytes(long length) {
            return (16 + 4 * length + 7) & ~7L;
        }

        static boolean isArray(String cls) {
            return cls != null && (cls.startsWith("[") || cls.endsWith("[]"));
        }

        /** JFR names arrays the JVM's way, {@code [Ljava.util.HashMap$Node;}; users read {@code java.util.HashMap$Node[]}. */
        static String displayClass(String cls) {
            if (cls == null || !cls.startsWith("[")) {
                return cls;
            }
            int dims = 0;
            while (dims < cls.length() && cls.charAt(dims) == '[') {
                dims++;
            }
            String element = cls.startsWith("L", dims) && cls.endsWith(";")
                    ? cls.substring(dims + 1, cls.length() - 1) : cls.substring(dims);
            return element + "[]".repeat(dims);
        }

        /** Whether {@code length} is a table length of {@code impl}: a power of two, or 2n+1 from 11 for Hashtable. */
        static boolean isTableLength(MapKind impl, long length) {
            if (impl == MapKind.HASHTABLE) {
                long n = length + 1;
                return n % 12 == 0 && Long.bitCount(n / 12) == 1;
            }
            return length >= 2 && Long.bitCount(length) == 1;
        }

        /**
         * The table length whose array is exactly {@code weight} bytes, or -1. A sample weighs exactly one table
         * when the table alone was allocated since its thread's previous sample (large tables, allocated outside
         * the TLAB, usually are); a weight that also covers other allocations matches no table length.
         */
        static int exactLength(MapKind impl, long weight) {
            for (long length : new long[]{(weight - 16) / 4, (weight - 20) / 4}) {
                if (length > 0 && length <= Integer.MAX_VALUE && isTableLength(impl, length)
                        && arrayBytes(length) == weight) {
                    return (int) length;
                }
            }
            return -1;
        }

        /** The table length a map of {@code impl} starts with when created without a capacity. */
        static int initialLength(MapKind impl) {
            return switch (impl) {
                case HASHTABLE -> 11;
                case IDENTITY_HASH_MAP -> 64;
                default -> 16;
            };
        }

        /**
         * The tables the resize work of one map allocates on its way to {@code largest}: a HashMap's first
         * table comes from resize() too; a ConcurrentHashMap's from initTable, and the others' from their
         * constructors, which are not resize work.
         */
        static List<Integer> ladder(MapKind impl, int largest) {
            long first = impl == MapKind.HASH_MAP ? initialLength(impl) : 2L * initialLength(impl)
                    + (impl == MapKind.HASHTABLE ? 1 : 0);
            List<Integer> lengths = new ArrayList<>();
            for (long length = first; length <= largest; length = 2 * length + (impl == MapKind.HASHTABLE ? 1 : 0)) {
                lengths.add((int) length);
            }
            // A map created with a small capacity of its own can have tables below the default ladder.
            if (lengths.isEmpty() || lengths.get(lengths.size() - 1) != largest) {
                return List.of(largest);
            }
            return lengths;
        }

        /** Entries a table of {@code length} holds before it grows. */
        static long entries(MapKind impl, long length) {
            return impl == MapKind.IDENTITY_HASH_MAP ? length / 3 : length * 3 / 4;
        }

        static String resizeMethod(MapKind impl) {
            return switch (impl) {
                case HASH_MAP -> "HashMap.resize";
                case CONCURRENT_HASH_MAP -> "ConcurrentHashMap.transfer";
                case HASHTABLE -> "Hashtable.rehash";
                case WEAK_HASH_MAP -> "WeakHashMap.resize";
                case IDENTITY_HASH_MAP -> "IdentityHashMap.resize";
                default -> "the resize";
            };
        }

        /** A Java literal with digit separators: {@code 1_048_576}. */
        private static String literal(long n) {
            return String.format(Locale.ROOT, "%,d", n).replace(',', '_');
        }

        /** The constructor call that creates the map the caller uses with the table it grew to. */
        static String presizeByCapacity(MapKind kind, MapKind impl, long length) {
            String c = literal(length);
            String e = literal(entries(impl, length));
            return switch (kind) {
                case HASH_MAP -> "new HashMap<>(" + c + ") (or HashMap.newHashMap(" + e + ") on JDK 19+)";
                case LINKED_HASH_MAP -> "new LinkedHashMap<>(" + c + ") (or LinkedHashMap.newLinkedHashMap(" + e
                        + ") on JDK 19+)";
                case HASH_SET -> "new HashSet<>(" + c + ") (or HashSet.newHashSet(" + e + ") on JDK 19+)";
                case LINKED_HASH_SET -> "new LinkedHashSet<>(" + c + ") (or LinkedHashSet.newLinkedHashSet(" + e
                        + ") on JDK 19+)";
                case CONCURRENT_HASH_MAP -> "new ConcurrentHashMap<>(" + e + ") (its argument is a number of entries)";
                case HASHTABLE -> "new Hashtable<>(" + c + ")";
                case WEAK_HASH_MAP -> "new WeakHashMap<>(" + c + ")";
                case IDENTITY_HASH_MAP -> "new IdentityHashMap<>(" + e + ") (its argument is a number of entries)";
                case PROPERTIES -> "new Properties(" + e + ")";
                default -> kind == impl ? "a constructor call with initial capacity " + c
                        : presizeByCapacity(impl, impl, length) + " for the map it wraps";
            };
        }

        /** The constructor call that sizes the map for n entries. */
        static String presizeByCount(MapKind kind, MapKind impl) {
            return switch (kind) {
                case HASH_MAP -> "HashMap.newHashMap(n) on JDK 19+, else new HashMap<>((int) (n / 0.75f) + 1)";
                case LINKED_HASH_MAP -> "LinkedHashMap.newLinkedHashMap(n) on JDK 19+, else"
                        + " new LinkedHashMap<>((int) (n / 0.75f) + 1)";
                case HASH_SET -> "HashSet.newHashSet(n) on JDK 19+, else new HashSet<>((int) (n / 0.75f) + 1)";
                case LINKED_HASH_SET -> "LinkedHashSet.newLinkedHashSet(n) on JDK 19+, else"
                        + " new LinkedHashSet<>((int) (n / 0.75f) + 1)";
                case CONCURRENT_HASH_MAP -> "new ConcurrentHashMap<>(n)";
                case HASHTABLE -> "new Hashtable<>((int) (n / 0.75f) + 1)";
                case WEAK_HASH_MAP -> "new WeakHashMap<>((int) (n / 0.75f) + 1)";
                case IDENTITY_HASH_MAP -> "new IdentityHashMap<>(n)";
                case PROPERTIES -> "new Properties(n)";
                default -> kind == impl ? "a constructor call with initial capacity (int) (n / 0.75f) + 1"
                        : presizeByCount(impl, impl) + " for the map it wraps";
            };
        }
    }
}
