package dev.hashscope.event.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hashscope.detect.Analyzer;
import dev.hashscope.event.EventKind;
import dev.hashscope.event.EventSink;
import dev.hashscope.event.JdkRecordingReader;
import dev.hashscope.event.RecordingReader;
import dev.hashscope.flame.CollapsedStacks;
import dev.hashscope.flame.EventFilter;
import dev.hashscope.flame.FlameKind;
import dev.hashscope.flame.FlameTreeBuilder;
import dev.hashscope.report.ReportJson;
import dev.hashscope.testing.InProcessRecording;
import dev.hashscope.testing.Recordings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import jdk.jfr.Recording;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fast reader against the JDK's parser on every recording we have: the same event counts, the same
 * events in the same order with the same symbols (ids included), the same call trees and the same analysis.
 */
class FastRecordingReaderIdentityTest {
    @TempDir
    static Path dir;
    static Path multiChunk;

    static final String[] SHARED = {"apdemos__alloc.jfr", "grafana__async-profiler.jfr",
            "grafana__cortex-dev-01__kafka-0__cpu_lock_alloc__0.jfr", "grafana__object-allocation-sample.jfr",
            "jfrunit__rest-post-consumer-1d3e.jfr", "jmc__full_gc_g1.jfr", "jmc__hotmethods.jfr", "jmc__jdk21.jfr"};

    @BeforeAll
    static void recordMultiChunk() throws Exception {
        multiChunk = multiChunkRecording(dir);
    }

    static Stream<Path> recordings() throws Exception {
        List<Path> all = new ArrayList<>(Recordings.samples());
        for (String shared : SHARED) {
            Path p = Recordings.SHARED.resolve(shared);
            if (Files.isRegularFile(p)) {
                all.add(p);
            }
        }
        List<Path> samples = Recordings.samples();
        // Several recordings in one file: chunks of different JVMs follow each other.
        all.add(InProcessRecording.concat(dir.resolve("same-twice.jfr"), samples.get(0), samples.get(0)));
        all.add(multiChunk);
        all.add(ProbeEvents.record(dir.resolve("probe-events.jfr")));
        return all.stream();
    }

    /** One JVM's recording of several chunks (a second recording starting rotates the chunk), a thread renamed. */
    static Path multiChunkRecording(Path dir) throws Exception {
        Path file = dir.resolve("multi-chunk.jfr");
        try (Recording r = new Recording()) {
            r.enable("jdk.JavaMonitorEnter").withThreshold(Duration.ofMillis(1)).withStackTrace();
            r.enable("jdk.ThreadPark").withThreshold(Duration.ofMillis(1)).withStackTrace();
            r.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            r.enable("jdk.ObjectAllocationSample").with("throttle", "1000/s");
            r.enable("jdk.GarbageCollection");
            r.enable("jdk.ThreadStart");
            r.enable("jdk.ThreadEnd");
            r.enable("jdk.CPULoad").withPeriod(Duration.ofMillis(100));
            r.enable("jdk.ActiveSetting");
            r.start();
            Thread worker = new Thread(() -> InProcessRecording.burnCpuAndAllocate(Duration.ofMillis(900)),
                    "renamed-before");
            worker.start();
            InProcessRecording.hashtableStall();
            for (int i = 0; i < 3; i++) {
                InProcessRecording.burnCpuAndAllocate(Duration.ofMillis(150));
                if (i == 1) {
                    worker.setName("renamed-after");
                }
                try (Recording rotate = new Recording()) {
                    rotate.enable("jdk.CPULoad").withPeriod(Duration.ofMillis(50));
                    rotate.start();
                    InProcessRecording.parkStall();
                    rotate.stop();
                }
            }
            worker.join();
            System.gc();
            r.stop();
            r.dump(file);
        }
        return file;
    }

    static EventTranscript transcript(RecordingReader reader, Path file, Set<EventKind> kinds) throws Exception {
        EventTranscript t = new EventTranscript(kinds);
        reader.read(file, t);
        return t;
    }

    static void assertSameLines(List<String> expected, List<String> actual, String what) {
        int n = Math.min(expected.size(), actual.size());
        for (int i = 0; i < n; i++) {
            if (!expected.get(i).equals(actual.get(i))) {
                assertEquals(expected.get(i), actual.get(i), what + ": event " + i + " differs");
            }
        }
        assertEquals(expected.size(), actual.size(), what + ": number of events");
    }

    @ParameterizedTest
    @MethodSource("recordings")
    void deliversTheSameEventsAsTheJdkParser(Path file) throws Exception {
        for (boolean parallel : new boolean[]{false, true}) {
            FastRecordingReader fast = new FastRecordingReader(parallel);
            EventTranscript expected = transcript(new JdkRecordingReader(), file, EventKind.all());
            EventTranscript actual = transcript(fast, file, EventKind.all());
            assertNull(fast.lastFallback(), "fell back: " + fast.lastFallback());
            assertEquals(expected.stats.eventCounts(), actual.stats.eventCounts(), "event counts");
            assertEquals(expected.stats.layout(), actual.stats.layout(), "layout");
            assertSameLines(expected.lines, actual.lines, file.getFileName() + (parallel ? " (parallel)" : ""));
            assertFalse(actual.otherThread, "events delivered on one thread");
        }
    }

    @ParameterizedTest
    @MethodSource("recordings")
    void decodesOnlyTheWantedKindsTheSameWay(Path file) throws Exception {
        Set<EventKind> kinds = EnumSet.of(EventKind.ALLOCATION, EventKind.MONITOR_BLOCKED, EventKind.SETTING);
        EventTranscript expected = transcript(new JdkRecordingReader(), file, kinds);
        EventTranscript actual = transcript(new FastRecordingReader(), file, kinds);
        assertEquals(expected.stats.eventCounts(), actual.stats.eventCounts(), "event counts");
        assertSameLines(expected.lines, actual.lines, file.getFileName().toString());
    }

    @ParameterizedTest
    @MethodSource("recordings")
    void buildsTheSameFlameTreesAndFindings(Path file) throws Exception {
        for (FlameKind kind : FlameKind.values()) {
            FlameTreeBuilder jdk = new FlameTreeBuilder(EventFilter.ALL);
            new JdkRecordingReader().read(file, jdk);
            FlameTreeBuilder fast = new FlameTreeBuilder(EventFilter.ALL);
            new FastRecordingReader().read(file, fast);
            assertEquals(CollapsedStacks.toString(jdk.tree(kind)), CollapsedStacks.toString(fast.tree(kind)),
                    kind + " tree of " + file.getFileName());
        }
        String name = file.getFileName().toString();
        String jdkJson = ReportJson.toJson(new Analyzer(Analyzer.loadDetectors(), new JdkRecordingReader())
                .analyze(file, EventFilter.ALL), name);
        String fastJson = ReportJson.toJson(new Analyzer(Analyzer.loadDetectors(), new FastRecordingReader())
                .analyze(file, EventFilter.ALL), name);
        assertEquals(jdkJson, fastJson, "analysis of " + name);
    }

    /**
     * The JDK parser keeps its parsers while the metadata id repeats, also when the next chunk is another
     * JVM's with other type ids: it then fails (JDK 17 then 25) or miscounts (two JDK 17 runs whose
     * Java-registered event types got other ids). The fast reader reads each chunk with its own types there.
     */
    @Test
    void readsRecordingsOfDifferentJvmsConcatenatedWhereTheJdkParserMisreadsThem() throws Exception {
        Path a = Recordings.sample("chm-poor-hash.jfr");
        Path b = Recordings.sample("chm-poor-hash-jdk25.jfr");
        Path c = Recordings.sample("boxing-churn.jfr");
        Path d = Recordings.sample("hashtable-contention.jfr");
        Path jdk17Then25 = InProcessRecording.concat(dir.resolve("jdk17-then-25.jfr"), a, b);
        org.junit.jupiter.api.Assertions.assertThrows(dev.hashscope.event.UnreadableRecordingException.class,
                () -> new JdkRecordingReader().read(jdk17Then25, new EventSink() { }));
        assertEquals(sumOfCounts(a, b), transcript(new FastRecordingReader(), jdk17Then25, EventKind.all())
                .stats.eventCounts());
        Path three = InProcessRecording.concat(dir.resolve("three-runs.jfr"), a, c, d);
        assertEquals(sumOfCounts(a, c, d), transcript(new FastRecordingReader(), three, EventKind.all())
                .stats.eventCounts());
        FlameTreeBuilder fast = new FlameTreeBuilder(EventFilter.ALL);
        new FastRecordingReader().read(three, fast);
        for (FlameKind kind : FlameKind.values()) {
            long sum = 0;
            for (Path p : List.of(a, c, d)) {
                FlameTreeBuilder one = new FlameTreeBuilder(EventFilter.ALL);
                new JdkRecordingReader().read(p, one);
                sum += one.tree(kind).total(0);
            }
            assertEquals(sum, fast.tree(kind).total(0), kind.toString());
        }
    }

    static java.util.Map<String, Long> sumOfCounts(Path... files) throws Exception {
        java.util.Map<String, Long> sum = new java.util.HashMap<>();
        for (Path f : files) {
            transcript(new JdkRecordingReader(), f, EnumSet.noneOf(EventKind.class)).stats.eventCounts()
                    .forEach((k, v) -> sum.merge(k, v, Long::sum));
        }
        return sum;
    }

    @Test
    void readsMapBucketsAndSkipsUnknownCustomEvents() throws Exception {
        Path file = ProbeEvents.record(dir.resolve("probe-events-alone.jfr"));
        for (RecordingReader reader : List.of(new JdkRecordingReader(), new FastRecordingReader())) {
            EventTranscript t = transcript(reader, file, EventKind.all());
            List<String> buckets = t.lines.stream().filter(l -> l.startsWith("buckets ")).toList();
            assertEquals(ProbeEvents.TABLES, buckets.size(), reader.getClass().getSimpleName());
            assertTrue(buckets.get(0).contains("map=com.acme.Registry.sessions, kind=HashMap"), buckets.get(0));
            assertTrue(buckets.get(0).contains("histogram=61,1,0,1,0*4,1"), buckets.get(0));
            assertTrue(t.lines.stream().noneMatch(l -> l.contains("acme.Unknown")), "unknown events are only counted");
            assertEquals(3L, t.stats.eventCounts().get(ProbeEvents.UNKNOWN));
        }
        FastRecordingReader fast = new FastRecordingReader();
        transcript(fast, file, EventKind.all());
        assertNull(fast.lastFallback(), "the fast reader decodes MapBuckets itself");
    }

    @Test
    void theMultiChunkRecordingHasSeveralChunks() throws Exception {
        EventTranscript t = transcript(new FastRecordingReader(), multiChunk, EventKind.all());
        assertTrue(t.stats.layout().chunks().size() >= 3, "chunks: " + t.stats.layout().chunks().size());
    }

    @Test
    void theStandardReaderIsTheFastOne() {
        assertTrue(RecordingReader.standard() instanceof FastRecordingReader);
    }

    @Test
    void aCancellingSinkStopsTheParserThread() throws Exception {
        Path file = Recordings.samples().get(0);
        EventSink cancelling = new EventSink() {
            @Override
            public void executionSample(dev.hashscope.event.ExecutionSample e) {
                throw new java.util.concurrent.CancellationException("user cancelled");
            }
        };
        org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.CancellationException.class,
                () -> new FastRecordingReader(true).read(file, cancelling));
        Thread.sleep(50);
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(th -> th.getName().equals("hashscope-jfr-parser")), "parser thread left running");
    }

    /** A bug in an analysis must come out as itself, not as "corrupt recording": the file is fine. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"fast-serial", "fast-parallel", "jdk"})
    void aFailingSinkIsNotReportedAsACorruptFile(String readerName) throws Exception {
        Path file = Recordings.samples().get(0);
        IllegalStateException bug = new IllegalStateException("a detector's bug");
        EventSink failing = new EventSink() {
            @Override
            public void executionSample(dev.hashscope.event.ExecutionSample e) {
                throw bug;
            }
        };
        RecordingReader reader = switch (readerName) {
            case "fast-serial" -> new FastRecordingReader(false);
            case "fast-parallel" -> new FastRecordingReader(true);
            default -> new dev.hashscope.event.JdkRecordingReader();
        };
        IllegalStateException thrown = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> reader.read(file, failing));
        org.junit.jupiter.api.Assertions.assertSame(bug, thrown);
    }
}
