package dev.hashscope.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hashscope.summary.RecordingSummarizer;
import dev.hashscope.summary.RecordingSummary;
import dev.hashscope.testing.Recordings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Recordings made by other tools (../shared/recordings): read them, or say clearly why not. */
class SharedRecordingsTest {
    @ParameterizedTest
    @CsvSource({
            // file, events the summary must show as supported
            "apdemos__alloc.jfr, Allocation flame graph",
            "grafana__async-profiler.jfr, CPU flame graph",
            "grafana__cortex-dev-01__kafka-0__cpu_lock_alloc__0.jfr, CPU flame graph",
            "grafana__object-allocation-sample.jfr, Allocation flame graph",
            "jfrunit__rest-post-consumer-1d3e.jfr, Park time (java.util.concurrent locks)",
            "jmc__full_gc_g1.jfr, GC pauses",
            "jmc__hotmethods.jfr, CPU flame graph",
            "jmc__jdk21.jfr, Lock contention (monitors)"})
    void readsRecordingsFromOtherTools(String name, String supported) throws Exception {
        RecordingSummarizer s = new RecordingSummarizer();
        RecordingReader.standard().read(Recordings.shared(name), s);
        RecordingSummary summary = s.summary();
        assertTrue(summary.support().stream()
                .anyMatch(x -> x.capability().name().equals(supported) && x.supported()), name + ": " + supported);
        assertEquals(0, summary.layout().skippedBytes());
    }

    @Test
    void readsAsyncProfilerOutputOfAJdk8Process() throws Exception {
        RecordingSummarizer s = new RecordingSummarizer();
        ReadStats stats = RecordingReader.standard().read(Recordings.shared("grafana__async-profiler.jfr"), s);
        assertEquals(199_661, stats.count("jdk.ExecutionSample"));
        // async-profiler writes jdk.JVMInformation too; this process ran on a JDK 8 HotSpot.
        assertEquals("25.144-b01", s.summary().jvm().jvmVersion());
    }

    @Test
    void gitLfsPointerSavedAsJfr() {
        var file = Recordings.shared("jafar__test-jfr.jfr");
        var e = assertThrows(UnreadableRecordingException.class,
                () -> RecordingReader.standard().read(file, new EventSink() { }));
        assertTrue(e.getMessage().contains("Git LFS pointer"), e.getMessage());
    }

    @Test
    void gzippedJdk8RecordingIsNamedAsTheOldFormat() {
        var file = Recordings.shared("jmc__8u60.jfr");
        var e = assertThrows(UnreadableRecordingException.class,
                () -> RecordingReader.standard().read(file, new EventSink() { }));
        assertTrue(e.getMessage().contains("JFR format 0.9") && e.getMessage().contains("not supported"),
                e.getMessage());
    }
}
