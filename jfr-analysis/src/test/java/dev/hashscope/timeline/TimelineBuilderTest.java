package dev.hashscope.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hashscope.event.AllocationSample;
import dev.hashscope.event.CpuLoad;
import dev.hashscope.event.EventSink;
import dev.hashscope.event.GcPause;
import dev.hashscope.event.GcPhasePause;
import dev.hashscope.event.MonitorBlocked;
import dev.hashscope.event.RecordingReader;
import dev.hashscope.event.Symbols;
import dev.hashscope.event.ThreadPark;
import dev.hashscope.testing.DetectorHarness.Synthetic;
import dev.hashscope.testing.Recordings;
import dev.hashscope.timeline.Timeline.Series;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TimelineBuilderTest {
    private final Synthetic rec = new Synthetic();

    private TimelineBuilder builder(long windowNanos) {
        TimelineBuilder b = new TimelineBuilder(windowNanos);
        b.begin(rec.layout, rec.symbols);
        return b;
    }

    @Test
    void windowWidthFollowsTheDurationOnAOneTwoFiveScale() {
        assertEquals(50_000_000L, TimelineBuilder.windowFor(4_700_000_000L), "at least 50 ms");
        assertEquals(500_000_000L, TimelineBuilder.windowFor(60_000_000_000L));
        assertEquals(20_000_000_000L, TimelineBuilder.windowFor(3_600_000_000_000L));
        TimelineBuilder auto = new TimelineBuilder();
        auto.begin(rec.layout, rec.symbols);
        Timeline t = auto.timeline();
        assertEquals(0.5, t.windowSeconds(), 1e-9);
        assertEquals(120, t.windowCount());
        assertEquals(60, t.durationSeconds(), 1e-9);
    }

    @Test
    void separatesAllocationInsideMapOperationsFromTheRest() {
        TimelineBuilder b = builder(1_000_000_000L);
        int resize = rec.stack("java.util.HashMap.resize:700", "java.util.HashMap.put:610", "demo.Index.build:12");
        int plain = rec.stack("demo.Parser.parse:40", "demo.Main.main:3");
        int t = rec.thread("worker-1");
        b.allocation(new AllocationSample(rec.at(0.5), t, resize, Symbols.NONE, 3000, AllocationSample.Source.SAMPLED));
        b.allocation(new AllocationSample(rec.at(0.7), t, plain, Symbols.NONE, 1000, AllocationSample.Source.SAMPLED));
        b.allocation(new AllocationSample(rec.at(2.2), t, plain, Symbols.NONE, 500, AllocationSample.Source.SAMPLED));
        // TLAB estimates of the same bytes must not be added to the sampled ones.
        b.allocation(new AllocationSample(rec.at(0.5), t, plain, Symbols.NONE, 99_999, AllocationSample.Source.TLAB));
        Timeline tl = b.timeline();
        assertEquals(4000, tl.value(Series.ALLOCATION_RATE, 0), 1e-9, "bytes per second in a 1 s window");
        assertEquals(3000, tl.value(Series.MAP_ALLOCATION_RATE, 0), 1e-9);
        assertEquals(500, tl.value(Series.ALLOCATION_RATE, 2), 1e-9);
        assertEquals(0, tl.value(Series.MAP_ALLOCATION_RATE, 2), 1e-9);
    }

    @Test
    void usesTlabEstimatesWhenThereAreNoSampledEvents() {
        TimelineBuilder b = builder(500_000_000L);
        int plain = rec.stack("demo.Parser.parse:40");
        b.allocation(new AllocationSample(rec.at(0.1), 0, plain, Symbols.NONE, 1000, AllocationSample.Source.TLAB));
        assertEquals(2000, b.timeline().value(Series.ALLOCATION_RATE, 0), 1e-9);
    }

    @Test
    void spreadsBlockingOverTheWindowsItOverlaps() {
        TimelineBuilder b = builder(1_000_000_000L);
        int s = rec.stack("java.util.Hashtable.put:479", "demo.Inventory.record:28");
        int t = rec.thread("worker-1");
        // 2.5 s blocked from 0.5 s: 0.5 s in window 0, 1 s in windows 1 and 2.
        b.monitorBlocked(new MonitorBlocked(rec.at(0.5), 2_500_000_000L, t, s, rec.klass("java.util.Hashtable"), 1, -1));
        b.threadPark(new ThreadPark(rec.at(10.25), 500_000_000L, t, s, Symbols.NONE, 0));
        Timeline tl = b.timeline();
        assertEquals(500, tl.value(Series.LOCK_BLOCKED, 0), 1e-6);
        assertEquals(1000, tl.value(Series.LOCK_BLOCKED, 1), 1e-6);
        assertEquals(1000, tl.value(Series.LOCK_BLOCKED, 2), 1e-6);
        assertEquals(0, tl.value(Series.LOCK_BLOCKED, 3), 1e-6);
        assertEquals(500, tl.value(Series.PARK, 10), 1e-6);
    }

    @Test
    void prefersExactPhasePausesOverCollectionSums() {
        TimelineBuilder b = builder(1_000_000_000L);
        b.gcPause(new GcPause(rec.at(3.0), 40_000_000L, 1, "G1New", "G1 Evacuation Pause", 30_000_000L, 30_000_000L));
        assertEquals(30, b.timeline().value(Series.GC_PAUSE, 3), 1e-6, "without phases: the collection's sum");
        b.gcPhasePause(new GcPhasePause(rec.at(3.95), 100_000_000L, 1, "GC Pause"));
        Timeline tl = b.timeline();
        assertEquals(50, tl.value(Series.GC_PAUSE, 3), 1e-6);
        assertEquals(50, tl.value(Series.GC_PAUSE, 4), 1e-6);
        assertEquals(1, tl.pauses().size());
        assertEquals(3.95, tl.pauses().get(0).startSeconds(), 1e-9);
    }

    @Test
    void keepsCpuLoadPointsInTimeOrderAndClampsEventsOutsideTheRecording() {
        TimelineBuilder b = builder(1_000_000_000L);
        b.cpuLoad(new CpuLoad(rec.at(2), 0.5f, 0.1f, 0.9f));
        b.cpuLoad(new CpuLoad(rec.at(1), 0.2f, 0.1f, 0.5f));
        int s = rec.stack("demo.A.b:1");
        b.allocation(new AllocationSample(rec.at(-1), 0, s, Symbols.NONE, 10, AllocationSample.Source.SAMPLED));
        b.allocation(new AllocationSample(rec.at(90), 0, s, Symbols.NONE, 20, AllocationSample.Source.SAMPLED));
        Timeline tl = b.timeline();
        assertEquals(1.0, tl.cpu().get(0).seconds(), 1e-9);
        assertEquals(0.3, tl.cpu().get(0).jvm(), 1e-6);
        assertEquals(0.9, tl.cpu().get(1).machine(), 1e-6);
        assertEquals(10, tl.value(Series.ALLOCATION_RATE, 0), 1e-9);
        assertEquals(20, tl.value(Series.ALLOCATION_RATE, tl.windowCount() - 1), 1e-9);
    }

    @Test
    void timelineOfARecordingAccountsForEveryBlockedNanosecond() throws Exception {
        TimelineBuilder b = new TimelineBuilder();
        long[] blocked = new long[1];
        EventSink total = new EventSink() {
            @Override
            public void monitorBlocked(MonitorBlocked e) {
                blocked[0] += e.durationNanos();
            }
        };
        RecordingReader.standard().read(Recordings.sample("hashtable-contention.jfr"), EventSink.all(b, total));
        Timeline tl = b.timeline();
        assertTrue(tl.windowCount() >= 80 && tl.windowCount() <= 200, "windows: " + tl.windowCount());
        double sumMs = Arrays.stream(tl.values(Series.LOCK_BLOCKED)).sum();
        assertTrue(blocked[0] > 0);
        assertEquals(blocked[0] / 1e6, sumMs, blocked[0] / 1e6 * 1e-9 + 1e-6);
        assertTrue(tl.max(Series.ALLOCATION_RATE) > 0);
        for (int i = 0; i < tl.windowCount(); i++) {
            assertTrue(tl.value(Series.MAP_ALLOCATION_RATE, i) <= tl.value(Series.ALLOCATION_RATE, i));
        }
        assertTrue(!tl.cpu().isEmpty(), "CPU load points");
    }
}
