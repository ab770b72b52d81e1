package dev.hashscope.detect.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hashscope.detect.Accumulator;
import dev.hashscope.detect.Finding;
import dev.hashscope.detect.Scores;
import dev.hashscope.detect.Severity;
import dev.hashscope.event.AllocationSample;
import dev.hashscope.event.AllocationSample.Source;
import dev.hashscope.event.EventSink;
import dev.hashscope.event.ExecutionSample;
import dev.hashscope.testing.DetectorHarness;
import dev.hashscope.testing.DetectorHarness.Synthetic;
import dev.hashscope.testing.Recordings;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CopyOnWriteDetectorTest {
    private final CopyOnWriteDetector detector = new CopyOnWriteDetector();
    private final Synthetic synthetic = new Synthetic();
    private final int writer = synthetic.thread("flag-writer-1");
    private final int node = synthetic.klass("java.util.HashMap$Node");
    private final int table = synthetic.klass("[Ljava.util.HashMap$Node;");
    private final int bytes = synthetic.klass("[B");
    private final int copyNode = synthetic.stack("java.util.HashMap.newNode:1901", "java.util.HashMap.putVal:641",
            "java.util.HashMap.putMapEntries:511", "java.util.HashMap.<init>:484", "demo.Flags.set:30", "demo.Main.main");
    private final int copyTable = synthetic.stack("java.util.HashMap.resize:699", "java.util.HashMap.putVal:664",
            "java.util.HashMap.putMapEntries:511", "java.util.HashMap.<init>:484", "demo.Flags.set:30", "demo.Main.main");
    private final int copyCpu = synthetic.stack("java.util.HashMap.putVal:641", "java.util.HashMap.putMapEntries:511",
            "java.util.HashMap.<init>:484", "demo.Flags.set:30", "demo.Main.main");
    private final int put = synthetic.stack("java.util.HashMap.putVal:641", "java.util.HashMap.put:610",
            "demo.Flags.set:31", "demo.Main.main");
    private final int read = synthetic.stack("java.util.HashMap.getNode:570", "java.util.HashMap.get:556",
            "demo.Flags.isEnabled:50", "demo.Main.main");
    private final int decode = synthetic.stack("demo.Codec.decode:88", "demo.Main.main");

    /** Events in the order a test adds them, to feed one accumulator or several. */
    private final List<Consumer<EventSink>> events = new ArrayList<>();

    private void alloc(double seconds, int stack, int klass, long weight, Source source) {
        AllocationSample e = new AllocationSample(synthetic.at(seconds), writer, stack, klass, weight, source);
        events.add(s -> s.allocation(e));
    }

    private void cpu(double seconds, int stack) {
        ExecutionSample e = new ExecutionSample(synthetic.at(seconds), writer, stack);
        events.add(s -> s.executionSample(e));
    }

    /** {@code n} instants evenly over [1 s, 5 s]: 4 seconds of recording. */
    private static double at(int i, int n) {
        return 1 + 4.0 * i / (n - 1);
    }

    private List<Finding> run(CopyOnWriteDetector d) {
        Accumulator a = synthetic.accumulator(d);
        events.forEach(e -> e.accept(a));
        return a.findings();
    }

    /** The same events dealt alternately to two accumulators, then merged. */
    private List<Finding> runMerged(CopyOnWriteDetector d) {
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

    @Test
    void estimatesEntriesCopiedPerSecondFromTheCopiedBytes() {
        // Tables inside TLABs: sampled weights that are not one table's size, so the copies' size is unknown.
        for (int i = 0; i < 200; i++) {
            alloc(at(i, 200), copyNode, node, 4_000_000, Source.SAMPLED);
            alloc(at(i, 200), copyTable, table, 600_000, Source.SAMPLED);
            alloc(at(i, 200), decode, bytes, 1_150_000, Source.SAMPLED);
        }
        long copyBytes = 200 * 4_600_000L;

        List<Finding> findings = run(detector);

        assertEquals(1, findings.size(), findings.toString());
        Finding f = findings.get(0);
        assertEquals(CopyOnWriteDetector.ID, f.detector());
        assertEquals(Scores.fromCostShare(0.8), f.score());
        assertEquals(Severity.WARNING, f.severity());
        assertEquals("Copy-on-write HashMap at Flags.set:30", f.title());
        // 920 MB in 4 s at about 40 bytes per entry: 5.75 million entries a second.
        assertEquals(copyBytes / 4.0 / 40, metric(f, "estimated entries copied per second"), 1e-6);
        assertTrue(f.summary().contains("about 5.8 million entries copied per second"), f.summary());
        assertTrue(f.fix().contains("at demo.Flags.set:30") && f.fix().contains("ConcurrentHashMap"), f.fix());
        assertTrue(f.fix().contains("persistent map") && f.fix().contains("batch writes"), f.fix());
        assertEquals("copy", f.evidence().callSites().get(0).operation());
        assertEquals("HashMap", f.evidence().callSites().get(0).mapKind());
        assertEquals(0.8, f.evidence().callSites().get(0).share(), 1e-12);
    }

    @Test
    void mergedAccumulatorsGiveTheSameFindings() {
        for (int i = 0; i < 100; i++) {
            alloc(at(i, 100), copyNode, node, 4_000_000, Source.SAMPLED);
            alloc(at(i, 100), copyTable, table, 16 + 4 * (1 << 18), Source.SAMPLED);
            cpu(at(i, 100), i % 3 == 0 ? read : copyCpu);
        }
        List<Finding> single = run(detector);
        assertEquals(Severity.WARNING, single.get(0).severity());
        assertEquals(single, runMerged(detector));
    }

    @Test
    void countsCopiesWhenTheirTablesAreSampledWhole() {
        // Copies of maps big enough that each table is allocated outside the TLAB and sampled on its own.
        for (int i = 0; i < 48; i++) {
            alloc(at(i, 48), copyTable, table, 16 + 4 * (1 << 18), Source.SAMPLED);
            alloc(at(i, 48), copyNode, node, 5_000_000, Source.SAMPLED);
        }

        Finding f = run(detector).get(0);

        assertTrue(f.summary().contains("tables have 262,144 buckets, so each copy holds 98,305 to 196,608 entries"),
                f.summary());
        assertTrue(f.summary().contains("about 48 copies in 4.0 s, 12 per second"), f.summary());
        assertEquals(48, metric(f, "estimated copies"));
    }

    @Test
    void cpuSpentCopyingIsASecondCost() {
        alloc(1, copyNode, node, 1000, Source.SAMPLED);
        alloc(5, decode, bytes, 1L << 30, Source.SAMPLED);
        for (int i = 0; i < 100; i++) {
            cpu(at(i, 100), i < 40 ? copyCpu : read);
        }

        Finding f = run(detector).get(0);

        assertEquals(Scores.fromCostShare(0.4), f.score());
        assertTrue(f.summary().contains("40 CPU samples (40.0% of all) were spent copying"), f.summary());
        assertEquals(40, metric(f, "copy CPU samples"));
    }

    @Test
    void mapCopyOfIsACopyToo() {
        int copyOf = synthetic.stack("java.util.ImmutableCollections$MapN.<init>:1200", "java.util.Map.ofEntries:1600",
                "java.util.Map.copyOf:1700", "demo.Config.snapshot:8", "demo.Main.main");
        int objects = synthetic.klass("[Ljava.lang.Object;");
        for (int i = 0; i < 100; i++) {
            alloc(at(i, 100), copyOf, objects, 3_000_000, Source.SAMPLED);
        }

        Finding f = run(detector).get(0);

        assertEquals("Copy-on-write Map.of/Map.copyOf at Config.snapshot:8", f.title());
        // An immutable map's table holds key and value: about 20 bytes per entry with the entry array.
        assertEquals(300_000_000 / 4.0 / 20, metric(f, "estimated entries copied per second"), 1e-6);
    }

    @Test
    void aCopyNowAndThenIsNoWarning() {
        // All of the allocation, but 100 copies of 16 KB in 4 s: 400 KB/s.
        for (int i = 0; i < 100; i++) {
            alloc(at(i, 100), copyNode, node, 16_000, Source.SAMPLED);
        }
        assertEquals(Severity.OK, run(detector).get(0).severity());

        // At 20 MB/s it is worth knowing, not yet worth a warning.
        events.clear();
        for (int i = 0; i < 100; i++) {
            alloc(at(i, 100), copyNode, node, 800_000, Source.SAMPLED);
        }
        Finding f = run(detector).get(0);
        assertEquals(Severity.INFO, f.severity());
        assertEquals(74, f.score());
    }

    @Test
    void plainWritesAndReadsAreNotCopies() {
        for (int i = 0; i < 100; i++) {
            alloc(at(i, 100), put, node, 1_000_000, Source.SAMPLED);
            cpu(at(i, 100), i % 2 == 0 ? put : read);
        }

        Finding f = run(detector).get(0);

        assertEquals(Severity.OK, f.severity());
        assertEquals("No copy-on-write map churn", f.title());
        assertTrue(f.summary().contains("none was in whole-map copies"), f.summary());
    }

    @Test
    void usesTlabEventsOnlyWhenThereAreNoSampledOnes() {
        for (int i = 0; i < 100; i++) {
            alloc(at(i, 100), copyNode, node, 1_000_000, Source.SAMPLED);
            alloc(at(i, 100), decode, bytes, 1_000_000, Source.SAMPLED);
            alloc(at(i, 100), decode, bytes, 50_000_000, Source.TLAB);
        }
        assertEquals(0.5, metric(run(detector).get(0), "copy byte share"), 1e-12);

        events.clear();
        for (int i = 0; i < 100; i++) {
            alloc(at(i, 100), copyNode, node, 3_000_000, Source.TLAB);
            alloc(at(i, 100), decode, bytes, 1_000_000, Source.TLAB);
        }
        assertEquals(0.75, metric(run(detector).get(0), "copy byte share"), 1e-12);
    }

    // ---- the committed sample recordings ----

    @Test
    void copyOnWriteRecordingIsAWarningAtFeatureFlagsSet() throws Exception {
        List<Finding> findings = DetectorHarness.run(detector, Recordings.sample("copy-on-write-map.jfr"));

        assertEquals(1, findings.size(), findings.toString());
        Finding f = findings.get(0);
        assertEquals(Severity.WARNING, f.severity());
        assertEquals("Copy-on-write HashMap at FeatureFlags.set:42", f.title());
        assertTrue(f.fix().contains("dev.hashscope.samples.FeatureFlags.set:42"), f.fix());
        assertTrue(metric(f, "copy byte share") > 0.9, f.summary());
        assertTrue(metric(f, "copy CPU share") > 0.3, f.summary());
        assertFalse(f.summary().contains("tables have"), "the 32,768-bucket tables fit in TLABs: " + f.summary());
    }

    @ParameterizedTest
    @ValueSource(strings = {"healthy-control.jfr", "hashmap-resize-storm.jfr", "chm-poor-hash.jfr",
            "chm-poor-hash-jdk25.jfr", "boxing-churn.jfr", "chm-compute-hot-key.jfr", "hashtable-contention.jfr",
            "hashtable-contention-default-settings.jfr"})
    void otherRecordingsHaveNoCopyOnWrite(String recording) throws Exception {
        List<Finding> findings = DetectorHarness.run(detector, Recordings.sample(recording));

        assertEquals(List.of(Severity.OK), findings.stream().map(Finding::severity).toList(), findings.toString());
    }

    @Test
    void notApplicableWithoutAllocationEvents() throws Exception {
        List<Finding> findings = DetectorHarness.run(detector, Recordings.shared("jmc__full_gc_g1.jfr"));

        assertEquals(List.of(Severity.NOT_APPLICABLE), findings.stream().map(Finding::severity).toList());
    }
}
