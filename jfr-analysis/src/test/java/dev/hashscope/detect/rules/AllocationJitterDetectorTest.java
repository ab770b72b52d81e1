package dev.hashscope.detect.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hashscope.detect.Accumulator;
import dev.hashscope.detect.Evidence;
import dev.hashscope.detect.Finding;
import dev.hashscope.detect.Scores;
import dev.hashscope.detect.Severity;
import dev.hashscope.event.AllocationSample;
import dev.hashscope.event.AllocationSample.Source;
import dev.hashscope.event.EventSink;
import dev.hashscope.event.GcPause;
import dev.hashscope.event.GcPhasePause;
import dev.hashscope.event.MonitorBlocked;
import dev.hashscope.testing.DetectorHarness;
import dev.hashscope.testing.DetectorHarness.Synthetic;
import dev.hashscope.testing.Recordings;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class AllocationJitterDetectorTest {
    private static final long MB = 1L << 20;
    private static final double SECONDS = 60;
    private final AllocationJitterDetector detector = new AllocationJitterDetector();
    private final Synthetic synthetic = new Synthetic();
    private final int worker = synthetic.thread("worker-1");
    private final int klass = synthetic.klass("java.util.HashMap$Node[]");
    private final int resize = synthetic.stack("java.util.HashMap.resize:699", "java.util.HashMap.putVal:664",
            "java.util.HashMap.put:610", "demo.Loader.load:42", "demo.Main.main");
    private final int put = synthetic.stack("java.util.HashMap.putVal:631", "java.util.HashMap.put:610",
            "demo.Cache.store:17", "demo.Main.main");
    private final int decode = synthetic.stack("demo.Codec.decode:88", "demo.Main.main");
    private final int lock = synthetic.stack("demo.Registry.update:31", "demo.Main.main");

    /** Events in the order a test adds them, to feed one accumulator or several. */
    private final List<Consumer<EventSink>> events = new ArrayList<>();

    private void alloc(double seconds, int stack, long bytes, Source source) {
        AllocationSample e = new AllocationSample(synthetic.at(seconds), worker, stack, klass, bytes, source);
        events.add(s -> s.allocation(e));
    }

    /** Every 10 ms all recording long: map puts at ~300 MB/s and other code at ~100 MB/s, ±20% per sample. */
    private void steadyRate(long seed) {
        steadyRate(seed, 0.2);
    }

    private void steadyRate(long seed, double noise) {
        Random r = new Random(seed);
        for (int i = 0; i < SECONDS * 100; i++) {
            alloc(i / 100.0 + 0.005, put, Math.round(3 * MB * (1 + noise * (2 * r.nextDouble() - 1))), Source.SAMPLED);
            alloc(i / 100.0 + 0.006, decode, Math.round(MB * (1 + noise * (2 * r.nextDouble() - 1))), Source.SAMPLED);
        }
    }

    /** 100 MB per window of resize allocation at demo.Loader.load:42 over [from, from + 0.2 s). */
    private void resizeBurst(double from) {
        for (int i = 0; i < 20; i++) {
            alloc(from + i * 0.01 + 0.002, resize, 10 * MB, Source.SAMPLED);
        }
    }

    private void gcPause(double at, long gcId, long nanos) {
        GcPause gc = new GcPause(synthetic.at(at), nanos, gcId, "G1New", "G1 Humongous Allocation", nanos, nanos);
        GcPhasePause phase = new GcPhasePause(synthetic.at(at), nanos, gcId, "GC Pause");
        events.add(s -> s.gcPause(gc));
        events.add(s -> s.gcPhasePause(phase));
    }

    private List<Finding> run(AllocationJitterDetector d) {
        Accumulator a = synthetic.accumulator(d);
        events.forEach(e -> e.accept(a));
        return a.findings();
    }

    private static double metric(Finding f, String name) {
        return f.evidence().metrics().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow().value();
    }

    @Test
    void aSteadyRateHasNoBurst() {
        steadyRate(1);
        List<Finding> findings = run(detector);
        assertEquals(1, findings.size());
        Finding f = findings.get(0);
        assertEquals(Severity.OK, f.severity(), f.summary());
        assertEquals("No allocation bursts around map operations", f.title());
        assertEquals(0, metric(f, "bursts"));
        assertEquals(300 * MB, metric(f, "map allocation rate, median window"), 15 * MB);
    }

    @Test
    void tiesABurstToTheResizeSiteAndTheGcPauseThatFollowed() {
        steadyRate(2);
        resizeBurst(30.0);
        gcPause(30.35, 7, 35_000_000);
        MonitorBlocked blocked = new MonitorBlocked(synthetic.at(30.4), 120_000_000, worker, lock,
                synthetic.klass("demo.Registry"), 1, -1);
        events.add(s -> s.monitorBlocked(blocked));

        Finding f = run(detector).get(0);
        assertEquals("Allocation bursts from HashMap.put (resize) at demo.Loader.load:42", f.title());
        assertEquals(1, f.evidence().windows().size(), f.evidence().windows().toString());
        Evidence.TimeWindow w = f.evidence().windows().get(0);
        assertEquals(30.0, w.startSeconds(), 1e-9);
        assertEquals(30.2, w.endSeconds(), 1e-9);
        Evidence.CallSite site = f.evidence().callSites().get(0);
        assertEquals("demo.Loader.load:42", site.frame());
        assertEquals("HashMap", site.mapKind());
        assertEquals("put", site.operation());
        assertEquals("java.util.HashMap.resize:699", site.stack().get(0));
        assertEquals(200 * MB, site.weight());
        assertTrue(f.summary().contains("t=30.0 s: "), f.summary());
        assertTrue(f.summary().contains("from HashMap.put (resize) at demo.Loader.load:42, followed by 35.0 ms of GC "
                + "pause (longest 35.0 ms, G1New: G1 Humongous Allocation) and 120.0 ms of threads blocked on locks."),
                f.summary());
        assertTrue(f.fix().contains("demo.Loader.load:42") && f.fix().contains("map.resize-churn"), f.fix());
    }

    @Test
    void chargesPausesAfterBurstsNotTheBytes() {
        steadyRate(3, 0);
        resizeBurst(30.0);
        Finding withoutPause = run(detector).get(0);
        assertTrue(withoutPause.title().startsWith("Allocation bursts from"), withoutPause.title());
        assertEquals(0, withoutPause.score(), "bytes the collector absorbs without a pause cost nothing");

        for (int i = 0; i < 10; i++) {
            resizeBurst(2.5 + 5 * i);
            gcPause(2.75 + 5 * i, 100 + i, 900_000_000);
        }
        Finding paused = run(detector).get(0);
        // Each pause is weighted by the maps' share of its burst's bytes: per window 30 MB of puts and
        // 100 MB of resizes against 10 MB of other allocation.
        double expected = 10 * 0.9 * (130.0 / 140) / SECONDS;
        assertEquals(expected, metric(paused, "share of the recording"), 1e-6);
        assertEquals(Scores.fromCostShare(expected), paused.score());
        assertEquals(Severity.WARNING, paused.severity());
    }

    @Test
    void pausesAtTheUsualRateAreNotCharged() {
        steadyRate(4);
        for (int i = 0; i < SECONDS * 10; i++) {
            gcPause(i / 10.0 + 0.05, i, 20_000_000);
        }
        resizeBurst(30.0);
        Finding f = run(detector).get(0);
        assertTrue(f.summary().contains("followed by 240.0 ms of GC pause"), f.summary());
        assertEquals(0, metric(f, "GC pause after bursts beyond the usual rate, map share"), 1e-9);
        assertEquals(0, f.score());
    }

    @Test
    void aFewOutliersDoNotShiftTheBaseline() {
        steadyRate(5);
        // Fifteen huge spikes would lift a mean + 5 deviations bar to ~16 GB/s; the median and MAD stay put.
        for (int i = 0; i < 15; i++) {
            alloc(2.05 + 4 * i, resize, 2000 * MB, Source.SAMPLED);
        }
        // A moderate burst: ~1 GB/s over a 300 MB/s median.
        for (int i = 0; i < 10; i++) {
            alloc(31.0 + i * 0.01 + 0.003, resize, 7 * MB, Source.SAMPLED);
        }
        AllocationJitterDetector listAll = new AllocationJitterDetector(new AllocationJitterDetector.Settings(
                100_000_000L, 5, 2, 100 * MB, 1_000_000_000L, 20));
        Finding f = run(listAll).get(0);
        assertEquals(300 * MB, metric(f, "map allocation rate, median window"), 15 * MB);
        assertEquals(16, metric(f, "bursts"));
        assertTrue(f.evidence().windows().stream().anyMatch(w -> Math.abs(w.startSeconds() - 31.0) < 1e-9),
                f.evidence().windows().toString());
    }

    @Test
    void mergedAccumulatorsGiveTheSameFindings() {
        steadyRate(6);
        resizeBurst(12.0);
        resizeBurst(40.0);
        gcPause(12.3, 1, 40_000_000);
        gcPause(40.1, 2, 300_000_000);
        MonitorBlocked blocked = new MonitorBlocked(synthetic.at(40.2), 50_000_000, worker, lock,
                synthetic.klass("demo.Registry"), 1, -1);
        events.add(s -> s.monitorBlocked(blocked));

        Accumulator whole = synthetic.accumulator(detector);
        Accumulator a = synthetic.accumulator(detector);
        Accumulator b = synthetic.accumulator(detector);
        for (int i = 0; i < events.size(); i++) {
            events.get(i).accept(whole);
            events.get(i).accept(i % 3 == 0 ? a : b);
        }
        a.merge(b);
        List<Finding> expected = whole.findings();
        assertEquals(2, expected.get(0).evidence().windows().size());
        assertEquals(expected, a.findings());
    }

    @Test
    void sampledWeightsAreUsedWhenPresentAndTlabWeightsNeverAdded() {
        steadyRate(7);
        for (int i = 0; i < 20; i++) {
            alloc(30.0 + i * 0.01, resize, 50 * MB, Source.TLAB);
        }
        assertEquals(0, metric(run(detector).get(0), "bursts"), "TLAB estimates are not added to samples");

        events.clear();
        for (int i = 0; i < SECONDS * 10; i++) {
            alloc(i / 10.0 + 0.05, put, 20 * MB, Source.TLAB);
        }
        for (int i = 0; i < 20; i++) {
            alloc(30.0 + i * 0.01, resize, 50 * MB, Source.TLAB);
        }
        Finding tlabOnly = run(detector).get(0);
        assertEquals(1, metric(tlabOnly, "bursts"));
        assertTrue(tlabOnly.evidence().notes().get(0).contains("TLAB"), tlabOnly.evidence().notes().toString());
    }

    @Test
    void theRecordersOwnAllocationIsNotABurst() {
        steadyRate(8);
        int recorder = synthetic.stack("java.util.concurrent.ConcurrentHashMap.initTable:2301",
                "java.util.concurrent.ConcurrentHashMap.putVal:1017", "java.util.concurrent.ConcurrentHashMap.put:1006",
                "jdk.jfr.internal.StringPool$SimpleStringIdPool.storeString:92", "jdk.jfr.internal.StringPool.addString");
        alloc(0.01, recorder, 400 * MB, Source.SAMPLED);
        assertEquals(0, metric(run(detector).get(0), "bursts"));
    }

    @Test
    void eventsPastTheStatedEndCountButACorruptTimestampIsDropped() {
        steadyRate(9);
        resizeBurst(70.0);
        alloc(3.2e8, resize, 5000 * MB, Source.SAMPLED);
        Finding f = run(detector).get(0);
        assertEquals(List.of(70.0), f.evidence().windows().stream().map(Evidence.TimeWindow::startSeconds).toList());
        assertEquals(200 * MB, metric(f, "map bytes in bursts"));
    }

    @Test
    void aSteadyResizeStormIsNotABurst() throws Exception {
        // The storm allocates ~800 MB/s in HashMap.resize all recording long: bad, and map.resize-churn's
        // finding, but steady; no 100 ms window stands out against the others.
        List<Finding> findings = DetectorHarness.run(detector, Recordings.sample("hashmap-resize-storm.jfr"));
        assertEquals(1, findings.size());
        Finding f = findings.get(0);
        assertEquals(Severity.OK, f.severity(), f.summary());
        assertEquals(0, metric(f, "bursts"));
        assertTrue(metric(f, "map allocation rate, median window") > 500 * MB, f.summary());
    }

    @Test
    void theRecordingStartIsNotABurst() throws Exception {
        // The first sample of the thread that started the recording weighs ~19 MB, in JFR's own maps.
        Finding f = DetectorHarness.run(detector, Recordings.sample("chm-compute-hot-key.jfr")).get(0);
        assertEquals(0, metric(f, "bursts"), f.summary());
    }

    @Test
    void theHealthyControlHasNoWarning() throws Exception {
        for (Finding f : DetectorHarness.run(detector, Recordings.sample("healthy-control.jfr"))) {
            assertNotEquals(Severity.WARNING, f.severity(), f.summary());
            assertNotEquals(Severity.NOT_APPLICABLE, f.severity(), f.summary());
        }
    }

    @Test
    void notApplicableWithoutAllocationEvents() throws Exception {
        List<Finding> findings = DetectorHarness.run(detector, Recordings.shared("jmc__full_gc_g1.jfr"));
        assertEquals(1, findings.size());
        assertEquals(Severity.NOT_APPLICABLE, findings.get(0).severity());
        assertTrue(findings.get(0).fix().contains("jdk.ObjectAllocationSample"), findings.get(0).fix());
    }
}
