package dev.hashscope.detect.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hashscope.detect.Accumulator;
import dev.hashscope.detect.Analyzer;
import dev.hashscope.detect.Evidence;
import dev.hashscope.detect.Finding;
import dev.hashscope.detect.Scores;
import dev.hashscope.detect.Severity;
import dev.hashscope.event.AllocationSample;
import dev.hashscope.event.AllocationSample.Source;
import dev.hashscope.event.EventSink;
import dev.hashscope.event.ExecutionSample;
import dev.hashscope.event.RecordingReader;
import dev.hashscope.flame.EventFilter;
import dev.hashscope.testing.DetectorHarness;
import dev.hashscope.testing.DetectorHarness.Synthetic;
import dev.hashscope.testing.Recordings;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResizeChurnDetectorTest {
    private static final int LARGEST = 1 << 20;
    private final ResizeChurnDetector detector = new ResizeChurnDetector();
    private final Synthetic synthetic = new Synthetic();
    private final int builder = synthetic.thread("index-builder-1");
    private final int table = synthetic.klass("[Ljava.util.HashMap$Node;");
    private final int node = synthetic.klass("java.util.HashMap$Node");
    private final int bytes = synthetic.klass("[B");
    private final int resize = synthetic.stack("java.util.HashMap.resize:699", "java.util.HashMap.putVal:664",
            "java.util.HashMap.put:610", "demo.IndexBuilder.build:42", "demo.Main.main");
    private final int rehash = synthetic.stack("java.util.HashMap.resize:733", "java.util.HashMap.putVal:664",
            "java.util.HashMap.put:610", "demo.IndexBuilder.build:42", "demo.Main.main");
    private final int put = synthetic.stack("java.util.HashMap.putVal:641", "java.util.HashMap.put:610",
            "demo.IndexBuilder.build:42", "demo.Main.main");
    private final int decode = synthetic.stack("demo.Codec.decode:88", "demo.Main.main");

    /** Events in the order a test adds them, to feed one accumulator or several. */
    private final List<Consumer<EventSink>> events = new ArrayList<>();

    private void alloc(double seconds, int stack, int klass, long weight, Source source) {
        AllocationSample e = new AllocationSample(synthetic.at(seconds), builder, stack, klass, weight, source);
        events.add(s -> s.allocation(e));
    }

    private void cpu(double seconds, int stack) {
        ExecutionSample e = new ExecutionSample(synthetic.at(seconds), builder, stack);
        events.add(s -> s.executionSample(e));
    }

    /** A reference array of {@code length}, as the JVM lays it out with compressed references. */
    private static long tableBytes(long length) {
        return 16 + 4 * length;
    }

    /** Bytes of all tables one HashMap allocates in resize() growing from 16 buckets to {@code largest}. */
    private static long ladderBytes(int largest) {
        long sum = 0;
        for (long length = 16; length <= largest; length *= 2) {
            sum += tableBytes(length);
        }
        return sum;
    }

    /** {@code maps} HashMaps grown from 16 buckets to {@code largest} in [1 s, 5 s), each table sampled whole. */
    private void growMaps(int maps, int largest, int stack) {
        for (int m = 0; m < maps; m++) {
            double t = 1 + 4.0 * m / maps;
            for (long length = 16; length <= largest; length *= 2) {
                alloc(t, stack, table, tableBytes(length), Source.SAMPLED);
            }
        }
    }

    private List<Finding> run(ResizeChurnDetector d) {
        Accumulator a = synthetic.accumulator(d);
        events.forEach(e -> e.accept(a));
        return a.findings();
    }

    /** The same events dealt alternately to two accumulators, then merged. */
    private List<Finding> runMerged(ResizeChurnDetector d) {
        Accumulator a = synthetic.accumulator(d);
        Accumulator b = synthetic.accumulator(d);
        for (int i = 0; i < events.size(); i++) {
            events.get(i).accept(i % 2 == 0 ? a : b);
        }
        a.merge(b);
        return a.findings();
    }

    private static double metric(Finding f, String name) {
        return f.evidence().metrics().stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no metric " + name + " in " + f.evidence().metrics()))
                .value();
    }

    private static boolean hasMetric(Finding f, String name) {
        return f.evidence().metrics().stream().anyMatch(m -> m.name().equals(name));
    }

    @Test
    void recommendsPresizingFromTheLargestTable() {
        growMaps(40, LARGEST, resize);
        long resizeBytes = 40 * ladderBytes(LARGEST);
        // Node allocations of the same builds and unrelated work: three times the resize bytes.
        for (int i = 0; i < 300; i++) {
            alloc(1 + i / 75.0, i % 2 == 0 ? put : decode, i % 2 == 0 ? node : bytes, resizeBytes / 100, Source.SAMPLED);
        }
        double share = (double) resizeBytes / (resizeBytes + 300 * (resizeBytes / 100));

        List<Finding> findings = run(detector);

        assertEquals(1, findings.size(), findings.toString());
        Finding f = findings.get(0);
        assertEquals(ResizeChurnDetector.ID, f.detector());
        assertEquals(Severity.WARNING, f.severity());
        assertEquals(Scores.fromCostShare(share), f.score());
        assertEquals("HashMap resize churn at IndexBuilder.build:42", f.title());
        assertTrue(f.fix().contains("demo.IndexBuilder.build:42"), f.fix());
        assertTrue(f.fix().contains("new HashMap<>(1_048_576)"), f.fix());
        assertTrue(f.fix().contains("HashMap.newHashMap(786_432)"), f.fix());
        assertTrue(f.summary().contains("1,048,576 buckets") && f.summary().contains("java.util.HashMap$Node[]"),
                f.summary());
        assertEquals(LARGEST, metric(f, "largest table buckets"));
        assertEquals(40, metric(f, "estimated maps grown"));
        // 16 -> 1,048,576 is 17 tables per map, the first one allocated by resize() too.
        assertEquals(40 * 17, metric(f, "estimated resizes"));
        assertEquals(resizeBytes, metric(f, "resize bytes"));
        assertEquals(share, metric(f, "resize byte share"), 1e-12);
        Evidence.CallSite site = f.evidence().callSites().get(0);
        assertEquals("demo.IndexBuilder.build:42", site.frame());
        assertEquals("HashMap", site.mapKind());
        assertEquals("put", site.operation());
        assertEquals("java.util.HashMap.resize:699", site.stack().get(0));
        assertEquals(1.0, f.evidence().windows().get(0).startSeconds(), 1e-9);
    }

    @Test
    void mergedAccumulatorsGiveTheSameFindings() {
        growMaps(40, LARGEST, resize);
        // Three events per step, so that each kind of event reaches both accumulators.
        for (int i = 0; i < 40; i++) {
            cpu(1 + i * 0.1, i % 4 == 0 ? decode : rehash);
            cpu(1.05 + i * 0.1, rehash);
            alloc(1 + i * 0.1, decode, bytes, 1 << 20, Source.SAMPLED);
        }
        List<Finding> single = run(detector);
        assertEquals(Severity.WARNING, single.get(0).severity());
        assertEquals(single, runMerged(detector));
    }

    @Test
    void countsTheCpuInTheRehashLoopAsASecondCost() {
        // Allocation in resize is negligible; 30 of 100 CPU samples rehash.
        alloc(1, resize, table, tableBytes(16), Source.SAMPLED);
        alloc(5, decode, bytes, 1L << 30, Source.SAMPLED);
        for (int i = 0; i < 100; i++) {
            cpu(1 + i * 0.04, i < 30 ? rehash : decode);
        }

        Finding f = run(detector).get(0);

        assertEquals(Scores.fromCostShare(0.30), f.score());
        assertEquals(Severity.WARNING, f.severity());
        assertTrue(f.summary().contains("30 CPU samples (30.0% of all)"), f.summary());
        assertEquals(30, metric(f, "resize CPU samples"));
        assertEquals("java.util.HashMap.resize:733", f.evidence().callSites().get(1).stack().get(0));
    }

    @Test
    void ignoresCpuFromTooFewSamples() {
        for (int i = 0; i < 9; i++) {
            cpu(1 + i * 0.1, i < 5 ? rehash : decode);
        }
        alloc(1, decode, bytes, 1L << 30, Source.SAMPLED);

        List<Finding> findings = run(detector);

        assertEquals(1, findings.size());
        assertEquals(Severity.OK, findings.get(0).severity(), findings.toString());
        assertTrue(findings.get(0).summary().contains("5 CPU samples were in growing maps"),
                findings.get(0).summary());
    }

    @Test
    void saysSoWhenTheTablesCannotBeSizedFromTheSamples() {
        // Weights that cover more than one table (throttled samples): no table length can be read off them.
        for (int i = 0; i < 100; i++) {
            alloc(1 + i * 0.04, resize, table, 5_000_000 + 8 * i, Source.SAMPLED);
            alloc(1 + i * 0.04, decode, bytes, 5_000_000, Source.SAMPLED);
        }

        Finding f = run(detector).get(0);

        assertEquals(Scores.fromCostShare(0.5), f.score());
        assertFalse(hasMetric(f, "largest table buckets"), f.evidence().metrics().toString());
        assertTrue(f.summary().contains("cannot be read off the samples"), f.summary());
        assertTrue(f.summary().contains("100 table allocations were sampled, so at least that many resizes"),
                f.summary());
        assertTrue(f.fix().contains("HashMap.newHashMap(n)") && f.fix().contains("(int) (n / 0.75f) + 1"), f.fix());
        assertTrue(f.fix().contains("does not show how large its tables got"), f.fix());
        assertFalse(f.fix().contains("new HashMap<>(1"), f.fix());
    }

    @Test
    void resizesInsideACopyBelongToTheCopy() {
        int copy = synthetic.stack("java.util.HashMap.resize:699", "java.util.HashMap.putVal:664",
                "java.util.HashMap.putMapEntries:511", "java.util.HashMap.<init>:484", "demo.Flags.set:30",
                "demo.Main.main");
        int presizedSet = synthetic.stack("java.util.HashMap.resize:699", "java.util.HashMap.putVal:664",
                "java.util.HashMap.put:610", "java.util.HashSet.add:221", "java.util.AbstractCollection.addAll:336",
                "java.util.HashSet.<init>:121", "demo.Tags.of:12", "demo.Main.main");
        for (int i = 0; i < 100; i++) {
            alloc(1 + i * 0.04, copy, table, tableBytes(1 << 15), Source.SAMPLED);
            alloc(1 + i * 0.04, presizedSet, table, tableBytes(1 << 14), Source.SAMPLED);
            cpu(1 + i * 0.04, copy);
        }

        List<Finding> findings = run(detector);

        assertEquals(List.of(Severity.OK), findings.stream().map(Finding::severity).toList());
        assertTrue(findings.get(0).summary().contains("none was in growing maps"), findings.get(0).summary());
    }

    @Test
    void aConcurrentHashMapsFirstTableIsNotAResizeButItsTransfersAre() {
        int initTable = synthetic.stack("java.util.concurrent.ConcurrentHashMap.initTable:2296",
                "java.util.concurrent.ConcurrentHashMap.putVal:1012", "java.util.concurrent.ConcurrentHashMap.put:1006",
                "demo.Registry.add:12", "demo.Main.main");
        int transfer = synthetic.stack("java.util.concurrent.ConcurrentHashMap.transfer:2443",
                "java.util.concurrent.ConcurrentHashMap.addCount:2344",
                "java.util.concurrent.ConcurrentHashMap.putVal:1075", "java.util.concurrent.ConcurrentHashMap.put:1006",
                "demo.Registry.add:12", "demo.Main.main");
        int chmTable = synthetic.klass("[Ljava.util.concurrent.ConcurrentHashMap$Node;");
        for (int i = 0; i < 100; i++) {
            alloc(1 + i * 0.04, initTable, chmTable, tableBytes(1 << 18), Source.SAMPLED);
        }
        assertEquals(Severity.OK, run(detector).get(0).severity());

        for (int i = 0; i < 100; i++) {
            alloc(1 + i * 0.04, transfer, chmTable, tableBytes(1 << (10 + i % 8)), Source.SAMPLED);
        }
        Finding f = run(detector).get(0);
        assertEquals("ConcurrentHashMap resize churn at Registry.add:12", f.title());
        assertEquals(1 << 17, metric(f, "largest table buckets"));
        // ConcurrentHashMap's int argument is a number of entries, not a capacity.
        assertTrue(f.fix().contains("new ConcurrentHashMap<>(98_304)"), f.fix());
        assertTrue(f.explanation().contains("ConcurrentHashMap.transfer"), f.explanation());
    }

    @Test
    void hashtableTablesGrowToTwiceTheirLengthPlusOne() {
        int rehashTable = synthetic.stack("java.util.Hashtable.rehash:402", "java.util.Hashtable.addEntry:423",
                "java.util.Hashtable.put:481", "demo.Legacy.fill:9", "demo.Main.main");
        int entries = synthetic.klass("[Ljava.util.Hashtable$Entry;");
        for (int m = 0; m < 20; m++) {
            for (long length = 23; length <= 196_607; length = 2 * length + 1) {
                // An odd number of 4-byte references leaves 4 bytes of padding.
                alloc(1 + m * 0.2, rehashTable, entries, tableBytes(length) + 4, Source.SAMPLED);
            }
        }

        Finding f = run(detector).get(0);

        assertEquals("Hashtable resize churn at Legacy.fill:9", f.title());
        assertEquals(196_607, metric(f, "largest table buckets"));
        // 23, 47, ..., 196,607: 14 rehashes per map grown from the default 11.
        assertEquals(20 * 14, metric(f, "estimated resizes"));
        assertTrue(f.fix().contains("new Hashtable<>(196_607)"), f.fix());
    }

    @Test
    void mapsBuiltAtTheirFinalSizeAreNotChurn() {
        // HashMap.resize() allocates the first table of a pre-sized map too: one size, no rehash work.
        for (int i = 0; i < 100; i++) {
            alloc(1 + i * 0.04, resize, table, tableBytes(1 << 18), Source.SAMPLED);
        }

        Finding f = run(detector).get(0);

        assertEquals(Severity.OK, f.severity());
        assertTrue(f.summary().contains("pre-sized"), f.summary());

        // The same tables with the rehash loop on the CPU are maps that grew.
        for (int i = 0; i < 20; i++) {
            cpu(1 + i * 0.2, rehash);
        }
        assertEquals(Severity.WARNING, run(detector).get(0).severity());
    }

    @Test
    void aLargeShareOfALowRateIsAtMostInfo() {
        // 30% of all allocation, but only 100 tables of 64 KB in 4 s: 1.6 MB/s.
        for (int i = 0; i < 100; i++) {
            alloc(1 + i * 0.04, resize, table, tableBytes(1 << 14) + 8 * i, Source.SAMPLED);
            alloc(1 + i * 0.04, decode, bytes, (tableBytes(1 << 14) + 8 * i) * 7 / 3, Source.SAMPLED);
        }
        Finding f = run(detector).get(0);
        assertEquals(Severity.INFO, f.severity());
        assertEquals(74, f.score());

        ResizeChurnDetector strict = new ResizeChurnDetector(new ResizeChurnDetector.Settings(4L << 20, 50L << 20, 10, 3));
        assertEquals(Severity.OK, run(strict).get(0).severity());
        ResizeChurnDetector lenient = new ResizeChurnDetector(new ResizeChurnDetector.Settings(1L << 20, 1L << 20, 10, 3));
        assertEquals(Scores.fromCostShare(0.3), run(lenient).get(0).score(), 1);
    }

    @Test
    void usesTlabEventsOnlyWhenThereAreNoSampledOnes() {
        growMaps(40, LARGEST, resize);
        // TLAB events estimating the same run: weights that must not be added to the sampled ones.
        for (int i = 0; i < 50; i++) {
            alloc(1 + i * 0.08, decode, bytes, 1L << 30, Source.TLAB);
        }
        Finding sampled = run(detector).get(0);
        assertEquals(1.0, metric(sampled, "resize byte share"), 1e-12);

        events.clear();
        for (int i = 0; i < 40; i++) {
            alloc(1 + i * 0.1, resize, table, tableBytes(LARGEST), Source.TLAB);
            alloc(1 + i * 0.1, resize, table, tableBytes(LARGEST / 2), Source.TLAB);
            alloc(1 + i * 0.1, decode, bytes, tableBytes(LARGEST) + tableBytes(LARGEST / 2), Source.TLAB);
        }
        Finding tlab = run(detector).get(0);
        assertEquals(0.5, metric(tlab, "resize byte share"), 1e-12);
        assertTrue(tlab.evidence().notes().stream().anyMatch(n -> n.contains("TLAB")), tlab.evidence().notes().toString());
    }

    // ---- the committed sample recordings ----

    @Test
    void resizeStormIsAWarningAtTheIndexBuilder() throws Exception {
        List<Finding> findings = DetectorHarness.run(detector, Recordings.sample("hashmap-resize-storm.jfr"));

        Finding top = findings.get(0);
        assertEquals(Severity.WARNING, top.severity(), findings.toString());
        assertEquals("HashMap resize churn at IndexBuilder.build:19", top.title());
        assertTrue(top.fix().contains("dev.hashscope.samples.IndexBuilder.build:19"), top.fix());
        // 500,000 entries need the 1,048,576-bucket table the recording shows.
        assertTrue(top.fix().contains("new HashMap<>(1_048_576)"), top.fix());
        assertEquals(1_048_576, metric(top, "largest table buckets"));
        assertTrue(metric(top, "resize byte share") > 0.2, top.summary());
        assertTrue(metric(top, "resize CPU samples") >= 10, top.summary());
        assertEquals(1, findings.size(), findings.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"healthy-control.jfr", "copy-on-write-map.jfr", "chm-poor-hash.jfr",
            "chm-poor-hash-jdk25.jfr", "boxing-churn.jfr", "chm-compute-hot-key.jfr", "hashtable-contention.jfr",
            "hashtable-contention-default-settings.jfr"})
    void otherRecordingsHaveNoResizeChurn(String recording) throws Exception {
        List<Finding> findings = DetectorHarness.run(detector, Recordings.sample(recording));

        assertEquals(List.of(Severity.OK), findings.stream().map(Finding::severity).toList(), findings.toString());
    }

    @Test
    void copyOnWriteOutranksTheResizesInsideItsCopies() throws Exception {
        List<Finding> ranked = new Analyzer(List.of(detector, new CopyOnWriteDetector()), RecordingReader.standard())
                .analyze(Recordings.sample("copy-on-write-map.jfr"), EventFilter.ALL).findings();

        assertEquals(CopyOnWriteDetector.ID, ranked.get(0).detector(), ranked.toString());
    }

    @Test
    void notApplicableWithoutAllocationEvents() throws Exception {
        List<Finding> findings = DetectorHarness.run(detector, Recordings.shared("jmc__full_gc_g1.jfr"));

        assertEquals(List.of(Severity.NOT_APPLICABLE), findings.stream().map(Finding::severity).toList());
        assertTrue(findings.get(0).fix().contains("jdk.ObjectAllocationSample"), findings.get(0).fix());
    }
}
