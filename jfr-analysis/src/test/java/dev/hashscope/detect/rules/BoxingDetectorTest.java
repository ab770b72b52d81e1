package dev.hashscope.detect.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

class BoxingDetectorTest {
    private final BoxingDetector detector = new BoxingDetector();
    private final Synthetic synthetic = new Synthetic();
    private final int worker = synthetic.thread("event-processor-1");
    private final int integer = synthetic.klass("java.lang.Integer");
    private final int longBox = synthetic.klass("java.lang.Long");
    private final int bytes = synthetic.klass("[B");
    /** {@code clicks.merge(productId, 1L, Long::sum)}: the key boxed on the caller's line... */
    private final int keyBox = synthetic.stack("java.lang.Integer.valueOf:1081", "demo.ClickCounter.record:19",
            "demo.Main.main");
    /** ... and the sum boxed inside merge's remapping function. */
    private final int sumBox = synthetic.stack("java.lang.Long.valueOf:1211", "demo.ClickCounter$$Lambda.apply",
            "java.util.HashMap.merge:1400", "demo.ClickCounter.record:19", "demo.Main.main");
    private final int merge = synthetic.stack("java.util.HashMap.merge:1390", "demo.ClickCounter.record:19",
            "demo.Main.main");
    /** Boxing for a log line in a method that never calls a map. */
    private final int logBox = synthetic.stack("java.lang.Long.valueOf:1211", "demo.Report.line:50", "demo.Main.main");
    private final int decode = synthetic.stack("demo.Codec.decode:88", "demo.Main.main");

    /** Events in the order a test adds them, to feed one accumulator or several. */
    private final List<Consumer<EventSink>> events = new ArrayList<>();

    private void alloc(double seconds, int stack, int klass, long weight, Source source) {
        AllocationSample e = new AllocationSample(synthetic.at(seconds), worker, stack, klass, weight, source);
        events.add(s -> s.allocation(e));
    }

    private void cpu(double seconds, int stack) {
        ExecutionSample e = new ExecutionSample(synthetic.at(seconds), worker, stack);
        events.add(s -> s.executionSample(e));
    }

    /** {@code n} instants evenly over [1 s, 5 s]: 4 seconds of recording. */
    private static double at(int i, int n) {
        return 1 + 4.0 * i / (n - 1);
    }

    private List<Finding> run(BoxingDetector d) {
        Accumulator a = synthetic.accumulator(d);
        events.forEach(e -> e.accept(a));
        return a.findings();
    }

    /** The same events dealt alternately to two accumulators, then merged. */
    private List<Finding> runMerged(BoxingDetector d) {
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

    /** Per instant: 3 MB of Integer keys, 2 MB of Long sums inside merge, 5 MB of other allocation. */
    private void clickCounter(int n) {
        for (int i = 0; i < n; i++) {
            alloc(at(i, n), keyBox, integer, 3_000_000, Source.SAMPLED);
            alloc(at(i, n), sumBox, longBox, 2_000_000, Source.SAMPLED);
            alloc(at(i, n), decode, bytes, 5_000_000, Source.SAMPLED);
        }
    }

    @Test
    void attributesKeyAndValueBoxesToTheMapCallSite() {
        clickCounter(100);

        List<Finding> findings = run(detector);

        assertEquals(1, findings.size(), findings.toString());
        Finding f = findings.get(0);
        assertEquals(BoxingDetector.ID, f.detector());
        assertEquals(Scores.fromCostShare(0.5), f.score());
        assertEquals(Severity.WARNING, f.severity());
        assertEquals("Boxing of Integer and Long at ClickCounter.record:19", f.title());
        assertEquals(500_000_000, metric(f, "boxed bytes"));
        assertEquals(0.5, metric(f, "boxed byte share"), 1e-12);
        assertEquals(200_000_000, metric(f, "boxed inside the map call"));
        // 300 MB of 16-byte Integers and 200 MB of 24-byte Longs in 4 s.
        assertEquals((300e6 / 16 + 200e6 / 24) / 4, metric(f, "estimated boxes per second"), 1e-6);
        assertTrue(f.summary().contains("inside the HashMap call itself (in ClickCounter$$Lambda.apply)"), f.summary());
        assertTrue(f.summary().contains("by autoboxing on line 19, which calls the map"), f.summary());
        assertTrue(f.fix().startsWith("Avoid the boxes at demo.ClickCounter.record:19"), f.fix());
        assertTrue(f.fix().contains("LongAdder") && f.fix().contains("merge(key, 1L, Long::sum) still boxes"),
                f.fix());
        assertTrue(f.fix().contains("Int2LongOpenHashMap") && f.fix().contains("an option, not a requirement"),
                f.fix());
        assertEquals("HashMap", f.evidence().callSites().get(0).mapKind());
    }

    @Test
    void mergedAccumulatorsGiveTheSameFindings() {
        clickCounter(100);
        alloc(2, logBox, longBox, 10_000_000, Source.SAMPLED);
        List<Finding> single = run(detector);
        assertEquals(Severity.WARNING, single.get(0).severity());
        assertEquals(single, runMerged(detector));
    }

    @Test
    void aMapCallSeenByTheOtherAccumulatorStillCountsAfterMerging() {
        // Autoboxing only: whether record() calls a map is learnt from a CPU sample, dealt to the other half.
        for (int i = 0; i < 100; i++) {
            alloc(at(i, 100), keyBox, integer, 3_000_000, Source.SAMPLED);
            alloc(at(i, 100), decode, bytes, 3_000_000, Source.SAMPLED);
        }
        cpu(3, merge);
        assertEquals(Scores.fromCostShare(0.5), run(detector).get(0).score());
        assertEquals(run(detector), runMerged(detector));
    }

    @Test
    void boxingInMethodsThatCallNoMapIsNotCounted() {
        for (int i = 0; i < 100; i++) {
            alloc(at(i, 100), logBox, longBox, 3_000_000, Source.SAMPLED);
            alloc(at(i, 100), keyBox, integer, 3_000_000, Source.SAMPLED);
        }

        Finding f = run(detector).get(0);

        assertEquals(Severity.OK, f.severity(), "nothing shows ClickCounter.record calling a map: " + f);
        assertTrue(f.summary().contains("none was boxed primitives for map keys and values"), f.summary());
    }

    @Test
    void aMethodSeenCallingAMapOnlyLaterStillCounts() {
        for (int i = 0; i < 100; i++) {
            alloc(at(i, 100), keyBox, integer, 3_000_000, Source.SAMPLED);
        }
        // The first stack showing record() inside a map call comes after all its boxes.
        alloc(5, sumBox, longBox, 24, Source.SAMPLED);

        Finding f = run(detector).get(0);

        assertEquals("Boxing of Integer and Long at ClickCounter.record:19", f.title());
        assertEquals(300_000_024, metric(f, "boxed bytes"));
    }

    @Test
    void namesTheHeaviestLineAndListsTheOthers() {
        int getKey = synthetic.stack("java.lang.Integer.valueOf:1081", "demo.SizeHistogram.add:21", "demo.Main.main");
        int putKeyAndValue = synthetic.stack("java.lang.Long.valueOf:1211", "demo.SizeHistogram.add:22",
                "demo.Main.main");
        int get = synthetic.stack("java.util.HashMap.get:556", "demo.SizeHistogram.add:21", "demo.Main.main");
        cpu(1, get);
        for (int i = 0; i < 100; i++) {
            alloc(at(i, 100), getKey, integer, 1_000_000, Source.SAMPLED);
            alloc(at(i, 100), putKeyAndValue, longBox, 2_000_000, Source.SAMPLED);
        }

        Finding f = run(detector).get(0);

        assertEquals("Boxing of Long and Integer at SizeHistogram.add:22", f.title());
        assertTrue(f.summary().contains("by autoboxing on lines 22, 21, which call the map"), f.summary());
        assertTrue(f.fix().contains("demo.SizeHistogram.add:22"), f.fix());
    }

    @Test
    void aLargeShareOfALowRateIsAtMostInfo() {
        // Half of all allocation, but 20 MB/s.
        for (int i = 0; i < 100; i++) {
            alloc(at(i, 100), sumBox, longBox, 800_000, Source.SAMPLED);
            alloc(at(i, 100), decode, bytes, 800_000, Source.SAMPLED);
        }
        Finding f = run(detector).get(0);
        assertEquals(Severity.INFO, f.severity());
        assertEquals(74, f.score());
        assertTrue(f.summary().contains("All of it inside the HashMap call itself"), f.summary());

        BoxingDetector lenient = new BoxingDetector(new BoxingDetector.Settings(1L << 20, 1L << 20, 3));
        assertEquals(Scores.fromCostShare(0.5), run(lenient).get(0).score());
        BoxingDetector strict = new BoxingDetector(new BoxingDetector.Settings(32L << 20, 64L << 20, 3));
        assertEquals(Severity.OK, run(strict).get(0).severity());
    }

    @Test
    void usesTlabEventsOnlyWhenThereAreNoSampledOnes() {
        clickCounter(100);
        for (int i = 0; i < 100; i++) {
            alloc(at(i, 100), decode, bytes, 100_000_000, Source.TLAB);
        }
        assertEquals(0.5, metric(run(detector).get(0), "boxed byte share"), 1e-12);

        events.clear();
        for (int i = 0; i < 100; i++) {
            alloc(at(i, 100), sumBox, longBox, 3_000_000, Source.TLAB);
            alloc(at(i, 100), decode, bytes, 1_000_000, Source.TLAB);
        }
        assertEquals(0.75, metric(run(detector).get(0), "boxed byte share"), 1e-12);
    }

    // ---- the committed sample recordings ----

    @Test
    void boxingRecordingWarnsAtBothCounters() throws Exception {
        List<Finding> findings = DetectorHarness.run(detector, Recordings.sample("boxing-churn.jfr"));

        assertEquals(2, findings.size(), findings.toString());
        Finding clicks = findings.stream().filter(f -> f.title().endsWith("at ClickCounter.record:19")).findFirst()
                .orElseThrow(() -> new AssertionError(findings.toString()));
        Finding sizes = findings.stream().filter(f -> f.title().contains("at SizeHistogram.add:")).findFirst()
                .orElseThrow(() -> new AssertionError(findings.toString()));
        for (Finding f : findings) {
            assertEquals(Severity.WARNING, f.severity(), f.toString());
            assertTrue(f.title().contains("Integer") && f.title().contains("Long"), f.title());
            assertEquals("HashMap", f.evidence().callSites().get(0).mapKind());
        }
        assertTrue(clicks.summary().contains("inside the HashMap call itself"), clicks.summary());
        assertTrue(sizes.fix().contains("dev.hashscope.samples.SizeHistogram.add:2"), sizes.fix());
        // Nearly all the recording's allocation is these boxes.
        assertTrue(metric(clicks, "boxed byte share") + metric(sizes, "boxed byte share") > 0.9, findings.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"healthy-control.jfr", "chm-poor-hash.jfr", "chm-poor-hash-jdk25.jfr",
            "hashmap-resize-storm.jfr", "copy-on-write-map.jfr", "chm-compute-hot-key.jfr"})
    void recordingsWithoutBoxingHaveNone(String recording) throws Exception {
        List<Finding> findings = DetectorHarness.run(detector, Recordings.sample(recording));

        assertEquals(List.of(Severity.OK), findings.stream().map(Finding::severity).toList(), findings.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashtable-contention.jfr", "hashtable-contention-default-settings.jfr"})
    void theIntegerBoxingInTheContendedHashtableIsOnlyInfo(String recording) throws Exception {
        // Real boxing (Inventory's remapping function boxes each new stock level), but at 13 to 25 MB/s;
        // the recording's problem is the lock.
        List<Finding> findings = DetectorHarness.run(detector, Recordings.sample(recording));

        Finding f = findings.get(0);
        assertEquals(Severity.INFO, f.severity(), findings.toString());
        assertEquals("Boxing of Integer at Inventory.record:28", f.title());
    }

    @Test
    void notApplicableWithoutAllocationEvents() throws Exception {
        List<Finding> findings = DetectorHarness.run(detector, Recordings.shared("jmc__full_gc_g1.jfr"));

        assertEquals(List.of(Severity.NOT_APPLICABLE), findings.stream().map(Finding::severity).toList());
    }
}
