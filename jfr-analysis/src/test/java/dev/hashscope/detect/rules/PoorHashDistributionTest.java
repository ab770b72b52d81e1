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

/** map.poor-hash with the map probe's distribution evidence. */
class PoorHashDistributionTest {
    private final PoorHashDetector detector = new PoorHashDetector();

    @Test
    void theCpuFindingGainsTheProbedDistribution() throws Exception {
        List<Finding> findings = DetectorHarness.run(detector, Recordings.sample("map-probe-poor-hash.jfr"));
        Finding top = findings.get(0);
        assertEquals(Severity.WARNING, top.severity());
        assertTrue(top.summary().contains("The map probe saw dev.hashscope.samples.TradeLedger.OPEN_TRADES:"
                + " TradeKey.hashCode maps 100.0% of its"), top.summary());
        assertTrue(top.summary().contains("to 12 buckets (12 distinct hash values"), top.summary());
        assertTrue(top.evidence().metrics().stream().anyMatch(m -> m.name().equals("distinct-hash ratio")
                && m.value() < 0.01), top.evidence().metrics().toString());
        assertTrue(top.evidence().notes().stream().anyMatch(n -> n.contains("the fix is the hashCode, not the table")),
                top.evidence().notes().toString());
        assertTrue(findings.stream().noneMatch(f -> f.title().startsWith("Colliding TradeKey hashes in dev.")),
                "the probed table is explained by the CPU findings, not reported twice");
    }

    @Test
    void theHealthyProbedSampleHasNoCollidingKeys() throws Exception {
        List<Finding> findings = DetectorHarness.run(detector, Recordings.sample("map-probe-healthy.jfr"));
        assertEquals(1, findings.size());
        assertEquals(Severity.OK, findings.get(0).severity(), findings.get(0).summary());
    }

    @Test
    void aPoorDistributionWithoutTreeCpuIsReportedFromTheProbeAlone() {
        Synthetic s = new Synthetic();
        Accumulator a = s.accumulator(detector);
        // 3,000 keys, 50 hash values, all in chains: a table the CPU profile did not catch (yet).
        a.mapBuckets(Probed.table(s.at(1), "app.Routes.BY_PATH", "HashMap", "app.Path", 4096, 3000, 50, 60, 6.6,
                50 / 3000.0, "4046,0*7,50", "4046,0*7,50"));
        a.mapBuckets(Probed.healthy(s.at(1), "app.Users.BY_ID", "HashMap", 4096));
        a.end(null);
        List<Finding> f = a.findings();
        assertEquals(1, f.size(), f.toString());
        assertEquals(Severity.INFO, f.get(0).severity());
        assertEquals("Colliding Path hashes in app.Routes.BY_PATH", f.get(0).title());
        assertTrue(f.get(0).summary().contains("Path.hashCode maps 100.0% of the keys to 50 buckets"), f.get(0).summary());
        assertTrue(f.get(0).fix().startsWith("Give app.Path a hashCode"), f.get(0).fix());
    }

    @Test
    void wellSpreadProbedTablesAreNotFlagged() {
        Synthetic s = new Synthetic();
        Accumulator a = s.accumulator(detector);
        a.mapBuckets(Probed.healthy(s.at(1), "app.Users.BY_ID", "HashMap", 4096));
        // Full but uniform: long-ish chains from load alone, distinct hashes, probe near the ideal.
        a.mapBuckets(Probed.table(s.at(1), "app.Full.M", "HashMap", "java.lang.String", 1024, 768, 0, 5, 1.37, 1.0,
                "484,363,136,34,6,1,0*3", "484,363,136,34,6,1,0*3"));
        a.end(null);
        List<Finding> f = a.findings();
        assertEquals(Severity.OK, f.get(0).severity(), f.get(0).summary());
    }
}
