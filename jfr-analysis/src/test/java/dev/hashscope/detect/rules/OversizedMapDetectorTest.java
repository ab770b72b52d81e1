package dev.hashscope.detect.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hashscope.detect.Accumulator;
import dev.hashscope.detect.Finding;
import dev.hashscope.detect.Severity;
import dev.hashscope.testing.DetectorHarness;
import dev.hashscope.testing.DetectorHarness.Synthetic;
import dev.hashscope.testing.Probed;
import dev.hashscope.testing.Recordings;
import java.util.List;
import org.junit.jupiter.api.Test;

class OversizedMapDetectorTest {
    private final OversizedMapDetector detector = new OversizedMapDetector();

    @Test
    void flagsAClearedCacheThatKeptItsTableInTheSample() throws Exception {
        List<Finding> findings = DetectorHarness.run(detector, Recordings.sample("map-probe-poor-hash.jfr"));
        Finding f = findings.get(0);
        assertEquals(Severity.INFO, f.severity(), f.toString());
        assertEquals("Oversized HashMap at dev.hashscope.samples.TradeLedger.SESSIONS: 524,288 buckets for 200 entries",
                f.title());
        assertTrue(f.fix().contains("HashMap.newHashMap(200)"), f.fix());
        assertTrue(f.summary().contains("2.0 MB"), f.summary());
        assertEquals(1, findings.size(), "the poor-hash table is full, not oversized: " + findings);
    }

    @Test
    void theHealthyProbedSampleHasNoOversizedTable() throws Exception {
        List<Finding> findings = DetectorHarness.run(detector, Recordings.sample("map-probe-healthy.jfr"));
        assertEquals(1, findings.size());
        assertEquals(Severity.OK, findings.get(0).severity(), findings.get(0).summary());
    }

    @Test
    void notApplicableWithoutTheProbe() throws Exception {
        List<Finding> findings = DetectorHarness.run(detector, Recordings.sample("healthy-control.jfr"));
        assertEquals(Severity.NOT_APPLICABLE, findings.get(0).severity());
        assertTrue(findings.get(0).summary().contains("hashscope.MapBuckets"), findings.get(0).summary());
    }

    @Test
    void judgesEachTableOnItsLastSnapshot() {
        Synthetic s = new Synthetic();
        Accumulator a = s.accumulator(detector);
        // Big while loading, then cleared: only the last snapshot counts, and it is oversized.
        a.mapBuckets(Probed.healthy(s.at(1), "app.Cache.ENTRIES", "HashMap", 1 << 20));
        a.mapBuckets(Probed.table(s.at(2), "app.Cache.ENTRIES", "HashMap", "java.lang.Long", 1 << 20, 100, 0, 1, 1, 1,
                ((1 << 20) - 100) + ",100,0*7", ""));
        // Oversized by ratio but small: not worth a finding.
        a.mapBuckets(Probed.table(s.at(2), "app.Small.M", "HashMap", "java.lang.Long", 4096, 10, 0, 1, 1, 1,
                "4086,10,0*7", ""));
        // Shrunk back by replacing: healthy now.
        a.mapBuckets(Probed.table(s.at(1), "app.Replaced.M", "HashMap", "java.lang.Long", 1 << 20, 10, 0, 1, 1, 1,
                ((1 << 20) - 10) + ",10,0*7", ""));
        a.mapBuckets(Probed.healthy(s.at(3), "app.Replaced.M", "HashMap", 32));
        a.end(null);
        List<Finding> f = a.findings();
        assertEquals(1, f.size(), f.toString());
        assertTrue(f.get(0).title().contains("app.Cache.ENTRIES"), f.get(0).title());
        assertEquals(OversizedMapDetector.score(((1 << 20) - 256) * 4L, 256 * 1024), f.get(0).score());
    }

    @Test
    void scoreGrowsWithTheWaste() {
        assertEquals(25, OversizedMapDetector.score(256 * 1024, 256 * 1024));
        assertEquals(50, OversizedMapDetector.score(4L << 20, 256 * 1024));
        assertEquals(75, OversizedMapDetector.score(64L << 20, 256 * 1024));
    }
}
