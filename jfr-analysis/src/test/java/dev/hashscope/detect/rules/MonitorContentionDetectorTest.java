package dev.hashscope.detect.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hashscope.detect.Accumulator;
import dev.hashscope.detect.Detector;
import dev.hashscope.detect.Evidence;
import dev.hashscope.detect.Finding;
import dev.hashscope.detect.Scores;
import dev.hashscope.detect.Severity;
import dev.hashscope.event.ExecutionSample;
import dev.hashscope.event.MonitorBlocked;
import dev.hashscope.event.ThreadPark;
import dev.hashscope.testing.DetectorHarness;
import dev.hashscope.testing.DetectorHarness.Synthetic;
import dev.hashscope.testing.Recordings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitorContentionDetectorTest {
    static final long MS = 1_000_000L;
    static final long TABLE = 0x7f00_0000_2180L;

    /**
     * Events built in a test, replayed into one accumulator or split into two that are then merged (the first
     * half into one, the rest into the other, as two chunks of a recording would be), so that a test can check
     * that merging partial results changes nothing. Shared by the lock detectors' tests.
     */
    static final class Events {
        final Synthetic s = new Synthetic();
        final List<Consumer<Accumulator>> events = new ArrayList<>();

        /** A stall of {@code nanos} entering a {@code monitorClass} monitor, {@code owner} having held it. */
        void blocked(double at, long nanos, String thread, int stack, String monitorClass, long address, String owner) {
            int t = s.thread(thread);
            int o = owner == null ? -1 : s.thread(owner);
            int c = s.klass(monitorClass);
            events.add(a -> a.monitorBlocked(new MonitorBlocked(s.at(at), nanos, t, stack, c, address, o)));
        }

        void park(double at, long nanos, String thread, int stack, String parkedClass, long address) {
            int t = s.thread(thread);
            int c = parkedClass == null ? -1 : s.klass(parkedClass);
            events.add(a -> a.threadPark(new ThreadPark(s.at(at), nanos, t, stack, c, address)));
        }

        void cpu(double at, String thread, int stack) {
            int t = s.thread(thread);
            events.add(a -> a.executionSample(new ExecutionSample(s.at(at), t, stack)));
        }

        List<Finding> run(Detector d) {
            Accumulator a = s.accumulator(d);
            events.forEach(e -> e.accept(a));
            return a.findings();
        }

        List<Finding> runSplit(Detector d) {
            Accumulator a = s.accumulator(d);
            Accumulator b = s.accumulator(d);
            for (int i = 0; i < events.size(); i++) {
                events.get(i).accept(i < events.size() / 2 ? a : b);
            }
            a.merge(b);
            return a.findings();
        }
    }

    static Finding only(List<Finding> findings, String titlePart) {
        List<Finding> matching = findings.stream().filter(f -> f.title().contains(titlePart)).toList();
        assertEquals(1, matching.size(), titlePart + " in " + titles(findings));
        return matching.get(0);
    }

    static List<String> titles(List<Finding> findings) {
        return findings.stream().map(f -> f.severity() + " " + f.score() + " " + f.title()).toList();
    }

    /** A recording of CPU samples only: the lock events were not enabled. */
    static Path cpuOnlyRecording(Path dir) throws Exception {
        Path file = dir.resolve("cpu-only.jfr");
        try (Recording r = new Recording()) {
            r.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            r.enable("jdk.ActiveSetting");
            r.start();
            long end = System.nanoTime() + 100 * MS;
            long x = 0;
            while (System.nanoTime() < end) {
                x += x * 31 + 7;
            }
            r.stop();
            r.dump(file);
            assertTrue(x != 1, "keeps the loop");
        }
        return file;
    }

    /**
     * Four order workers on one Hashtable at Inventory.record:28 (merge), each thread stalling 9 times for
     * 600 ms and once for 3 s; one logger stall on a plain monitor that is not about a map.
     */
    static Events hashtableWorkers(String threshold) {
        Events ev = new Events();
        ev.s.setting("jdk.JavaMonitorEnter", "threshold", threshold);
        int merge = ev.s.stack("java.util.Hashtable.merge:1156", "demo.Inventory.record:28", "demo.Orders.serve:51",
                "demo.Main.main:9");
        int log = ev.s.stack("demo.Log.write:12", "demo.Orders.serve:60", "demo.Main.main:9");
        for (int t = 0; t < 4; t++) {
            for (int i = 0; i < 10; i++) {
                ev.blocked(t + i * 0.1, i == 9 ? 3000 * MS : 600 * MS, "worker-" + t, merge, "java.util.Hashtable", TABLE,
                        "worker-" + ((t + 1) % 4));
            }
        }
        ev.blocked(5, 30 * MS, "worker-0", log, "java.lang.Object", 0x1000, "logger");
        return ev;
    }

    @Test
    void flagsHashtableWhenItDominatesBlockedTime() {
        List<Finding> findings = hashtableWorkers("100 us").run(new MonitorContentionDetector());
        assertEquals(1, findings.size(), "the logger's monitor is not a map's: " + titles(findings));
        Finding f = findings.get(0);
        assertEquals("map.monitor-contention", f.detector());
        assertEquals("Hashtable contention at Inventory.record:28", f.title());
        Evidence.CallSite c = f.evidence().callSites().get(0);
        assertEquals("demo.Inventory.record:28", c.frame());
        assertEquals("Hashtable", c.mapKind());
        assertEquals("MERGE", c.operation());
        assertEquals(40, c.count());
        long total = 4 * (9 * 600 * MS + 3000 * MS);
        assertEquals(total, (long) c.weight());
        assertEquals(4, c.threads());
        assertEquals(3000 * MS, c.maxNanos());
        assertEquals(3000 * MS, c.p99Nanos(), "4 of the 40 stalls are the 3 s ones");
        assertEquals(600 * MS, c.p50Nanos(), 600 * MS * 0.07, "within the histogram's resolution");
        assertEquals((double) total / (total + 30 * MS), c.share(), 1e-9, "of ALL monitor blocking, the logger's too");
        assertEquals(List.of("java.util.Hashtable.merge:1156", "demo.Inventory.record:28", "demo.Orders.serve:51",
                "demo.Main.main:9"), c.stack());
        // 33.6 s over 60 s times the 5 threads seen in monitor events (4 workers and the logger): 11.2%.
        assertEquals(Scores.fromCostShare(total / (60e9 * 5)), f.score());
        assertEquals(Severity.WARNING, f.severity());
        assertEquals(new Evidence.Monitor("java.util.Hashtable", TABLE, 40, total, 3000 * MS, null),
                f.evidence().monitors().get(0));
        assertEquals(List.of("Previous owners of the monitor: worker-0, worker-1, worker-2, worker-3."),
                f.evidence().notes());
    }

    @Test
    void aStallWithAnEmptyStackIsCountedButNamesNoSite() {
        // JFR now and then records a stack trace with no frames (seen once in CI, on a monitor event of the
        // JVM running the tests): the stall still counts towards all monitor blocking, it just has no site.
        Events ev = hashtableWorkers("100 us");
        ev.blocked(7, 50 * MS, "worker-1", ev.s.stack(), "java.util.Hashtable", TABLE, "worker-2");
        List<Finding> findings = ev.run(new MonitorContentionDetector());
        assertEquals(1, findings.size(), "" + titles(findings));
        assertEquals("Hashtable contention at Inventory.record:28", findings.get(0).title());
        assertEquals(40, findings.get(0).evidence().callSites().get(0).count());
    }

    @Test
    void scoresTheBlockedShareOfTheContendingThreadsTime() {
        Events ev = new Events();
        ev.s.setting("jdk.JavaMonitorEnter", "threshold", "100 us");
        int put = ev.s.stack("java.util.Hashtable.put:479", "demo.Inventory.add:40", "demo.Main.main:9");
        // Two threads, each blocked 12 s of the 60 s recording: 20% of their time.
        for (int i = 0; i < 120; i++) {
            ev.blocked(i * 0.5, 200 * MS, "worker-" + (i % 2), put, "java.util.Hashtable", TABLE, "worker-" + ((i + 1) % 2));
        }
        Finding f = ev.run(new MonitorContentionDetector()).get(0);
        assertEquals(Scores.fromCostShare(0.2), f.score());
        assertEquals(Severity.WARNING, f.severity());
        assertTrue(f.summary().startsWith("120 stalls at demo.Inventory.add:40 on java.util.Hashtable, 24.00 s blocked"
                + " in all (p50 200.0 ms, p99 200.0 ms, max 200.0 ms) across 2 threads: 20.0% of the contending threads'"
                + " time and 100.0% of all monitor blocking"), f.summary());
    }

    @Test
    void theFixReplacesTheMapAtTheCallSite() {
        Finding f = hashtableWorkers("100 us").run(new MonitorContentionDetector()).get(0);
        assertTrue(f.fix().startsWith("At demo.Inventory.record:28, replace the Hashtable with a ConcurrentHashMap"),
                f.fix());
        assertTrue(f.fix().contains("ConcurrentHashMap.merge is atomic per key"), f.fix());
        assertTrue(f.fix().contains("stripe it"), f.fix());
        assertTrue(f.explanation().contains("Hashtable.merge runs its remapping function while it holds that monitor"),
                f.explanation());
    }

    @Test
    void namesSynchronizedMapAndWarnsAboutNullsAndIteration() {
        Events ev = new Events();
        ev.s.setting("jdk.JavaMonitorEnter", "threshold", "100 us");
        int get = ev.s.stack("java.util.Collections$SynchronizedMap.get:2689", "demo.Sessions.find:19", "demo.Main.main:9");
        for (int i = 0; i < 100; i++) {
            ev.blocked(i * 0.5, 100 * MS, "web-" + (i % 3), get, "java.util.Collections$SynchronizedMap", 0x2000, "web-0");
        }
        Finding f = ev.run(new MonitorContentionDetector()).get(0);
        assertEquals("synchronizedMap contention at Sessions.find:19", f.title());
        assertEquals("Collections$SynchronizedMap", f.evidence().callSites().get(0).mapKind());
        assertEquals("GET", f.evidence().callSites().get(0).operation());
        assertTrue(f.fix().startsWith("At demo.Sessions.find:19, replace the Collections.synchronizedMap(...) wrapper"
                + " with a ConcurrentHashMap"), f.fix());
        assertTrue(f.fix().contains("rejects null keys and values"), f.fix());
        assertTrue(f.fix().contains("get, then put"), "a plain get: the read-modify-write advice: " + f.fix());
    }

    /** Two workers queue at a synchronized block in Registry.update; {@code samples} CPU samples show it in HashMap.get. */
    static Events synchronizedRegistry(int samples) {
        Events ev = new Events();
        ev.s.setting("jdk.JavaMonitorEnter", "threshold", "100 us");
        int enter = ev.s.stack("demo.Registry.update:40", "demo.Main.main:9");
        int working = ev.s.stack("java.util.HashMap.getNode:570", "java.util.HashMap.get:556", "demo.Registry.update:42",
                "demo.Main.main:9");
        for (int i = 0; i < 100; i++) {
            ev.blocked(i * 0.5, 100 * MS, "worker-" + (i % 2), enter, "java.lang.Object", 0x3000, "worker-" + ((i + 1) % 2));
        }
        for (int i = 0; i < samples; i++) {
            ev.cpu(i, "worker-0", working);
        }
        return ev;
    }

    @Test
    void aSynchronizedSectionIsAMapLockWhenCpuSamplesShowItsMethodUsingAMap() {
        Finding f = synchronizedRegistry(5).run(new MonitorContentionDetector()).get(0);
        assertEquals("synchronized HashMap contention at Registry.update:40", f.title());
        assertEquals("GET", f.evidence().callSites().get(0).operation());
        assertTrue(f.explanation().contains("CPU samples catch demo.Registry.update calling HashMap.get 5 times"),
                f.explanation());
        assertTrue(f.fix().startsWith("At demo.Registry.update:40, make the HashMap a ConcurrentHashMap"), f.fix());

        Finding unproven = synchronizedRegistry(0).run(new MonitorContentionDetector()).get(0);
        assertEquals(Severity.OK, unproven.severity(), "without CPU samples nothing ties the lock to a map");
    }

    @Test
    void lockingTheMapObjectItselfNeedsNoCpuEvidence() {
        for (String mapClass : List.of("java.util.HashMap", "java.util.concurrent.ConcurrentHashMap")) {
            Events ev = new Events();
            ev.s.setting("jdk.JavaMonitorEnter", "threshold", "100 us");
            int enter = ev.s.stack("demo.Registry.update:40", "demo.Main.main:9");
            for (int i = 0; i < 100; i++) {
                ev.blocked(i * 0.5, 100 * MS, "worker-" + (i % 2), enter, mapClass, 0x3000, "worker-" + ((i + 1) % 2));
            }
            Finding f = ev.run(new MonitorContentionDetector()).get(0);
            String kind = mapClass.substring(mapClass.lastIndexOf('.') + 1);
            assertEquals("synchronized " + kind + " contention at Registry.update:40", f.title());
            assertEquals(kind, f.evidence().callSites().get(0).mapKind());
            assertEquals(null, f.evidence().callSites().get(0).operation(), "no map call on the waiters' stacks");
            assertTrue(f.explanation().contains("the lock is the " + kind + " object itself"), f.explanation());
            assertTrue(f.fix().startsWith(kind.equals("HashMap")
                    ? "At demo.Registry.update:40, make the HashMap a ConcurrentHashMap and drop the synchronized section"
                    : "At demo.Registry.update:40, drop the synchronized section"), f.fix());
        }
    }

    @Test
    void aLockTakenInsideARemappingFunctionIsChargedToTheMapCall() {
        Events ev = new Events();
        ev.s.setting("jdk.JavaMonitorEnter", "threshold", "100 us");
        int inFunction = ev.s.stack("demo.Audit.note:7", "demo.Inventory.lambda$record$0:30",
                "demo.Inventory$$Lambda.apply", "java.util.Hashtable.merge:1160", "demo.Inventory.record:28",
                "demo.Main.main:9");
        for (int i = 0; i < 100; i++) {
            ev.blocked(i * 0.5, 100 * MS, "worker-" + (i % 2), inFunction, "demo.Audit", 0x4000, "worker-" + ((i + 1) % 2));
        }
        Finding f = ev.run(new MonitorContentionDetector()).get(0);
        assertEquals("Lock taken inside Hashtable.merge at Inventory.record:28", f.title());
        assertEquals("demo.Inventory.record:28", f.evidence().callSites().get(0).frame());
        assertTrue(f.explanation().contains("(demo.Inventory.lambda$record$0:30) entered a synchronized section at"
                + " demo.Audit.note:7 (monitor demo.Audit)"), f.explanation());
        assertTrue(f.fix().startsWith("At demo.Inventory.record:28, do not take a lock inside the Hashtable.merge"
                + " callback (at demo.Audit.note:7)"), f.fix());
    }

    @Test
    void leavesConcurrentHashMapBinLocksToTheBinDetector() {
        Events ev = new Events();
        ev.s.setting("jdk.JavaMonitorEnter", "threshold", "100 us");
        int bin = ev.s.stack("java.util.concurrent.ConcurrentHashMap.putVal:1031",
                "java.util.concurrent.ConcurrentHashMap.put:1006", "demo.OrderBook.place:17", "demo.Main.main:9");
        for (int i = 0; i < 100; i++) {
            ev.blocked(i * 0.5, 100 * MS, "worker-" + (i % 2), bin, "java.util.concurrent.ConcurrentHashMap$TreeBin",
                    0x5000, "worker-" + ((i + 1) % 2));
        }
        List<Finding> findings = ev.run(new MonitorContentionDetector());
        assertEquals(1, findings.size());
        assertEquals(Severity.OK, findings.get(0).severity());
        assertEquals("100 monitor stalls (10.00 s) in the recording, none on a Hashtable, a synchronizedMap or a"
                + " synchronized section around a map (100 were on ConcurrentHashMap bins, which map.bin-contention"
                + " looks at).", findings.get(0).summary());
    }

    @Test
    void saysThatTheRecordingsThresholdHidShortStalls() {
        String hid = "This recording's jdk.JavaMonitorEnter threshold is 20 ms: stalls shorter than 20 ms are not"
                + " recorded and are invisible here";
        Finding f = hashtableWorkers("20 ms").run(new MonitorContentionDetector()).get(0);
        assertTrue(f.summary().contains(hid), f.summary());
        assertTrue(f.evidence().notes().stream().anyMatch(n -> n.startsWith(hid)
                && n.contains("-XX:StartFlightRecording:settings=hashscope.jfc")), f.evidence().notes().toString());

        Events quiet = new Events();
        quiet.s.setting("jdk.JavaMonitorEnter", "threshold", "20 ms");
        Finding ok = quiet.run(new MonitorContentionDetector()).get(0);
        assertEquals(Severity.OK, ok.severity());
        assertEquals("No map monitor contention above 20 ms", ok.title());
        assertTrue(ok.summary().contains(hid), ok.summary());

        Finding unknown = new Events().run(new MonitorContentionDetector()).get(0);
        assertEquals("No map monitor contention", unknown.title());
        assertTrue(unknown.summary().contains("does not give its jdk.JavaMonitorEnter threshold"), unknown.summary());

        Finding fine = hashtableWorkers("100 us").run(new MonitorContentionDetector()).get(0);
        assertTrue(fine.evidence().notes().stream().noneMatch(n -> n.contains("threshold")), fine.evidence().notes().toString());
    }

    @Test
    void mergingPartialAccumulatorsGivesTheSameFindings() {
        MonitorContentionDetector d = new MonitorContentionDetector(new MonitorContentionDetector.Settings(0.0001, 5));
        Events ev = hashtableWorkers("100 us");
        int around = ev.s.stack("demo.Registry.update:40", "demo.Main.main:9");
        int working = ev.s.stack("java.util.HashMap.get:556", "demo.Registry.update:42", "demo.Main.main:9");
        for (int i = 0; i < 7; i++) {
            ev.blocked(10 + i, (i + 1) * 3 * MS, "worker-" + (i % 3), around, "java.lang.Object", 0x3000, "worker-3");
            ev.cpu(10 + i, "worker-3", working);
        }
        List<Finding> whole = ev.run(d);
        assertEquals(2, whole.size(), titles(whole).toString());
        assertEquals(whole, ev.runSplit(d));
    }

    // ---- on recordings ----

    @Test
    void findsHashtableAndSynchronizedMapInTheirRecording() throws Exception {
        List<Finding> findings = DetectorHarness.run(new MonitorContentionDetector(),
                Recordings.sample("hashtable-contention.jfr"));
        Finding hashtable = only(findings, "Hashtable contention at Inventory.record:28");
        assertEquals(Severity.WARNING, hashtable.severity());
        assertEquals("dev.hashscope.samples.Inventory.record:28", hashtable.evidence().callSites().get(0).frame());
        assertEquals("java.util.Hashtable", hashtable.evidence().monitors().get(0).className());
        assertTrue(hashtable.fix().contains("Inventory.record:28"), hashtable.fix());
        Finding wrapper = only(findings, "synchronizedMap contention at SessionRegistry.touch:27");
        assertEquals(Severity.WARNING, wrapper.severity());
        assertEquals("Collections$SynchronizedMap", wrapper.evidence().callSites().get(0).mapKind());
        assertEquals(4, wrapper.evidence().callSites().get(0).threads());
        assertEquals(findings.get(0), hashtable, "ranked by cost: " + titles(findings));
    }

    @Test
    void warnsThatTheDefaultSettingsHidMostStalls() throws Exception {
        List<Finding> findings = DetectorHarness.run(new MonitorContentionDetector(),
                Recordings.sample("hashtable-contention-default-settings.jfr"));
        Finding hashtable = only(findings, "Hashtable contention at Inventory.record:28");
        assertTrue(hashtable.evidence().notes().stream().anyMatch(n -> n.startsWith(
                "This recording's jdk.JavaMonitorEnter threshold is 20 ms: stalls shorter than 20 ms are not recorded")),
                hashtable.evidence().notes().toString());
    }

    @Test
    void healthyControlIsOkNotNotApplicable() throws Exception {
        List<Finding> findings = DetectorHarness.run(new MonitorContentionDetector(),
                Recordings.sample("healthy-control.jfr"));
        assertEquals(List.of("OK 0 No map monitor contention"), titles(findings));
    }

    @Test
    void doesNotClaimConcurrentHashMapStallsInARecording() throws Exception {
        List<Finding> findings = DetectorHarness.run(new MonitorContentionDetector(),
                Recordings.sample("chm-compute-hot-key.jfr"));
        assertEquals(List.of("OK 0 No map monitor contention"), titles(findings));
    }

    @Test
    void notApplicableWithoutMonitorEvents(@TempDir Path dir) throws Exception {
        List<Finding> findings = DetectorHarness.run(new MonitorContentionDetector(), cpuOnlyRecording(dir));
        assertEquals(1, findings.size());
        assertEquals(Severity.NOT_APPLICABLE, findings.get(0).severity());
        assertTrue(findings.get(0).fix().contains("hashscope.jfc"), findings.get(0).fix());
    }

    @Test
    void readsAsyncProfilersLockThresholdAndSaysWhatItHid() throws Exception {
        List<Finding> findings = DetectorHarness.run(new MonitorContentionDetector(),
                Recordings.shared("grafana__async-profiler.jfr"));
        assertEquals(1, findings.size());
        assertEquals(Severity.OK, findings.get(0).severity(), "async-profiler enabled lock events; none crossed");
        // async-profiler ran with lock=10000000: 10 ms, so shorter stalls were not recorded.
        assertEquals("No map monitor contention above 10.0 ms", findings.get(0).title());
        assertTrue(findings.get(0).summary().contains("10.0 ms"), findings.get(0).summary());
    }
}
