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
 * Whole-map copies made again and again, the copy-on-write pattern ({@code next = new HashMap<>(current);
 * next.put(k, v); current = next}): allocation and CPU in map operations that copy a whole map
 * ({@code HashMap.<init>(Map)} → {@code putMapEntries}, {@code clone}, {@code Map.copyOf}), per call site,
 * including the table the copy allocates in {@code resize}.
 *
 * <p>Cost share: the larger of (bytes allocated in copies at the site / all allocated bytes) and (CPU
 * samples in copies at the site / all CPU samples), mapped by {@link Scores#fromCostShare}; the larger,
 * because a copy costs both and either alone is worth the change. {@link Settings} sets the floors below
 * which a share does not count.
 */
public final class CopyOnWriteDetector implements Detector {
    public static final String ID = "map.copy-on-write";
    /** Highest score that is still INFO ({@link dev.hashscope.detect.Severity#ofScore}: 75 is WARNING). */
    private static final int INFO_CEILING = 74;
    private static final int INFO_FLOOR = 25;

    private static final Template TITLE = Template.of("Copy-on-write {kind} at {site}");
    private static final Template SUMMARY = Template.of(
            "{site} copies whole maps: {bytes} allocated in {kind} copies ({share} of all allocated bytes, {rate}).");
    private static final Template SUMMARY_COPIES = Template.of(
            " The copies' tables have {capacity} buckets, so each copy holds {minEntries} to {maxEntries} entries:"
                    + " about {copies} copies in {seconds}, {copiesPerSecond} per second (estimated from {source}).");
    private static final Template SUMMARY_ENTRIES = Template.of(
            " At about {bytesPerEntry} B per copied entry (its node and its share of the table), that is about"
                    + " {entriesPerSecond} entries copied per second, i.e. copies per second times entries per map"
                    + " (estimated from {source}; the recording does not tell the map's size).");
    private static final Template SUMMARY_CPU = Template.of(
            " {cpuSamples} CPU samples ({cpuShare} of all) were spent copying.");
    private static final Template EXPLANATION = Template.of(
            "Copy-on-write gives readers a lock-free, immutable snapshot, and makes every write pay for a copy of"
                    + " the whole map: O(n) time and n entries of garbage to change one entry. That is fine for"
                    + " small maps written rarely; here the copies are {share} of all allocation and {cpuShare} of"
                    + " the CPU samples, and their garbage keeps the young collector busy. With several writers it"
                    + " gets worse: a writer that loses the race to publish its copy has to copy again.");
    private static final Template FIX = Template.of(
            "Stop copying the whole map on every write at {callSite}. Keep one ConcurrentHashMap and write with"
                    + " put, compute or merge: atomic per key, no copy, and reads stay lock-free. If readers need a"
                    + " consistent snapshot of several entries, use a persistent map that shares structure between"
                    + " versions (PCollections' HashTreePMap, Vavr's HashMap): a write copies O(log n) nodes, not n"
                    + " entries. Or batch writes, so that one copy carries many changes.");
    private static final Template OK_NONE = Template.of(
            "Looked at {bytes} of allocation and {cpuSamples} CPU samples: none was in whole-map copies.");
    private static final Template OK_SUMMARY = Template.of(
            "Looked at {bytes} of allocation and {cpuSamples} CPU samples: {copyBytes} ({share}) and {copyCpu} CPU"
                    + " samples were whole-map copies, too little to be worth a change.");

    private final Settings settings;

    public CopyOnWriteDetector() {
        this(Settings.DEFAULTS);
    }

    public CopyOnWriteDetector(Settings settings) {
        this.settings = settings;
    }

    /**
     * @param minBytesPerSecond     copy allocation below this rate at a site is too little to report, whatever
     *                              its share (default 1 MB/s)
     * @param warningBytesPerSecond copy allocation below this rate scores at most INFO (default 50 MB/s): a
     *                              large share of a small allocation rate costs the collector little
     * @param minCpuSamples         copy CPU at a site counts from this many samples on (default 10); fewer are
     *                              too noisy to rank
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
        return "Copy-on-write map churn";
    }

    @Override
    public List<Capability> requirements() {
        return List.of(Capability.ALLOCATION);
    }

    @Override
    public Accumulator newAccumulator(AnalysisContext context) {
        return new CopyAccumulator(context, settings);
    }

    /**
     * A call site: method and line, not frame id, since one line has a frame per way it ran (interpreted,
     * compiled, inlined). Not the map kind: one copy runs through several maps' code ({@code Map.copyOf}
     * reads the source's entry set and builds an immutable map).
     */
    private static final MapKind[] KINDS = MapKind.values();
    private static final Object NO_SITE = new Object();

    private record Key(int method, int line) {
        static Key of(AnalysisContext ctx, int frame) {
            return frame < 0 ? new Key(-1, -1) : new Key(ctx.symbols().frameMethod(frame), ctx.symbols().frameLine(frame));
        }
    }

    /** Copies at one call site, for one allocation source or for CPU. */
    private static final class Site {
        final MapOperation op;
        final SiteAggregate agg = new SiteAggregate();
        /** Weight per map kind (by ordinal); {@link #kindsSeen} has a bit for each kind with an entry. */
        final long[] weightByKind = new long[KINDS.length];
        int kindsSeen;
        /** Table length -> samples whose weight is exactly a table of that length (allocated alone). */
        final IntLongMap exactTableCounts = new IntLongMap();
        long tableBytes;

        Site(MapOperation op) {
            this.op = op;
        }

        void addKind(MapKind kind, long weight) {
            weightByKind[kind.ordinal()] += weight;
            kindsSeen |= 1 << kind.ordinal();
        }

        void merge(Site o) {
            agg.merge(o.agg);
            for (int i = 0; i < weightByKind.length; i++) {
                weightByKind[i] += o.weightByKind[i];
            }
            kindsSeen |= o.kindsSeen;
            exactTableCounts.addAll(o.exactTableCounts);
            tableBytes += o.tableBytes;
        }

        /** The map the copy builds, by weight: {@code Map.copyOf} of a HashMap is an immutable map. */
        MapKind kind() {
            int best = -1;
            for (int i = 0; i < weightByKind.length; i++) {
                // Ties go to the first kind, as before: the result must not depend on event order.
                if ((kindsSeen & 1 << i) != 0 && (best < 0 || weightByKind[i] > weightByKind[best])) {
                    best = i;
                }
            }
            return best < 0 ? op.kind() : KINDS[best];
        }
    }

    private static void mergeInto(Map<Key, Site> into, Map<Key, Site> from) {
        from.forEach((k, v) -> {
            Site mine = into.get(k);
            if (mine == null) {
                into.put(k, v);
            } else {
                mine.merge(v);
            }
        });
    }

    /** All allocations of one source, with this detector's sites. */
    private static final class Tally extends AllocationTotals {
        final Map<Key, Site> sites = new HashMap<>();
        /** Per stack id: its site in {@link #sites}, or {@link #NO_SITE} for stacks that copy no map. */
        final IdTable<Object> siteByStack = new IdTable<>();

        void merge(Tally o) {
            mergeTotals(o);
            mergeInto(sites, o.sites);
        }
    }

    private static final class CopyAccumulator implements Accumulator {
        private final AnalysisContext ctx;
        private final Settings settings;
        private final AllocationSources<Tally> sources = new AllocationSources<>(Tally::new);
        private final Map<Key, Site> cpu = new HashMap<>();
        private long cpuSamples;
        private final IdTable<Object> cpuSiteByStack = new IdTable<>();
        private final IdFlags arrayClasses;

        CopyAccumulator(AnalysisContext ctx, Settings settings) {
            this.ctx = ctx;
            this.settings = settings;
            this.arrayClasses = new IdFlags(id -> ctx.symbols().stringAt(id).startsWith("["));
        }

        /** The site of the copy a stack runs in, found in {@code sites} once per stack; null when it copies no map. */
        private Site site(int stack, Map<Key, Site> sites, IdTable<Object> byStack) {
            Object known = byStack.get(stack);
            if (known == null) {
                MapOperation copy = copyOperation(ctx.mapOperation(stack));
                known = copy == null ? NO_SITE : sites.computeIfAbsent(Key.of(ctx, copy.callSiteFrame()), k -> new Site(copy));
                byStack.put(stack, known);
            }
            return known == NO_SITE ? null : (Site) known;
        }

        @Override
        public Set<EventKind> kinds() {
            return EnumSet.of(EventKind.ALLOCATION, EventKind.EXECUTION_SAMPLE);
        }

        @Override
        public void allocation(AllocationSample e) {
            Tally t = sources.add(e);
            Site site = site(e.stack(), t.sites, t.siteByStack);
            if (site == null) {
                return;
            }
            MapOperation op = ctx.mapOperation(e.stack());
            site.agg.add(e.stack(), e.weightBytes(), e.thread(), e.timeNanos(), false);
            site.addKind(op.kind(), e.weightBytes());
            if (arrayClasses.test(e.objectClass()) && op.kind() != MapKind.IMMUTABLE_MAP) {
                site.tableBytes += e.weightBytes();
                int length = exactPowerOfTwoTable(e.weightBytes());
                if (length > 0) {
                    site.exactTableCounts.add(length, 1);
                }
            }
        }

        @Override
        public void executionSample(ExecutionSample e) {
            cpuSamples++;
            Site site = site(e.stack(), cpu, cpuSiteByStack);
            if (site != null) {
                site.agg.add(e.stack(), 1, e.thread(), e.timeNanos(), false);
                site.addKind(ctx.mapOperation(e.stack()).kind(), 1);
            }
        }

        /** The whole-map copy the stack runs in (its own operation or one it runs inside), or null. */
        private static MapOperation copyOperation(MapOperation op) {
            for (MapOperation o = op; o != null; o = o.enclosing()) {
                if (o.operation() == Operation.COPY) {
                    return o;
                }
            }
            return null;
        }

        @Override
        public void merge(Accumulator other) {
            CopyAccumulator o = (CopyAccumulator) other;
            sources.merge(o.sources, Tally::merge);
            mergeInto(cpu, o.cpu);
            cpuSamples += o.cpuSamples;
        }

        @Override
        public List<Finding> findings() {
            boolean useSampled = sources.sampledPicked();
            Tally alloc = sources.pick();
            Set<Key> keys = new LinkedHashSet<>(alloc.sites.keySet());
            keys.addAll(cpu.keySet());
            List<Cost> costs = new ArrayList<>();
            for (Key k : keys) {
                costs.add(new Cost(alloc.sites.get(k), cpu.get(k), alloc, cpuSamples, settings));
            }
            costs.sort(Comparator.comparingInt(Cost::score).reversed()
                    .thenComparing(Comparator.comparingDouble(Cost::share).reversed())
                    .thenComparing(c -> ctx.frameLabel(c.op().callSiteFrame())));
            List<Finding> out = new ArrayList<>();
            for (Cost c : costs) {
                if (out.size() < settings.maxFindings() && c.score >= INFO_FLOOR) {
                    out.add(finding(c, alloc, useSampled));
                }
            }
            if (out.isEmpty()) {
                long copyBytes = costs.stream().mapToLong(Cost::bytes).sum();
                long copyCpu = costs.stream().mapToLong(Cost::cpuSamples).sum();
                out.add(Finding.ok(ID, "No copy-on-write map churn", (copyBytes == 0 && copyCpu == 0 ? OK_NONE
                                : OK_SUMMARY).render(Map.of(
                                "bytes", Format.bytes(alloc.bytes), "cpuSamples", Format.count(cpuSamples),
                                "copyBytes", Format.bytes(copyBytes),
                                "share", Format.percent(alloc.share(copyBytes)),
                                "copyCpu", Format.count(copyCpu))),
                        Evidence.builder()
                                .metric("all allocated bytes", alloc.bytes, Unit.BYTES)
                                .metric("copy bytes", copyBytes, Unit.BYTES)
                                .metric("all CPU samples", cpuSamples, Unit.COUNT)
                                .metric("copy CPU samples", copyCpu, Unit.COUNT)
                                .build()));
            }
            return out;
        }

        private Finding finding(Cost c, Tally alloc, boolean sampledSource) {
            MapKind kind = c.alloc != null ? c.alloc.kind() : c.cpu.kind();
            int frame = c.op().callSiteFrame();
            String siteLabel = ctx.shortFrameLabel(frame);
            double seconds = alloc.seconds();
            Map<String, Object> v = new HashMap<>();
            v.put("kind", kind.displayName());
            v.put("site", siteLabel);
            v.put("callSite", ctx.frameLabel(frame));
            v.put("bytes", Format.bytes(c.bytes()));
            v.put("share", Format.percent(c.byteShare));
            v.put("rate", Format.bytes(Math.round(c.bytes() / seconds)) + "/s");
            v.put("cpuSamples", Format.count(c.cpuSamples()));
            v.put("cpuShare", Format.percent(c.cpuShare));
            v.put("source", sampledSource ? "throttled allocation samples" : "TLAB allocation events");
            v.put("seconds", Format.seconds(seconds));
            StringBuilder summary = new StringBuilder(SUMMARY.render(v));
            Evidence.Builder ev = Evidence.builder()
                    .metric("copy bytes", c.bytes(), Unit.BYTES)
                    .metric("copy byte share", c.byteShare, Unit.FRACTION)
                    .metric("copy bytes per second", c.bytes() / seconds, Unit.BYTES_PER_SECOND)
                    .metric("copy CPU samples", c.cpuSamples(), Unit.COUNT)
                    .metric("copy CPU share", c.cpuShare, Unit.FRACTION)
                    .metric("all allocated bytes", alloc.bytes, Unit.BYTES)
                    .metric("all CPU samples", cpuSamples, Unit.COUNT);
            Integer length = c.alloc == null ? null : c.alloc.exactTableCounts.sorted().entrySet().stream()
                    .max(Map.Entry.<Integer, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                    .map(Map.Entry::getKey).orElse(null);
            int bytesPerEntry = bytesPerEntry(kind);
            if (length != null) {
                // Every copy allocates exactly one table; the tables' bytes over one table's size is the copies.
                long copies = Math.max(c.alloc.exactTableCounts.get(length, 0),
                        Math.round((double) c.alloc.tableBytes / tableBytes(length)));
                v.put("capacity", Format.count(length));
                v.put("minEntries", Format.count(length * 3L / 8 + 1));
                v.put("maxEntries", Format.count(length * 3L / 4));
                v.put("copies", approx(copies));
                v.put("copiesPerSecond", approx(copies / seconds));
                summary.append(SUMMARY_COPIES.render(v));
                ev.metric("copy table buckets", length, Unit.COUNT)
                        .metric("estimated copies", copies, Unit.COUNT)
                        .metric("estimated copies per second", copies / seconds, Unit.COUNT);
            } else if (bytesPerEntry > 0 && c.bytes() > 0) {
                double entriesPerSecond = c.bytes() / seconds / bytesPerEntry;
                v.put("bytesPerEntry", bytesPerEntry);
                v.put("entriesPerSecond", approx(entriesPerSecond));
                summary.append(SUMMARY_ENTRIES.render(v));
                ev.metric("estimated entries copied per second", entriesPerSecond, Unit.COUNT);
            }
            if (c.cpuSamples() > 0) {
                summary.append(SUMMARY_CPU.render(v));
            }
            String operation = "copy";
            if (c.alloc != null) {
                ev.callSite(c.alloc.agg.toCallSite(ctx, ctx.frameLabel(frame), kind.displayName(), operation,
                        Unit.BYTES, c.byteShare));
                ev.window(new Evidence.TimeWindow(ctx.offsetSeconds(c.alloc.agg.firstNanos()),
                        ctx.offsetSeconds(c.alloc.agg.lastNanos()), "map copies at " + siteLabel));
            }
            if (c.cpu != null) {
                ev.callSite(c.cpu.agg.toCallSite(ctx, ctx.frameLabel(frame), kind.displayName(), operation,
                        Unit.COUNT, c.cpuShare));
            }
            if (sampledSource) {
                ev.note("jdk.ObjectAllocationSample is throttled (hashscope.jfc: 1000/s); each sample's weight stands"
                        + " for the bytes its thread allocated since its previous sample, so byte totals and the"
                        + " numbers of copies and entries derived from them are estimates.");
            } else {
                ev.note(AllocationSources.TLAB_NOTE);
            }
            ev.note("Sizes assume compressed references (heaps under 32 GB): a HashMap node is 32 bytes, a table of n"
                    + " buckets 16 + 4n bytes.");
            return Finding.scored(ID, c.score, TITLE.render(v), summary.toString(), EXPLANATION.render(v),
                    FIX.render(v), ev.build());
        }
    }

    /** One call site's costs and score. */
    private static final class Cost {
        final Site alloc;
        final Site cpu;
        final double byteShare;
        final double cpuShare;
        final int score;

        Cost(Site alloc, Site cpu, Tally all, long allCpu, Settings settings) {
            this.alloc = alloc;
            this.cpu = cpu;
            this.byteShare = all.share(bytes());
            this.cpuShare = allCpu == 0 ? 0 : (double) cpuSamples() / allCpu;
            double rate = bytes() / all.seconds();
            int allocScore = rate >= settings.minBytesPerSecond() ? Scores.fromCostShare(byteShare) : 0;
            if (rate < settings.warningBytesPerSecond()) {
                allocScore = Math.min(allocScore, INFO_CEILING);
            }
            int cpuScore = cpuSamples() >= settings.minCpuSamples() ? Scores.fromCostShare(cpuShare) : 0;
            this.score = Math.max(allocScore, cpuScore);
        }

        MapOperation op() {
            return alloc != null ? alloc.op : cpu.op;
        }

        long bytes() {
            return alloc == null ? 0 : alloc.agg.weight();
        }

        long cpuSamples() {
            return cpu == null ? 0 : cpu.agg.count();
        }

        double share() {
            return Math.max(byteShare, cpuShare);
        }

        int score() {
            return score;
        }
    }

    /** Bytes of a reference array: 16-byte header, 4-byte (compressed) references, 8-byte alignment. */
    private static long tableBytes(long length) {
        return (16 + 4 * length + 7) & ~7L;
    }

    /**
     * The power-of-two table length whose array is exactly {@code weight} bytes, or -1: a sample weighs exactly
     * one table when the table alone was allocated since its thread's previous sample.
     */
    private static int exactPowerOfTwoTable(long weight) {
        long length = (weight - 16) / 4;
        return length >= 2 && length <= Integer.MAX_VALUE && Long.bitCount(length) == 1
                && tableBytes(length) == weight ? (int) length : -1;
    }

    /**
     * Bytes a copy allocates per entry, or 0 where unknown: a HashMap node is 32 bytes and its share of the
     * table 4 to 11 (a copy is sized for 37.5% to 75% load), about 40 in all; a LinkedHashMap entry has two
     * more references; an immutable map stores key and value in a table of twice their number, plus the
     * entry array {@code Map.copyOf} reads the source into.
     */
    private static int bytesPerEntry(MapKind kind) {
        return switch (kind) {
            case HASH_MAP, HASH_SET, HASHTABLE, WEAK_HASH_MAP -> 40;
            case LINKED_HASH_MAP, LINKED_HASH_SET -> 48;
            case IMMUTABLE_MAP -> 20;
            default -> 0;
        };
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

}
