package dev.hashscope.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hashscope.testing.InProcessRecording;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdkRecordingReaderTest {
    @TempDir
    static Path dir;
    static Path recording;

    @BeforeAll
    static void record() throws Exception {
        recording = InProcessRecording.contentionAndWork(dir);
    }

    /** Collects everything, for assertions. */
    static final class Collector implements EventSink {
        Symbols symbols;
        RecordingLayout layout;
        final List<ExecutionSample> samples = new ArrayList<>();
        final List<MonitorBlocked> monitors = new ArrayList<>();
        final List<ThreadPark> parks = new ArrayList<>();
        final List<AllocationSample> allocations = new ArrayList<>();
        final List<GcPause> gcs = new ArrayList<>();
        final List<RecordingSetting> settings = new ArrayList<>();
        ReadStats stats;

        @Override
        public void begin(RecordingLayout layout, Symbols symbols) {
            this.layout = layout;
            this.symbols = symbols;
        }

        @Override
        public void executionSample(ExecutionSample e) {
            samples.add(e);
        }

        @Override
        public void monitorBlocked(MonitorBlocked e) {
            monitors.add(e);
        }

        @Override
        public void threadPark(ThreadPark e) {
            parks.add(e);
        }

        @Override
        public void allocation(AllocationSample e) {
            allocations.add(e);
        }

        @Override
        public void gcPause(GcPause e) {
            gcs.add(e);
        }

        @Override
        public void setting(RecordingSetting e) {
            settings.add(e);
        }

        @Override
        public void end(ReadStats stats) {
            this.stats = stats;
        }
    }

    static Collector read(Path file) throws UnreadableRecordingException {
        Collector c = new Collector();
        new JdkRecordingReader().read(file, c);
        return c;
    }

    @Test
    void countsEveryEventTypeLikeTheJdkParser() throws Exception {
        Map<String, Long> expected = new HashMap<>();
        try (RecordingFile rf = new RecordingFile(recording)) {
            while (rf.hasMoreEvents()) {
                expected.merge(rf.readEvent().getEventType().getName(), 1L, Long::sum);
            }
        }
        Collector c = read(recording);
        assertEquals(expected, c.stats.eventCounts());
        assertEquals(expected.getOrDefault("jdk.ExecutionSample", 0L), (long) c.samples.size());
        assertEquals(expected.getOrDefault("jdk.JavaMonitorEnter", 0L), (long) c.monitors.size());
        assertEquals(expected.getOrDefault("jdk.ThreadPark", 0L), (long) c.parks.size());
        assertTrue(c.samples.size() > 5, "CPU samples expected from 400 ms of busy work: " + c.samples.size() + " in " + expected);
    }

    @Test
    void decodesTheHashtableStallWithItsMonitorClassThreadAndStack() throws Exception {
        Collector c = read(recording);
        MonitorBlocked stall = c.monitors.stream()
                .filter(m -> c.symbols.threadName(m.thread()).equals("hs-waiter"))
                .findFirst().orElseThrow(() -> new AssertionError("no monitor event for hs-waiter"));
        assertEquals("java.util.Hashtable", c.symbols.stringAt(stall.monitorClass()));
        assertEquals("hs-holder", c.symbols.threadName(stall.previousOwner()));
        assertTrue(stall.durationNanos() >= 20_000_000L, "blocked for the holder's 30 ms: " + stall.durationNanos());
        assertTrue(stall.address() != 0);
        int top = c.symbols.stackFrames(stall.stack())[0];
        assertEquals("java.util.Hashtable.put", c.symbols.methodLabel(c.symbols.frameMethod(top)));
    }

    @Test
    void decodesTheParkUnderReentrantLock() throws Exception {
        Collector c = read(recording);
        ThreadPark park = c.parks.stream()
                .filter(p -> c.symbols.threadName(p.thread()).equals("hs-parker"))
                .findFirst().orElseThrow(() -> new AssertionError("no park event for hs-parker"));
        assertTrue(c.symbols.stringAt(park.parkedClass()).startsWith("java.util.concurrent.locks.ReentrantLock"),
                c.symbols.stringAt(park.parkedClass()));
        String stack = Arrays.stream(c.symbols.stackFrames(park.stack()))
                .mapToObj(f -> c.symbols.methodLabel(c.symbols.frameMethod(f))).toList().toString();
        assertTrue(stack.contains("java.util.concurrent.locks.ReentrantLock.lock"), stack);
    }

    @Test
    void internsStacksAndFrames() throws Exception {
        Collector c = read(recording);
        assertTrue(c.symbols.stackCount() <= c.samples.size() + c.monitors.size() + c.parks.size()
                + c.allocations.size(), "stacks are interned, not one per event");
        // Same stack content must map to the same id.
        Map<String, Integer> seen = new HashMap<>();
        for (int s = 0; s < c.symbols.stackCount(); s++) {
            String key = Arrays.toString(c.symbols.stackFrames(s)) + c.symbols.stackTruncated(s);
            Integer prev = seen.put(key, s);
            assertEquals(null, prev, "stack interned twice: " + key);
        }
    }

    @Test
    void reportsActiveSettingsByEventName() throws Exception {
        Collector c = read(recording);
        // The programmatic API writes "1000000 ns" where a .jfc says "1 ms": compare durations.
        assertTrue(c.settings.stream().anyMatch(s -> s.eventType().equals("jdk.JavaMonitorEnter")
                && s.name().equals("threshold")
                && Long.valueOf(1_000_000L).equals(dev.hashscope.summary.Durations.parseNanos(s.value()))),
                "no 1 ms threshold setting for jdk.JavaMonitorEnter among " + c.settings.size() + " settings");
    }

    @Test
    void timesAreEpochNanosInsideTheRecording() throws Exception {
        Collector c = read(recording);
        long start = c.layout.startNanos();
        long end = c.layout.endNanos();
        for (ExecutionSample s : c.samples) {
            assertTrue(s.timeNanos() >= start - 1_000_000_000L && s.timeNanos() <= end + 1_000_000_000L);
        }
        try (RecordingFile rf = new RecordingFile(recording)) {
            while (rf.hasMoreEvents()) {
                RecordedEvent e = rf.readEvent();
                if (e.getEventType().getName().equals("jdk.ExecutionSample")) {
                    long t = e.getStartTime().getEpochSecond() * 1_000_000_000L + e.getStartTime().getNano();
                    assertEquals(t, c.samples.get(0).timeNanos());
                    break;
                }
            }
        }
    }

    @Test
    void readsGzipCompressedRecordingsTheSame() throws Exception {
        Path gz = dir.resolve("compressed.jfr.gz");
        try (OutputStream os = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(recording, os);
        }
        Collector plain = read(recording);
        Collector unzipped = read(gz);
        assertEquals(plain.stats.eventCounts(), unzipped.stats.eventCounts());
        assertTrue(unzipped.layout.compressed());
        assertFalse(plain.layout.compressed());
    }

    @Test
    void readsConcatenatedRecordingsAsOneWithAllChunks() throws Exception {
        // The copy starts a second later: the same bytes twice would be one recording repeated, counted once.
        byte[] later = Files.readAllBytes(recording);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(later);
        for (int at = 0; at < later.length; at += (int) b.getLong(at + 8)) {
            b.putLong(at + 32, b.getLong(at + 32) + 1_000_000_000L);
        }
        Path copy = Files.write(dir.resolve("later.jfr"), later);
        Path twice = InProcessRecording.concat(dir.resolve("twice.jfr"), recording, copy);
        Collector once = read(recording);
        Collector both = read(twice);
        assertEquals(2 * once.layout.chunks().size(), both.layout.chunks().size());
        assertEquals(2L * once.samples.size(), both.samples.size());
    }

    @Test
    void readsTheCompleteChunksOfATruncatedFileAndSaysWhatWasSkipped() throws Exception {
        Path twice = InProcessRecording.concat(dir.resolve("twice-for-cut.jfr"), recording, recording);
        long size = Files.size(twice);
        long firstChunkEnd = Files.size(recording);
        Path cut = dir.resolve("cut.jfr");
        try (var in = Files.newInputStream(twice); var out = Files.newOutputStream(cut)) {
            out.write(in.readNBytes((int) (firstChunkEnd + (size - firstChunkEnd) / 2)));
        }
        Collector c = read(cut);
        Collector once = read(recording);
        assertEquals(once.stats.eventCounts(), c.stats.eventCounts());
        assertTrue(c.layout.truncated());
        assertEquals(firstChunkEnd, c.layout.completeBytes());
        assertTrue(c.layout.skipReason().contains("truncated"), c.layout.skipReason());
    }

    @Test
    void aSinkCanCancelTheReadWithoutItLookingLikeACorruptFile() {
        EventSink cancelling = new EventSink() {
            @Override
            public void executionSample(ExecutionSample e) {
                throw new java.util.concurrent.CancellationException("user cancelled");
            }
        };
        org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.CancellationException.class,
                () -> new JdkRecordingReader().read(recording, cancelling));
    }
}
