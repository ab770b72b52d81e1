package dev.hashscope.detect.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hashscope.detect.Accumulator;
import dev.hashscope.detect.Evidence;
import dev.hashscope.detect.Finding;
import dev.hashscope.detect.Scores;
import dev.hashscope.detect.Severity;
import dev.hashscope.event.EventSink;
import dev.hashscope.event.GcPause;
import dev.hashscope.event.GcPhasePause;
import dev.hashscope.event.MonitorBlocked;
import dev.hashscope.event.ThreadPark;
import dev.hashscope.testing.DetectorHarness;
import dev.hashscope.testing.DetectorHarness.Synthetic;
import dev.hashscope.testing.Recordings;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class LatencySpikeDetectorTest {
    private static final long MS = 1_000_000L;
    private static final double SECONDS = 60;
    private final LatencySpikeDetector detector = new LatencySpikeDetector();
    private final Synthetic synthetic = new Synthetic();
    private final int[] workers = {synthetic.thread("worker-1"), synthetic.thread("worker-2"),
            synthetic.thread("worker-3")};
    private final int hashtable = synthetic.klass("java.util.Hashtable");
    private final int inventory = synthetic.stack("java.util.Hashtable.merge:1156", "demo.Inventory.record:28",
            "demo.Worker.run");
    private final int reservation = synthetic.klass("java.util.concurrent.ConcurrentHashMap$ReservationNode");
    private final int priceFor = synthetic.stack("java.util.concurrent.ConcurrentHashMap.computeIfAbsent:1708",
            "demo.QuoteCache.priceFor:26", "demo.Worker.run");
    private final int audit = synthetic.stack("demo.Audit.log:9", "demo.Worker.run");
    private final int nonfairSync = synthetic.klass("java.util.concurrent.locks.ReentrantLock$NonfairSync");
    private final int ledger = synthetic.stack("jdk.internal.misc.Unsafe.park", "java.util.concurrent.locks.LockSupport.park:211",
            "java.util.concurrent.locks.ReentrantLock.lock:322", "demo.Ledger.post:12", "demo.Worker.run");
    private final int condition = synthetic.klass("java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject");
    private final int idle = synthetic.stack("jdk.internal.misc.Unsafe.park", "java.util.concurrent.locks.LockSupport.park:211",
            "java.util.concurrent.LinkedBlockingQueue.take:435", "java.util.concurrent.ThreadPoolExecutor.getTask:1062",
            "java.lang.Thread.run");

    private final List<Consumer<EventSink>> events = new ArrayList<>();

    private void blocked(double at, long nanos, int thread, int stack, int monitorClass) {
        MonitorBlocked e = new MonitorBlocked(synthetic.at(at), nanos, thread, stack, monitorClass, 1, -1);
        events.add(s -> s.monitorBlocked(e));
    }

    private void parked(double at, long nanos, int stack, int blocker) {
        ThreadPark e = new ThreadPark(synthetic.at(at), nanos, workers[2], stack, blocker, 2);
        events.add(s -> s.threadPark(e));
    }

    private void gc(double at, long gcId, long nanos, boolean phases) {
        GcPause g = new GcPause(synthetic.at(at), nanos, gcId, "G1New", "G1 Evacuation Pause", nanos, nanos);
        events.add(s -> s.gcPause(g));
        if (phases) {
            GcPhasePause p = new GcPhasePause(synthetic.at(at), nanos, gcId, "GC Pause");
            events.add(s -> s.gcPhasePause(p));
        }
    }

    /** Steady Hashtable contention: one ~30 ms wait in every 100 ms window, ±20%. */
    private void steadyContention(long seed) {
        steadyContention(seed, 0.2);
    }

    private void steadyContention(long seed, double noise) {
        Random r = new Random(seed);
        for (int i = 0; i < SECONDS * 10; i++) {
            blocked(i / 10.0 + 0.01, Math.round(30 * MS * (1 + noise * (2 * r.nextDouble() - 1))), workers[i % 2],
                    inventory, hashtable);
        }
    }

    private List<Finding> run(LatencySpikeDetector d) {
        Accumulator a = synthetic.accumulator(d);
        events.forEach(e -> e.accept(a));
        return a.findings();
    }

    private static double metric(Finding f, String name) {
        return f.evidence().metrics().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow().value();
    }

    private static Evidence.CallSite site(Finding f, String frame) {
        return f.evidence().callSites().stream().filter(c -> c.frame().equals(frame)).findFirst()
                .orElseThrow(() -> new AssertionError(frame + " not in " + f.evidence().callSites()));
    }

    @Test
    void steadyContentionIsNoSpikeButIsBrokenDown() {
        steadyContention(1);
        List<Finding> findings = run(detector);
        assertEquals(1, findings.size());
        Finding f = findings.get(0);
        assertEquals(Severity.OK, f.severity());
        assertEquals("No latency spikes", f.title());
        assertEquals(30 * MS, metric(f, "stalled per window, median"), 2 * MS);
        assertTrue(f.summary().endsWith("Over the recording: map monitor 100.0% (Hashtable.merge at "
                + "demo.Inventory.record:28)."), f.summary());
    }

    @Test
    void attributesASpikeToItsCausesAndTheirTopSites() {
        steadyContention(2);
        for (int t = 0; t < 3; t++) {
            blocked(20.02, 150 * MS, workers[t], inventory, hashtable);
        }
        blocked(20.05, 60 * MS, workers[0], priceFor, reservation);
        gc(20.12, 9, 50 * MS, true);
        parked(20.03, 40 * MS, ledger, nonfairSync);
        parked(19.5, 900 * MS, idle, condition);
        blocked(20.11, 30 * MS, workers[1], audit, synthetic.klass("demo.Audit"));

        Finding f = run(detector).get(0);
        assertEquals("Latency spikes mostly from map monitor at demo.Inventory.record:28", f.title());
        assertEquals(List.of(20.0), f.evidence().windows().stream().map(Evidence.TimeWindow::startSeconds).toList());
        assertEquals(20.2, f.evidence().windows().get(0).endSeconds(), 1e-9);
        assertEquals(50 * MS, metric(f, "in spikes: GC pause"));
        assertEquals(60 * MS, metric(f, "in spikes: ConcurrentHashMap bin"));
        assertEquals(40 * MS, metric(f, "in spikes: lock park"), "the idle pool worker's park is not a stall");
        assertEquals(30 * MS, metric(f, "in spikes: other monitor"));
        double map = metric(f, "in spikes: map monitor");
        assertTrue(map > 450 * MS && map < 450 * MS + 2 * 36 * MS, String.valueOf(map));
        assertEquals(map / metric(f, "stalled in spikes"), metric(f, "share of spike stall: map monitor"), 1e-9);

        Evidence.CallSite hashtableSite = site(f, "demo.Inventory.record:28");
        assertEquals("Hashtable", hashtableSite.mapKind());
        assertEquals("merge", hashtableSite.operation());
        assertEquals(map, hashtableSite.weight());
        assertEquals("ConcurrentHashMap", site(f, "demo.QuoteCache.priceFor:26").mapKind());
        assertEquals("computeIfAbsent", site(f, "demo.QuoteCache.priceFor:26").operation());
        assertEquals(40 * MS, site(f, "demo.Ledger.post:12").weight());
        assertEquals(30 * MS, site(f, "demo.Audit.log:9").weight());
        assertEquals("demo.Inventory.record:28", f.evidence().callSites().get(0).frame(), "largest cause first");
        assertTrue(f.summary().contains("map monitor") && f.summary().contains("(G1New: G1 Evacuation Pause)"),
                f.summary());
        assertTrue(f.fix().contains("demo.Inventory.record:28") && f.fix().contains("map.monitor-contention"), f.fix());
    }

    @Test
    void scoresMapLockStallInSpikesNotGcSpikes() {
        steadyContention(3, 0);
        for (int i = 0; i < 10; i++) {
            gc(3.0 + 5 * i, i, 400 * MS, true);
        }
        Finding gcOnly = run(detector).get(0);
        assertEquals(10, metric(gcOnly, "spikes"));
        assertEquals("Latency spikes mostly from GC pauses (G1New: G1 Evacuation Pause)", gcOnly.title());
        assertEquals(0, gcOnly.score(), "GC spikes are shown, not scored");

        for (int i = 0; i < 10; i++) {
            for (int t = 0; t < 3; t++) {
                blocked(5.5 + 5 * i, 300 * MS, workers[t], inventory, hashtable);
            }
        }
        Finding f = run(detector).get(0);
        // 900 ms of thread time above the usual 30 ms per window, ten times, over 60 s; the GC spikes'
        // windows hold only the usual contention.
        double expected = 10 * 0.9 / SECONDS;
        assertEquals(expected, metric(f, "map-caused stall in spikes beyond the usual, per second of recording"),
                1e-9);
        assertEquals(Scores.fromCostShare(expected), f.score());
        assertEquals(Severity.WARNING, f.severity());
    }

    @Test
    void aFewOutliersDoNotShiftTheBaseline() {
        steadyContention(4);
        for (int i = 0; i < 15; i++) {
            for (int t = 0; t < 3; t++) {
                blocked(2.01 + 4 * i, 95 * MS, workers[t], inventory, hashtable);
            }
        }
        // A moderate spike: ~100 ms stalled against a ~30 ms median.
        blocked(33.02, 70 * MS, workers[2], inventory, hashtable);
        LatencySpikeDetector listAll = new LatencySpikeDetector(new LatencySpikeDetector.Settings(
                100_000_000L, 5, 2, 0.2, 30));
        Finding f = run(listAll).get(0);
        assertEquals(30 * MS, metric(f, "stalled per window, median"), 2 * MS);
        assertEquals(16, metric(f, "spikes"));
        assertTrue(f.evidence().windows().stream().anyMatch(w -> Math.abs(w.startSeconds() - 33.0) < 1e-9),
                f.evidence().windows().toString());
    }

    @Test
    void classifiesMapLocksByMonitorClassOrByTheMapsOwnCode() {
        // A synchronizedMap with a mutex of its own: the monitor is a plain Object, the wait in the map's code.
        int sessions = synthetic.stack("java.util.Collections$SynchronizedMap.put:2710", "demo.Sessions.touch:12",
                "demo.Worker.run");
        // A lock taken by the mapping function, which the map called back into: the caller's lock.
        int loader = synthetic.stack("demo.Pricing.load:50", "demo.QuoteCache.lambda$priceFor$0:26",
                "java.util.concurrent.ConcurrentHashMap.computeIfAbsent:1708", "demo.QuoteCache.priceFor:26");
        blocked(10.01, 190 * MS, workers[0], sessions, synthetic.klass("java.lang.Object"));
        blocked(10.01, 90 * MS, workers[1], loader, synthetic.klass("demo.Pricing"));
        Finding f = run(detector).get(0);
        assertEquals(190 * MS, metric(f, "in spikes: map monitor"));
        assertEquals(90 * MS, metric(f, "in spikes: other monitor"));
        assertEquals("Collections$SynchronizedMap", site(f, "demo.Sessions.touch:12").mapKind());
        assertEquals(null, site(f, "demo.Pricing.load:50").mapKind());
    }

    @Test
    void placesCollectionPausesWhenThereAreNoPhasePauses() {
        gc(7.05, 1, 80 * MS, false);
        Finding f = run(detector).get(0);
        assertEquals(80 * MS, metric(f, "in spikes: GC pause"));
        assertEquals(7.0, f.evidence().windows().get(0).startSeconds(), 1e-9);
        assertTrue(f.evidence().notes().stream().anyMatch(n -> n.contains("jdk.GarbageCollection")),
                f.evidence().notes().toString());
    }

    @Test
    void mergedAccumulatorsGiveTheSameFindings() {
        steadyContention(5);
        for (int t = 0; t < 3; t++) {
            blocked(20.02, 150 * MS, workers[t], inventory, hashtable);
            blocked(44.07, 120 * MS, workers[t], priceFor, reservation);
        }
        gc(20.12, 9, 50 * MS, true);
        gc(44.0, 10, 70 * MS, false);
        parked(20.03, 40 * MS, ledger, nonfairSync);

        Accumulator whole = synthetic.accumulator(detector);
        Accumulator a = synthetic.accumulator(detector);
        Accumulator b = synthetic.accumulator(detector);
        for (int i = 0; i < events.size(); i++) {
            events.get(i).accept(whole);
            events.get(i).accept(i % 3 == 0 ? a : b);
        }
        a.merge(b);
        List<Finding> expected = whole.findings();
        assertEquals(2, metric(expected.get(0), "spikes"));
        assertEquals(expected, a.findings());
    }

    @Test
    void steadyHashtableContentionIsNoSpike() throws Exception {
        Finding f = DetectorHarness.run(detector, Recordings.sample("hashtable-contention.jfr")).get(0);
        assertEquals(Severity.OK, f.severity(), f.summary());
        assertTrue(f.summary().contains("Over the recording: map monitor"), f.summary());
        assertTrue(f.summary().contains("Hashtable.merge at dev.hashscope.samples.Inventory.record:28"), f.summary());
    }

    @Test
    void theLongStallsOfDefaultSettingsAreMapMonitorSpikes() throws Exception {
        // With a 20 ms threshold only the long waits are recorded: they come in bursts, with GC pauses.
        Finding f = DetectorHarness.run(detector, Recordings.sample("hashtable-contention-default-settings.jfr")).get(0);
        assertEquals("Latency spikes mostly from map monitor at dev.hashscope.samples.Inventory.record:28", f.title());
        assertEquals(Severity.INFO, f.severity());
        Evidence.CallSite top = f.evidence().callSites().get(0);
        assertEquals("Hashtable", top.mapKind());
        assertTrue(metric(f, "in spikes: GC pause") > 0);
    }

    @Test
    void computeIfAbsentStallsAreSteadyBinStalls() throws Exception {
        Finding f = DetectorHarness.run(detector, Recordings.sample("chm-compute-hot-key.jfr")).get(0);
        assertEquals(Severity.OK, f.severity(), f.summary());
        assertTrue(f.summary().contains("Over the recording: ConcurrentHashMap bin 100.0% (ConcurrentHashMap"
                + ".computeIfAbsent at dev.hashscope.samples.QuoteCache.priceFor:"), f.summary());
    }

    @Test
    void aBinStallSpikeOnJdk25() throws Exception {
        Finding f = DetectorHarness.run(detector, Recordings.sample("chm-poor-hash-jdk25.jfr")).get(0);
        assertTrue(f.title().startsWith("Latency spikes mostly from ConcurrentHashMap bin at "
                + "dev.hashscope.samples.OrderBook.place"), f.title());
        assertEquals(Severity.INFO, f.severity());
    }

    @Test
    void theResizeStormsGcPausesAreSteady() throws Exception {
        Finding f = DetectorHarness.run(detector, Recordings.sample("hashmap-resize-storm.jfr")).get(0);
        assertEquals(Severity.OK, f.severity(), f.summary());
        assertTrue(f.summary().contains("Over the recording: GC pause 100.0%"), f.summary());
        assertTrue(metric(f, "stalled per window, median") > 20 * MS, f.summary());
    }

    @Test
    void theHealthyControlHasNoWarning() throws Exception {
        for (Finding f : DetectorHarness.run(detector, Recordings.sample("healthy-control.jfr"))) {
            assertNotEquals(Severity.WARNING, f.severity(), f.summary());
            assertNotEquals(Severity.NOT_APPLICABLE, f.severity(), f.summary());
        }
    }

    @Test
    void notApplicableWithoutPausesOrBlocking() throws Exception {
        List<Finding> findings = DetectorHarness.run(detector, Recordings.shared("apdemos__alloc.jfr"));
        assertEquals(1, findings.size());
        assertEquals(Severity.NOT_APPLICABLE, findings.get(0).severity());
        assertTrue(findings.get(0).summary().contains("jdk.GarbageCollection or jdk.GCPhasePause or "
                + "jdk.JavaMonitorEnter or jdk.ThreadPark"), findings.get(0).summary());
    }

    @Test
    void appliesWithGcEventsAlone() throws Exception {
        List<Finding> findings = DetectorHarness.run(detector, Recordings.shared("jmc__full_gc_g1.jfr"));
        assertNotEquals(Severity.NOT_APPLICABLE, findings.get(0).severity());
    }
}
