package dev.hashscope.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameworkTest {
    @Test
    void scoresMapCostSharesOntoSeverities() {
        assertEquals(0, Scores.fromCostShare(0));
        assertEquals(25, Scores.fromCostShare(0.01));
        assertEquals(75, Scores.fromCostShare(0.10));
        assertEquals(100, Scores.fromCostShare(0.5));
        assertEquals(Severity.OK, Severity.ofScore(Scores.fromCostShare(0.005)));
        assertEquals(Severity.INFO, Severity.ofScore(Scores.fromCostShare(0.03)));
        assertEquals(Severity.WARNING, Severity.ofScore(Scores.fromCostShare(0.2)));
    }

    @Test
    void templatesFillNamedValuesAndRefuseMissingOnes() {
        Template t = Template.of("{site} blocked {threads} threads for {total}");
        assertEquals("A.b:1 blocked 4 threads for 2.0 s", t.render(Map.of("site", "A.b:1", "threads", 4, "total", "2.0 s")));
        assertThrows(IllegalArgumentException.class, () -> t.render(Map.of("site", "x")));
        assertEquals("costs $5 \\o/", Template.of("costs {v}").render(Map.of("v", "$5 \\o/")));
    }

    @Test
    void histogramPercentilesAreWithinItsResolution() {
        LogHistogram h = new LogHistogram();
        Random r = new Random(7);
        long[] values = new long[10_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = 1_000 + (long) (r.nextDouble() * 9_000_000);
            h.record(values[i]);
        }
        java.util.Arrays.sort(values);
        for (double q : new double[]{0.5, 0.9, 0.99}) {
            long exact = values[(int) Math.ceil(q * values.length) - 1];
            long approx = h.percentile(q);
            assertTrue(Math.abs(approx - exact) <= exact * 0.07, q + ": " + approx + " vs " + exact);
        }
        assertEquals(values[values.length - 1], h.max());
        assertEquals(values.length, h.count());
        LogHistogram a = new LogHistogram();
        LogHistogram b = new LogHistogram();
        for (int i = 0; i < values.length; i++) {
            (i % 2 == 0 ? a : b).record(values[i]);
        }
        a.merge(b);
        assertEquals(h.percentile(0.99), a.percentile(0.99));
        assertEquals(h.sum(), a.sum());
    }

    @Test
    void findingsRankWarningsFirstThenByScore() {
        Finding ok = Finding.ok("x", "fine", "", Evidence.NONE);
        Finding info = Finding.scored("y", 40, "so-so", "", "", "", Evidence.NONE);
        Finding warn = Finding.scored("z", 80, "bad", "", "", "", Evidence.NONE);
        Finding worse = Finding.scored("a", 95, "worse", "", "", "", Evidence.NONE);
        Finding na = new Finding("b", Severity.NOT_APPLICABLE, 0, "n/a", "", "", "", Evidence.NONE);
        java.util.List<Finding> l = new java.util.ArrayList<>(java.util.List.of(ok, na, info, warn, worse));
        l.sort(Analyzer.RANKING);
        assertEquals(java.util.List.of(worse, warn, info, ok, na), l);
    }

    @Test
    void thresholdsComeFromJdkSettingsOrAsyncProfilersLockOption() {
        AnalysisContext jdk = new AnalysisContext();
        jdk.setting(new dev.hashscope.event.RecordingSetting("jdk.JavaMonitorEnter", "threshold", "20 ms"));
        assertEquals(20_000_000L, jdk.thresholdNanos("jdk.JavaMonitorEnter"));
        assertEquals(null, jdk.thresholdNanos("jdk.ThreadPark"));
        AnalysisContext ap = new AnalysisContext();
        ap.setting(new dev.hashscope.event.RecordingSetting("#104", "lock", "10000000"));
        assertEquals(10_000_000L, ap.thresholdNanos("jdk.JavaMonitorEnter"));
        assertEquals(10_000_000L, ap.thresholdNanos("jdk.ThreadPark"));
        assertEquals(null, ap.thresholdNanos("jdk.ObjectAllocationSample"));
    }

    @Test
    void overlappingRecordingsMergeSettingsAsTheSummaryDoes() {
        AnalysisContext ctx = new AnalysisContext();
        ctx.setting(new dev.hashscope.event.RecordingSetting("jdk.ThreadPark", "enabled", "true"));
        ctx.setting(new dev.hashscope.event.RecordingSetting("jdk.ThreadPark", "enabled", "false"));
        ctx.setting(new dev.hashscope.event.RecordingSetting("jdk.ThreadPark", "threshold", "100 us"));
        ctx.setting(new dev.hashscope.event.RecordingSetting("jdk.ThreadPark", "threshold", "20 ms"));
        assertTrue(ctx.enabled("jdk.ThreadPark"), "enabled by any recording is enabled");
        assertEquals(100_000L, ctx.thresholdNanos("jdk.ThreadPark"), "the lowest threshold is in force");
    }
}
