package dev.hashscope.detect;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.hashscope.event.AllocationSample;
import dev.hashscope.event.EventSink;
import dev.hashscope.event.FilteredSink;
import dev.hashscope.event.ExecutionSample;
import dev.hashscope.event.GcPause;
import dev.hashscope.event.MonitorBlocked;
import dev.hashscope.event.MonitorWait;
import dev.hashscope.event.ThreadPark;
import dev.hashscope.flame.EventFilter;
import dev.hashscope.flame.FlameKind;
import dev.hashscope.flame.FlameTreeBuilder;
import dev.hashscope.locks.LockTableBuilder;
import dev.hashscope.summary.RecordingSummarizer;
import dev.hashscope.testing.DetectorHarness.Synthetic;
import dev.hashscope.timeline.TimelineBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every detector, and every builder of the app's views, on stacks as real recordings have them at their edges:
 * none at all (-1), a stack trace with no frames (JFR records one now and then; CI met it on a monitor event), a
 * single frame inside the JDK, the map's own code with no caller, only the park machinery; and events without a
 * thread or class. None of it may throw, in folding, merging or ranking. The events repeat often enough to pass
 * every detector's thresholds, so the code that builds findings runs on them too.
 */
class OddStacksTest {
    private static final long MS = 1_000_000L;

    static Stream<Detector> detectors() {
        List<Detector> all = Analyzer.loadDetectors();
        assertFalse(all.isEmpty());
        return all.stream();
    }

    private static List<Consumer<EventSink>> oddEvents(Synthetic s) {
        int[] stacks = {
                -1,
                s.stack(),
                s.stack("java.util.HashMap.resize"),
                s.stack("java.util.Hashtable.put:479"),
                s.stack("java.util.concurrent.ConcurrentHashMap.putVal:1075"),
                s.stack("jdk.internal.misc.Unsafe.park", "java.util.concurrent.locks.LockSupport.park:211"),
                s.stack("java.util.HashMap.resize:700", "java.util.HashMap.putVal:661", "java.util.HashMap.put:610"),
                s.stack("demo.Main.main:9"),
        };
        int[] threads = {-1, s.thread("worker-1"), s.thread("worker-2")};
        int[] classes = {-1, s.klass("java.util.Hashtable"), s.klass("java.util.HashMap$Node[]"),
                s.klass("java.util.concurrent.ConcurrentHashMap$Node"), s.klass("java.lang.Integer")};
        List<Consumer<EventSink>> out = new ArrayList<>();
        int i = 0;
        for (int round = 0; round < 40; round++) {
            for (int stack : stacks) {
                for (int thread : threads) {
                    for (int klass : classes) {
                        long at = s.at(i++ * 0.004);
                        out.add(a -> a.executionSample(new ExecutionSample(at, thread, stack)));
                        out.add(a -> a.monitorBlocked(
                                new MonitorBlocked(at, 30 * MS, thread, stack, klass, 0x1000, thread)));
                        out.add(a -> a.monitorWait(
                                new MonitorWait(at, 30 * MS, thread, stack, klass, 0x2000, -1, true)));
                        out.add(a -> a.threadPark(new ThreadPark(at, 30 * MS, thread, stack, klass, 0x3000)));
                        out.add(a -> a.allocation(new AllocationSample(at, thread, stack, klass, 1 << 20,
                                AllocationSample.Source.SAMPLED)));
                        out.add(a -> a.allocation(new AllocationSample(at, thread, stack, klass, 1 << 16,
                                AllocationSample.Source.TLAB)));
                    }
                }
            }
            long at = s.at(round * 1.4);
            long gc = round;
            out.add(a -> a.gcPause(new GcPause(at, 80 * MS, gc, "G1New", "G1 Evacuation Pause", 80 * MS, 80 * MS)));
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("detectors")
    void foldsMergesAndRanksOddStacksWithoutThrowing(Detector detector) {
        Synthetic s = new Synthetic();
        List<Consumer<EventSink>> events = oddEvents(s);
        assertDoesNotThrow(() -> {
            Accumulator whole = s.accumulator(detector);
            events.forEach(e -> e.accept(whole));
            whole.findings().forEach(f -> f.summary().length());
            Accumulator first = s.accumulator(detector);
            Accumulator second = s.accumulator(detector);
            for (int k = 0; k < events.size(); k++) {
                events.get(k).accept(k % 2 == 0 ? first : second);
            }
            first.merge(second);
            first.findings();
        }, detector.id());
    }

    @Test
    void theViewBuildersFoldOddStacksWithoutThrowing() {
        Synthetic s = new Synthetic();
        List<Consumer<EventSink>> events = oddEvents(s);
        for (EventFilter filter : new EventFilter[] {EventFilter.ALL, EventFilter.of("worker-1", 0.1, 0.9)}) {
            FlameTreeBuilder flames = new FlameTreeBuilder(filter);
            TimelineBuilder timeline = new TimelineBuilder();
            LockTableBuilder locks = new LockTableBuilder();
            RecordingSummarizer summary = new RecordingSummarizer();
            EventSink all = FilteredSink.of(filter, EventSink.all(flames, timeline, locks, summary));
            assertDoesNotThrow(() -> {
                all.begin(s.layout, s.symbols);
                events.forEach(e -> e.accept(all));
                for (FlameKind kind : FlameKind.values()) {
                    flames.tree(kind);
                }
                timeline.timeline();
                locks.table();
            }, String.valueOf(filter));
        }
    }
}
