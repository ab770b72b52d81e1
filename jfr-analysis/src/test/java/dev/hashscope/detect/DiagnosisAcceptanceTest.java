package dev.hashscope.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hashscope.flame.EventFilter;
import dev.hashscope.testing.Recordings;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What "the diagnosis works" means, on the committed pathology recordings with every registered detector:
 * the top finding is a WARNING from the right detector, about the right map kind, at the right call site;
 * the healthy control has no WARNING at all.
 */
class DiagnosisAcceptanceTest {
    static final List<String> ALL_DETECTORS = List.of("alloc.jitter", "latency.spikes", "map.bin-contention",
            "map.boxing", "map.copy-on-write", "map.hot-bucket", "map.lock-park", "map.monitor-contention",
            "map.oversized", "map.poor-hash", "map.resize-churn");

    @Test
    void everyDetectorIsRegistered() {
        assertEquals(ALL_DETECTORS, Analyzer.loadDetectors().stream().map(Detector::id).toList());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "hashtable-contention.jfr,  map.monitor-contention, Hashtable,         dev.hashscope.samples.Inventory.record",
            "chm-poor-hash.jfr,         map.poor-hash,          ConcurrentHashMap, dev.hashscope.samples.OrderBook.",
            "chm-poor-hash-jdk25.jfr,   map.poor-hash,          ConcurrentHashMap, dev.hashscope.samples.OrderBook.",
            "chm-compute-hot-key.jfr,   map.bin-contention,     ConcurrentHashMap, dev.hashscope.samples.QuoteCache.priceFor",
            "hashmap-resize-storm.jfr,  map.resize-churn,       HashMap,           dev.hashscope.samples.IndexBuilder.build",
            "copy-on-write-map.jfr,     map.copy-on-write,      HashMap,           dev.hashscope.samples.FeatureFlags.set",
            "boxing-churn.jfr,          map.boxing,             HashMap,           dev.hashscope.samples.ClickCounter.record"})
    void theTopFindingNamesTheMapAndTheCallSite(String recording, String detector, String mapKind, String site)
            throws Exception {
        AnalysisResult r = Analyzer.standard().analyze(Recordings.sample(recording), EventFilter.ALL);
        Finding top = r.top();
        String ranking = r.findings().stream().limit(6)
                .map(f -> f.severity() + " " + f.score() + " " + f.detector() + ": " + f.title())
                .collect(Collectors.joining("\n  ", "\n  ", ""));
        assertEquals(Severity.WARNING, top.severity(), ranking);
        assertEquals(detector, top.detector(), ranking);
        assertTrue(!top.evidence().callSites().isEmpty(), "the top finding shows its call site" + ranking);
        Evidence.CallSite c = top.evidence().callSites().get(0);
        assertTrue(c.frame().startsWith(site), c.frame() + ranking);
        assertEquals(mapKind, c.mapKind(), ranking);
        assertTrue(top.fix().contains(site.substring(site.lastIndexOf('.', site.length() - 2) + 1).replaceAll("\\.$", "")),
                "the fix names the call site: " + top.fix());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"apdemos__alloc.jfr", "grafana__async-profiler.jfr",
            "grafana__cortex-dev-01__kafka-0__cpu_lock_alloc__0.jfr", "grafana__object-allocation-sample.jfr",
            "jfrunit__rest-post-consumer-1d3e.jfr", "jmc__full_gc_g1.jfr", "jmc__hotmethods.jfr", "jmc__jdk21.jfr"})
    void runsOnRecordingsMadeByOtherTools(String name) throws Exception {
        AnalysisResult r = Analyzer.standard().analyze(Recordings.shared(name), EventFilter.ALL);
        assertEquals(ALL_DETECTORS.size(), r.findings().stream().map(Finding::detector).distinct().count(),
                "every detector answers, if only with NOT_APPLICABLE");
        for (Finding f : r.findings()) {
            assertTrue(!f.title().isBlank() && !f.title().contains("{"), f.toString());
            if (f.severity() == Severity.NOT_APPLICABLE) {
                assertTrue(f.fix().startsWith("Record again: "), f.toString());
            }
        }
    }

    @Test
    void aTimeRangeIsJudgedOnItsOwnSpanNotTheWholeRecording() throws Exception {
        // The Hashtable workload is contended throughout: a one-second slice of it is just as contended, and
        // it holds no spike against itself. Measured against the whole 4.7 s, the slice looked 4.6x milder and
        // every window in it looked like a spike over the empty windows outside it.
        AnalysisResult slice = Analyzer.standard().analyze(Recordings.sample("hashtable-contention.jfr"),
                EventFilter.of(null, 1.0, 2.04));
        Finding top = slice.top();
        String ranking = slice.findings().stream().limit(4)
                .map(f -> f.severity() + " " + f.score() + " " + f.detector() + ": " + f.title())
                .collect(Collectors.joining("\n  ", "\n  ", ""));
        assertEquals("map.monitor-contention", top.detector(), ranking);
        assertEquals(Severity.WARNING, top.severity(), ranking);
        assertTrue(slice.findings().stream().noneMatch(f -> f.detector().equals("latency.spikes")
                && f.severity() == Severity.WARNING), ranking);
    }

    @Test
    void theHealthyControlHasNoWarning() throws Exception {
        AnalysisResult r = Analyzer.standard().analyze(Recordings.sample("healthy-control.jfr"), EventFilter.ALL);
        List<Finding> warnings = r.findings().stream().filter(f -> f.severity() == Severity.WARNING).toList();
        assertEquals(List.of(), warnings);
        assertTrue(r.findings().stream().noneMatch(f -> f.severity() == Severity.NOT_APPLICABLE
                && !f.detector().equals("map.lock-park") && !needsTheMapProbe(f.detector())),
                "the control was recorded with every needed event: "
                + r.findings().stream().map(f -> f.severity() + " " + f.detector()).toList());
    }

    /** Detectors that read the map probe's events, which no recording setting adds (docs/map-probe.md). */
    private static boolean needsTheMapProbe(String detector) {
        return Analyzer.loadDetectors().stream().anyMatch(d -> d.id().equals(detector)
                && d.requirements().contains(dev.hashscope.summary.Capability.MAP_BUCKETS));
    }

    @Test
    void theHealthyControlRecordedWithTheMapProbeHasNoWarning() throws Exception {
        AnalysisResult r = Analyzer.standard().analyze(Recordings.sample("map-probe-healthy.jfr"), EventFilter.ALL);
        assertEquals(List.of(), r.findings().stream().filter(f -> f.severity() == Severity.WARNING
                || f.severity() == Severity.INFO).map(Finding::title).toList());
        assertTrue(r.findings().stream().noneMatch(f -> f.severity() == Severity.NOT_APPLICABLE
                && !f.detector().equals("map.lock-park")), r.findings().stream()
                .map(f -> f.severity() + " " + f.detector()).toList().toString());
    }
}
