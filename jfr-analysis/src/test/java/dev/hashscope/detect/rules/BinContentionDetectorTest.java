package dev.hashscope.detect.rules;

import static dev.hashscope.detect.rules.MonitorContentionDetectorTest.cpuOnlyRecording;
import static dev.hashscope.detect.rules.MonitorContentionDetectorTest.only;
import static dev.hashscope.detect.rules.MonitorContentionDetectorTest.titles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hashscope.detect.Evidence;
import dev.hashscope.detect.Finding;
import dev.hashscope.detect.Scores;
import dev.hashscope.detect.Severity;
import dev.hashscope.detect.rules.MonitorContentionDetectorTest.Events;
import dev.hashscope.testing.DetectorHarness;
import dev.hashscope.testing.Recordings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BinContentionDetectorTest {
    static final long MS = 1_000_000L;
    static final String CHM = "java.util.concurrent.ConcurrentHashMap";

    /**
     * Four pricing threads wait 80 times each 100 ms on ReservationNodes at QuoteCache.priceFor:26, while
     * {@code loaderSamples} CPU samples catch the loader (through its lambda proxy) inside computeIfAbsent.
     */
    static Events computeIfAbsentWithSlowLoader(String threshold, int loaderSamples) {
        Events ev = new Events();
        ev.s.setting("jdk.JavaMonitorEnter", "threshold", threshold);
        int waiting = ev.s.stack(CHM + ".computeIfAbsent:1726", "demo.QuoteCache.priceFor:26", "demo.Main.main:9");
        int loading = ev.s.stack("demo.Work.spin:5", "demo.QuoteCache.fetchQuote:44", "demo.QuoteCache$$Lambda.apply",
                CHM + ".computeIfAbsent:1708", "demo.QuoteCache.priceFor:26", "demo.Main.main:9");
        for (int i = 0; i < 80; i++) {
            // A new reservation per load, so a new lock object each time.
            ev.blocked(i * 0.5, 100 * MS, "pricer-" + (i % 4), waiting, CHM + "$ReservationNode", 0x9000 + 16L * i,
                    "pricer-" + ((i + 1) % 4));
        }
        for (int i = 0; i < loaderSamples; i++) {
            ev.cpu(i * 0.5 + 0.2, "pricer-" + (i % 4), loading);
        }
        return ev;
    }

    @Test
    void computeIfAbsentWithASlowLoaderIsExplainedAsTheFunctionHoldingTheBinLock() {
        Finding f = computeIfAbsentWithSlowLoader("100 us", 12).run(new BinContentionDetector()).get(0);
        assertEquals("map.bin-contention", f.detector());
        assertEquals("ConcurrentHashMap.computeIfAbsent holds bin locks while its function runs at QuoteCache.priceFor:26",
                f.title());
        Evidence.CallSite c = f.evidence().callSites().get(0);
        assertEquals("demo.QuoteCache.priceFor:26", c.frame());
        assertEquals("ConcurrentHashMap", c.mapKind());
        assertEquals("COMPUTE_IF_ABSENT", c.operation());
        assertEquals(80, c.count());
        assertEquals(8000 * MS, (long) c.weight());
        assertEquals(4, c.threads());
        assertEquals(100 * MS, c.p50Nanos());
        // 8 s over 60 s times the 4 pricing threads: 3.3%.
        assertEquals(Scores.fromCostShare(8.0 / (60 * 4)), f.score());
        assertEquals(Severity.INFO, f.severity());
        assertTrue(f.explanation().contains("CPU samples catch demo.QuoteCache.fetchQuote running inside that"
                + " computeIfAbsent call 12 times, i.e. under the bin lock"), f.explanation());
        assertTrue(f.fix().startsWith("At demo.QuoteCache.priceFor:26, take demo.QuoteCache.fetchQuote out of the bin"
                + " lock"), f.fix());
        assertTrue(f.fix().contains("putIfAbsent") && f.fix().contains("CompletableFuture"), f.fix());
        assertTrue(f.evidence().metrics().contains(new Evidence.Metric("blocked on ReservationNode", 8000 * MS,
                dev.hashscope.detect.Unit.NANOS)), f.evidence().metrics().toString());
        assertTrue(f.evidence().notes().contains("Previous owners of the bin locks: pricer-0, pricer-1, pricer-2, pricer-3."),
                f.evidence().notes().toString());
    }

    @Test
    void aLoaderThatOnlyWaitsIsStillTheCauseWhenTheBinHeldAReservation() {
        Finding f = computeIfAbsentWithSlowLoader("100 us", 0).run(new BinContentionDetector()).get(0);
        assertTrue(f.title().startsWith("ConcurrentHashMap.computeIfAbsent holds bin locks"), f.title());
        assertTrue(f.explanation().contains("No CPU sample caught the function running"), f.explanation());
        assertTrue(f.fix().startsWith("At demo.QuoteCache.priceFor:26, take the mapping function out of the bin lock"),
                f.fix());
    }

    @Test
    void aPutBlockedOnAReservationPointsAtTheComputeThatHoldsTheBin() {
        Events ev = computeIfAbsentWithSlowLoader("100 us", 12);
        int put = ev.s.stack(CHM + ".putVal:1031", CHM + ".put:1006", "demo.QuoteCache.refresh:40", "demo.Main.main:9");
        for (int i = 0; i < 80; i++) {
            ev.blocked(i * 0.5 + 0.3, 100 * MS, "refresher", put, CHM + "$ReservationNode", 0x9000 + 16L * i, "pricer-0");
        }
        Finding f = only(ev.run(new BinContentionDetector()), "QuoteCache.refresh:40");
        assertEquals("ConcurrentHashMap.put waits for a mapping function holding the bin at QuoteCache.refresh:40",
                f.title());
        assertTrue(f.explanation().contains("(CPU samples catch demo.QuoteCache.fetchQuote running under computeIfAbsent"
                + " at demo.QuoteCache.priceFor:26)"), f.explanation());
        assertTrue(f.fix().startsWith("The change belongs where the function runs (demo.QuoteCache.priceFor:26), not at"
                + " demo.QuoteCache.refresh:40"), f.fix());
    }

    /** Put stalls on TreeBins at OrderBook.place:17: 12 bins, the first much hotter than the rest. */
    static Events treeBins() {
        Events ev = new Events();
        ev.s.setting("jdk.JavaMonitorEnter", "threshold", "100 us");
        int put = ev.s.stack(CHM + ".putVal:1031", CHM + ".put:1006", "demo.OrderBook.place:17", "demo.Main.main:9");
        for (int i = 0; i < 120; i++) {
            long bin = i < 60 ? 0xA000 : 0xA000 + 16L * (i % 11 + 1);
            ev.blocked(i * 0.4, 250 * MS, "matcher-" + (i % 4), put, CHM + "$TreeBin", bin, "matcher-" + ((i + 2) % 4));
        }
        return ev;
    }

    @Test
    void treeBinStallsPointAtTheKeysHashCode() {
        Finding f = treeBins().run(new BinContentionDetector()).get(0);
        assertEquals("ConcurrentHashMap TreeBin contention at OrderBook.place:17", f.title());
        assertEquals("PUT", f.evidence().callSites().get(0).operation());
        assertEquals(Scores.fromCostShare(30.0 / (60 * 4)), f.score());
        assertEquals(Severity.WARNING, f.severity());
        assertTrue(f.summary().startsWith("120 stalls on ConcurrentHashMap bin locks at demo.OrderBook.place:17 in put"
                + " (all on TreeBin), 30.00 s blocked"), f.summary());
        assertTrue(f.explanation().contains("the hottest bin 60 times"), f.explanation());
        assertTrue(f.explanation().contains("map.poor-hash"), f.explanation());
        assertTrue(f.fix().startsWith("Fix the hashCode of the key class used at demo.OrderBook.place:17"), f.fix());
        List<Evidence.Monitor> bins = f.evidence().monitors();
        assertEquals(5, bins.size(), "the five hottest of 12 bins");
        assertEquals(new Evidence.Monitor(CHM + "$TreeBin", 0xA000, 60, 60 * 250 * MS, 250 * MS, null), bins.get(0));
        assertTrue(f.evidence().metrics().contains(new Evidence.Metric("distinct bin locks", 12,
                dev.hashscope.detect.Unit.COUNT)), f.evidence().metrics().toString());
    }

    /**
     * Counters bumped with merge(k, 1L, Long::sum) on a few keys; of the CPU samples in that merge,
     * {@code functionSamples} catch Long.sum and {@code mapCodeSamples} the map's own code.
     */
    static Events hotCounters(int functionSamples, int mapCodeSamples) {
        Events ev = new Events();
        ev.s.setting("jdk.JavaMonitorEnter", "threshold", "100 us");
        int merge = ev.s.stack(CHM + ".merge:2048", "demo.Clicks.count:12", "demo.Main.main:9");
        int summing = ev.s.stack("java.lang.Long.sum:1", "demo.Clicks$$Lambda.apply", CHM + ".merge:2067",
                "demo.Clicks.count:12", "demo.Main.main:9");
        for (int i = 0; i < 200; i++) {
            ev.blocked(i * 0.25, 100 * MS, "clicker-" + (i % 4), merge, CHM + "$Node", 0xB000 + 16L * (i % 3),
                    "clicker-" + ((i + 1) % 4));
        }
        int counting = ev.s.stack(CHM + ".addCount:2341", CHM + ".merge:2079", "demo.Clicks.count:12", "demo.Main.main:9");
        for (int i = 0; i < functionSamples; i++) {
            ev.cpu(i, "clicker-0", summing);
        }
        for (int i = 0; i < mapCodeSamples; i++) {
            ev.cpu(i + 0.5, "clicker-1", counting);
        }
        return ev;
    }

    @Test
    void hotCountersOnPlainNodesGetLongAdderAdvice() {
        Finding f = hotCounters(3, 12).run(new BinContentionDetector()).get(0);
        assertEquals("ConcurrentHashMap hot-bin contention at Clicks.count:12", f.title());
        assertEquals("MERGE", f.evidence().callSites().get(0).operation());
        assertTrue(f.fix().startsWith("At demo.Clicks.count:12, spread the writes"), f.fix());
        assertTrue(f.fix().contains("LongAdder"), f.fix());
        assertTrue(f.explanation().contains("the hottest bin 67 times"), f.explanation());
    }

    @Test
    void aMergeWhoseCpuIsMostlyItsFunctionIsWorkUnderTheLock() {
        Finding f = hotCounters(6, 2).run(new BinContentionDetector()).get(0);
        assertEquals("ConcurrentHashMap.merge holds bin locks while its function runs at Clicks.count:12", f.title());
        assertTrue(f.explanation().contains("CPU samples catch java.lang.Long.sum running inside that merge call 6 times"),
                f.explanation());
        assertEquals("ConcurrentHashMap hot-bin contention at Clicks.count:12",
                hotCounters(1, 0).run(new BinContentionDetector()).get(0).title(), "one sample can be chance");
    }

    @Test
    void leavesHashtableMonitorsToTheMonitorDetector() {
        Events ev = new Events();
        ev.s.setting("jdk.JavaMonitorEnter", "threshold", "100 us");
        int put = ev.s.stack("java.util.Hashtable.put:479", "demo.Inventory.add:40", "demo.Main.main:9");
        for (int i = 0; i < 50; i++) {
            ev.blocked(i, 500 * MS, "worker-" + (i % 2), put, "java.util.Hashtable", 0xC000, "worker-" + ((i + 1) % 2));
        }
        List<Finding> findings = ev.run(new BinContentionDetector());
        assertEquals(List.of("OK 0 No ConcurrentHashMap bin-lock contention"), titles(findings));
        assertEquals("50 monitor stalls in the recording, none on a ConcurrentHashMap bin.", findings.get(0).summary());
    }

    @Test
    void contentionBelowOnePercentIsOkWithItsNumbers() {
        Events ev = new Events();
        ev.s.setting("jdk.JavaMonitorEnter", "threshold", "100 us");
        int put = ev.s.stack(CHM + ".putVal:1031", CHM + ".put:1006", "demo.Ledger.credit:30", "demo.Main.main:9");
        for (int i = 0; i < 10; i++) {
            ev.blocked(i, 2 * MS, "teller-" + (i % 2), put, CHM + "$Node", 0xD000, "teller-" + ((i + 1) % 2));
        }
        Finding f = ev.run(new BinContentionDetector()).get(0);
        assertEquals(Severity.OK, f.severity());
        assertEquals("ConcurrentHashMap bin locks cost 20.0 ms in 10 stalls, 0.0% of the contending threads' time,"
                + " below the 1.0% worth reporting.", f.summary());
        assertEquals("demo.Ledger.credit:30", f.evidence().callSites().get(0).frame());
    }

    @Test
    void saysThatTheRecordingsThresholdHidShortStalls() {
        String hid = "This recording's jdk.JavaMonitorEnter threshold is 10 ms: stalls shorter than 10 ms are not"
                + " recorded and are invisible here";
        Finding f = computeIfAbsentWithSlowLoader("10 ms", 3).run(new BinContentionDetector()).get(0);
        assertTrue(f.summary().contains(hid), f.summary());
        assertTrue(f.evidence().notes().stream().anyMatch(n -> n.startsWith(hid) && n.contains("hashscope.jfc")),
                f.evidence().notes().toString());

        Events quiet = new Events();
        quiet.s.setting("jdk.JavaMonitorEnter", "threshold", "10 ms");
        Finding ok = quiet.run(new BinContentionDetector()).get(0);
        assertEquals("No ConcurrentHashMap bin-lock contention above 10 ms", ok.title());
        assertTrue(ok.summary().contains(hid), ok.summary());

        Finding unknown = new Events().run(new BinContentionDetector()).get(0);
        assertTrue(unknown.summary().contains("does not give its jdk.JavaMonitorEnter threshold"), unknown.summary());
    }

    @Test
    void mergingPartialAccumulatorsGivesTheSameFindings() {
        Events ev = computeIfAbsentWithSlowLoader("100 us", 9);
        int put = ev.s.stack(CHM + ".putVal:1031", CHM + ".put:1006", "demo.OrderBook.place:17", "demo.Main.main:9");
        for (int i = 0; i < 60; i++) {
            ev.blocked(i * 0.3, (100 + i) * MS, "matcher-" + (i % 3), put, CHM + "$TreeBin", 0xA000 + 16L * (i % 5),
                    "matcher-" + ((i + 1) % 3));
        }
        List<Finding> whole = ev.run(new BinContentionDetector());
        assertEquals(2, whole.size(), titles(whole).toString());
        assertEquals(whole, ev.runSplit(new BinContentionDetector()));
    }

    // ---- on recordings ----

    @Test
    void theHotKeyRecordingShowsTheLoaderRunningUnderTheBinLock() throws Exception {
        List<Finding> findings = DetectorHarness.run(new BinContentionDetector(),
                Recordings.sample("chm-compute-hot-key.jfr"));
        Finding f = findings.get(0);
        assertEquals(Severity.WARNING, f.severity(), titles(findings).toString());
        assertEquals("ConcurrentHashMap.computeIfAbsent holds bin locks while its function runs at QuoteCache.priceFor:26",
                f.title());
        Evidence.CallSite c = f.evidence().callSites().get(0);
        assertEquals("dev.hashscope.samples.QuoteCache.priceFor:26", c.frame());
        assertEquals("COMPUTE_IF_ABSENT", c.operation());
        assertTrue(f.explanation().contains("CPU samples catch dev.hashscope.samples.QuoteCache.fetchQuote running"
                + " inside that computeIfAbsent call"), f.explanation());
        assertTrue(f.fix().startsWith("At dev.hashscope.samples.QuoteCache.priceFor:26, take"
                + " dev.hashscope.samples.QuoteCache.fetchQuote out of the bin lock"), f.fix());
        assertTrue(f.evidence().monitors().stream().allMatch(m -> m.className().endsWith("$ReservationNode")),
                f.evidence().monitors().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"chm-poor-hash.jfr", "chm-poor-hash-jdk25.jfr"})
    void thePoorHashRecordingsShowTreeBinStallsAtThePut(String recording) throws Exception {
        List<Finding> findings = DetectorHarness.run(new BinContentionDetector(), Recordings.sample(recording));
        Finding f = only(findings, "TreeBin");
        assertEquals("ConcurrentHashMap TreeBin contention at OrderBook.place:17", f.title());
        assertEquals(Severity.WARNING, f.severity());
        assertEquals("dev.hashscope.samples.OrderBook.place:17", f.evidence().callSites().get(0).frame());
        assertEquals("PUT", f.evidence().callSites().get(0).operation());
        assertTrue(f.fix().contains("OrderBook.place:17"), f.fix());
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashtable-contention.jfr", "healthy-control.jfr"})
    void okWhereNoBinWasContended(String recording) throws Exception {
        List<Finding> findings = DetectorHarness.run(new BinContentionDetector(), Recordings.sample(recording));
        assertEquals(List.of("OK 0 No ConcurrentHashMap bin-lock contention"), titles(findings));
    }

    @Test
    void notApplicableWithoutMonitorEvents(@TempDir Path dir) throws Exception {
        List<Finding> findings = DetectorHarness.run(new BinContentionDetector(), cpuOnlyRecording(dir));
        assertEquals(1, findings.size());
        assertEquals(Severity.NOT_APPLICABLE, findings.get(0).severity());
    }
}
