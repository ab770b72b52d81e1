package dev.hashscope.detect.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hashscope.detect.Accumulator;
import dev.hashscope.detect.Evidence;
import dev.hashscope.detect.Finding;
import dev.hashscope.detect.Severity;
import dev.hashscope.event.MonitorBlocked;
import dev.hashscope.testing.DetectorHarness;
import dev.hashscope.testing.DetectorHarness.Synthetic;
import dev.hashscope.testing.Probed;
import dev.hashscope.testing.Recordings;
import java.util.List;
import org.junit.jupiter.api.Test;

class HotBucketDetectorTest {
    private final HotBucketDetector detector = new HotBucketDetector();

    @Test
    void tiesTreeBinContentionToTheLongBucketsOfTheProbedMap() throws Exception {
        List<Finding> findings = DetectorHarness.run(detector, Recordings.sample("map-probe-poor-hash.jfr"));
        assertEquals(1, findings.size());
        Finding f = findings.get(0);
        assertEquals(Severity.WARNING, f.severity(), f.summary());
        assertTrue(f.title().startsWith("Hot tree bins in dev.hashscope.samples.TradeLedger.OPEN_TRADES"), f.title());
        assertTrue(f.summary().contains("on 12 distinct bins"), f.summary());
        assertTrue(f.explanation().contains("TradeKey gives few distinct hash codes (12 for"), f.explanation());
        assertEquals("dev.hashscope.samples.TradeLedger.open:18", f.evidence().callSites().get(0).frame());
        double longest = f.evidence().metrics().stream().filter(m -> m.name().equals("longest chain"))
                .mapToDouble(Evidence.Metric::value).findFirst().orElseThrow();
        assertTrue(longest >= 500, "longest chain " + longest);
    }

    @Test
    void theHealthyProbedSampleHasNoHotBucket() throws Exception {
        List<Finding> findings = DetectorHarness.run(detector, Recordings.sample("map-probe-healthy.jfr"));
        assertEquals(Severity.OK, findings.get(0).severity(), findings.get(0).summary());
    }

    @Test
    void contentionOnShortChainsIsHotKeysNotHotBuckets() {
        Synthetic s = new Synthetic();
        Accumulator a = s.accumulator(detector);
        a.mapBuckets(Probed.healthy(s.at(1), "app.Counters.BY_KEY", "ConcurrentHashMap", 1024));
        int stack = s.stack("java.util.concurrent.ConcurrentHashMap.putVal:1040",
                "java.util.concurrent.ConcurrentHashMap.put:1006", "app.Counters.bump:12");
        for (int i = 0; i < 100; i++) {
            a.monitorBlocked(new MonitorBlocked(s.at(1 + i * 0.1), 50_000_000, s.thread("w" + (i % 4)), stack,
                    s.klass("java.util.concurrent.ConcurrentHashMap$Node"), 0x1000, s.thread("w" + ((i + 1) % 4))));
        }
        List<Finding> f = a.findings();
        assertEquals(Severity.OK, f.get(0).severity());
        assertTrue(f.get(0).summary().contains("hot keys rather than hot buckets"), f.get(0).summary());
    }

    @Test
    void aLongListBinWithContentionIsAHotBucket() {
        Synthetic s = new Synthetic();
        Accumulator a = s.accumulator(detector);
        a.mapBuckets(Probed.table(s.at(1), "app.Index.BY_NAME", "ConcurrentHashMap", "app.Name", 1024, 600, 0, 6,
                2.5, 0.3, "600,300,50,40,20,10,4,0,0", ""));
        int stack = s.stack("java.util.concurrent.ConcurrentHashMap.putVal:1040",
                "java.util.concurrent.ConcurrentHashMap.put:1006", "app.Index.add:30");
        for (int i = 0; i < 100; i++) {
            a.monitorBlocked(new MonitorBlocked(s.at(1 + i * 0.1), 50_000_000, s.thread("w" + (i % 4)), stack,
                    s.klass("java.util.concurrent.ConcurrentHashMap$Node"), 0x1000 + i % 3, s.thread("w" + ((i + 1) % 4))));
        }
        List<Finding> f = a.findings();
        assertTrue(f.get(0).severity() != Severity.OK, f.get(0).summary());
        assertEquals("Hot bins in app.Index.BY_NAME: a bucket of 6 entries behind a contended lock", f.get(0).title());
        assertTrue(f.get(0).summary().contains("on 3 distinct bins"), f.get(0).summary());
    }
}
