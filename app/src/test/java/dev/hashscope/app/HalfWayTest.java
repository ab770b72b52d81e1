package dev.hashscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hashscope.app.analysis.AnalysisSnapshot;
import dev.hashscope.app.analysis.RecordingAnalysis;
import dev.hashscope.app.task.BackgroundTask;
import dev.hashscope.app.task.DirectTaskRunner;
import dev.hashscope.app.task.ExecutorTaskRunner;
import dev.hashscope.app.task.TaskCallbacks;
import dev.hashscope.app.task.TaskHandle;
import dev.hashscope.app.task.TaskRunner;
import dev.hashscope.detect.Analyzer;
import dev.hashscope.event.EventKind;
import dev.hashscope.event.EventSink;
import dev.hashscope.event.MonitorBlocked;
import dev.hashscope.event.RecordingReader;
import dev.hashscope.flame.FlameKind;
import dev.hashscope.locks.LockTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Work stopped or overtaken in the middle of reading, and a view that fails on a result: the window only ever
 * shows one analysis, whole, and says where a view could not show it. Reads run on real threads; the "UI thread"
 * is a queue this test drains; latches hold the read half-way through its events, so nothing depends on timing.
 */
class HalfWayTest {
    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final UiQueue ui = new UiQueue();
    private final CountDownLatch halfWay = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch heldReadEnded = new CountDownLatch(1);
    /** Reads of this file stop at their 500th monitor stall (of 1,512) until {@link #release}. */
    private volatile Path held;

    private final RecordingReader holding = (file, sink) -> {
        if (!file.equals(held)) {
            return RecordingReader.standard().read(file, sink);
        }
        EventSink gate = new EventSink() {
            private int stalls;

            @Override
            public Set<EventKind> kinds() {
                return EnumSet.of(EventKind.MONITOR_BLOCKED);
            }

            @Override
            public void monitorBlocked(MonitorBlocked e) {
                if (++stalls == 500) {
                    halfWay.countDown();
                    UiQueue.await(release);
                }
            }
        };
        try {
            return RecordingReader.standard().read(file, EventSink.all(sink, gate));
        } finally {
            heldReadEnded.countDown();
        }
    };

    private final RecordingAnalysis analysis = new RecordingAnalysis(Analyzer.loadDetectors(), holding);

    @AfterEach
    void stop() {
        release.countDown();
        workers.shutdownNow();
    }

    @Test
    void cancellingHalfWayKeepsThePreviousAnalysisInEveryView() throws Exception {
        MainViewModel vm = new MainViewModel(new ExecutorTaskRunner(workers, ui), analysis, null);
        vm.open(Samples.get("hashmap-resize-storm.jfr"));
        ui.settle(vm);
        AnalysisSnapshot before = vm.snapshotProperty().get();
        assertShowsWhole(vm, before);

        held = Samples.hashtable();
        vm.open(held);
        UiQueue.await(halfWay);
        vm.cancel();
        release.countDown();
        UiQueue.await(heldReadEnded);
        ui.drain();

        assertFalse(vm.busyProperty().get());
        assertSame(before, vm.snapshotProperty().get());
        assertShowsWhole(vm, before);
        assertEquals(before.request(), vm.requestedProperty().get(), "the request shown, not the cancelled one");
        assertTrue(vm.statusProperty().get().startsWith("Cancelled; showing the previous analysis"),
                vm.statusProperty().get());
    }

    @Test
    void openingASecondFileWhileOneIsHalfReadShowsOnlyTheSecond() throws Exception {
        MainViewModel vm = new MainViewModel(new ExecutorTaskRunner(workers, ui), analysis, null);
        List<AnalysisSnapshot> applied = new ArrayList<>();
        vm.snapshotProperty().addListener((o, was, s) -> applied.add(s));
        held = Samples.hashtable();
        vm.open(held);
        UiQueue.await(halfWay);
        Path second = Samples.get("hashmap-resize-storm.jfr");
        vm.open(second);
        assertEquals(second, vm.requestedProperty().get().file());
        release.countDown();
        UiQueue.await(heldReadEnded);
        ui.settle(vm);
        ui.drain();

        assertEquals(1, applied.size(), "the first file's analysis never reached the views");
        assertEquals(second, applied.get(0).request().file());
        assertShowsWhole(vm, applied.get(0));
        assertEquals("hashmap-resize-storm.jfr — Hashscope", vm.titleProperty().get());
        assertEquals("map.resize-churn", vm.findings().findings().get(0).detector());
    }

    @Test
    void aViewThatFailsOnAResultSaysSoAndTheOtherViewsShowIt() {
        // A lock table row without a monitor class: the Locks view-model cannot build its key.
        LockTable.Row broken = new LockTable.Row(LockTable.Wait.MONITOR, null, null, "a.B.c:1", 1, 1, 1, 1, 1);
        TaskRunner breakingLocks = new TaskRunner() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> TaskHandle run(BackgroundTask<T> task, TaskCallbacks<T> callbacks) {
                return new DirectTaskRunner().run(task, new TaskCallbacks<T>() {
                    @Override
                    public void succeeded(T value) {
                        AnalysisSnapshot s = (AnalysisSnapshot) value;
                        callbacks.succeeded((T) new AnalysisSnapshot(s.request(), s.result(), s.trees(), s.timeline(),
                                new LockTable(List.of(broken), Map.of()), s.buckets(), s.elapsedMillis()));
                    }

                    @Override
                    public void failed(Throwable error) {
                        callbacks.failed(error);
                    }
                });
            }
        };
        MainViewModel vm = new MainViewModel(breakingLocks, new RecordingAnalysis(), null);
        vm.open(Samples.hashtable());

        assertFalse(vm.busyProperty().get());
        AnalysisSnapshot s = vm.snapshotProperty().get();
        assertNotNull(s);
        String locks = vm.viewErrors().messageProperty(ViewErrors.View.LOCKS).get();
        assertTrue(locks.startsWith("Locks could not show this analysis (NullPointerException"), locks);
        for (ViewErrors.View v : List.of(ViewErrors.View.FINDINGS, ViewErrors.View.FLAME, ViewErrors.View.TIMELINE)) {
            assertEquals("", vm.viewErrors().messageProperty(v).get(), v.title());
        }
        assertEquals(s.result().findings(), List.copyOf(vm.findings().findings()));
        assertSame(s.timeline(), vm.timeline().timelineProperty().get());
        assertEquals(s.tree(vm.flame().kindProperty().get()).total(0), vm.flame().totalProperty().get());
        assertTrue(vm.statusProperty().get().startsWith("hashtable-contention.jfr"), vm.statusProperty().get());

        // The next result that the view can show clears its message.
        MainViewModel healthy = new MainViewModel(new DirectTaskRunner(), new RecordingAnalysis(), null);
        healthy.open(Samples.hashtable());
        assertEquals("", healthy.viewErrors().messageProperty(ViewErrors.View.LOCKS).get());
    }

    /** Every view shows {@code s}: findings, the flame graph of the selected kind, the lock table, the timeline. */
    private static void assertShowsWhole(MainViewModel vm, AnalysisSnapshot s) {
        assertEquals(s.result().findings(), List.copyOf(vm.findings().findings()));
        FlameKind kind = vm.flame().kindProperty().get();
        assertEquals(s.tree(kind).total(0), vm.flame().totalProperty().get(), kind + " tree");
        assertEquals(s.locks().rows(), List.copyOf(vm.locks().rows()));
        assertSame(s.timeline(), vm.timeline().timelineProperty().get());
        assertTrue(vm.titleProperty().get().startsWith(s.request().displayName()), vm.titleProperty().get());
    }
}
