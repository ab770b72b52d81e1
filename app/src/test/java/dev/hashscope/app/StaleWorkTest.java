package dev.hashscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hashscope.app.analysis.AnalysisSnapshot;
import dev.hashscope.app.analysis.RecordingAnalysis;
import dev.hashscope.app.task.BackgroundTask;
import dev.hashscope.app.task.ExecutorTaskRunner;
import dev.hashscope.app.task.TaskCallbacks;
import dev.hashscope.app.task.TaskHandle;
import dev.hashscope.app.task.TaskRunner;
import dev.hashscope.detect.Analyzer;
import dev.hashscope.event.EventKind;
import dev.hashscope.event.EventSink;
import dev.hashscope.event.RecordingLayout;
import dev.hashscope.event.RecordingReader;
import dev.hashscope.event.Symbols;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A filter change while an analysis runs: the old work is cancelled and only the newest result is applied,
 * whatever order results arrive in. Work runs on real threads; the "UI thread" is a queue this test drains,
 * and the order of events is fixed with latches, so the outcome never depends on timing.
 */
class StaleWorkTest {
    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final UiQueue ui = new UiQueue();
    private final CountDownLatch firstReadStarted = new CountDownLatch(1);
    private final CountDownLatch releaseFirstRead = new CountDownLatch(1);
    private final CountDownLatch firstReadCancelled = new CountDownLatch(1);
    private final CountDownLatch firstReadFinished = new CountDownLatch(1);
    private final AtomicInteger reads = new AtomicInteger();

    /** The standard reader, except that the first read waits at its start until the test lets it go. */
    private final RecordingReader gated = (file, sink) -> {
        boolean first = reads.incrementAndGet() == 1;
        EventSink gate = new EventSink() {
            @Override
            public Set<EventKind> kinds() {
                return EnumSet.noneOf(EventKind.class);
            }

            @Override
            public void begin(RecordingLayout layout, Symbols symbols) {
                firstReadStarted.countDown();
                UiQueue.await(releaseFirstRead);
            }
        };
        try {
            return RecordingReader.standard().read(file, first ? EventSink.all(gate, sink) : sink);
        } catch (CancellationException e) {
            if (first) {
                firstReadCancelled.countDown();
            }
            throw e;
        } finally {
            if (first) {
                firstReadFinished.countDown();
            }
        }
    };

    private final RecordingAnalysis analysis = new RecordingAnalysis(Analyzer.loadDetectors(), gated);

    @AfterEach
    void stop() {
        releaseFirstRead.countDown();
        workers.shutdownNow();
    }

    @Test
    void aFilterChangeCancelsTheRunningAnalysisAndOnlyTheNewestIsApplied() throws Exception {
        MainViewModel vm = new MainViewModel(new ExecutorTaskRunner(workers, ui), analysis, null);
        List<AnalysisSnapshot> applied = new ArrayList<>();
        vm.snapshotProperty().addListener((o, was, s) -> applied.add(s));

        vm.open(Samples.hashtable());
        UiQueue.await(firstReadStarted);
        vm.setThreadFilter("order-worker-0");
        assertTrue(vm.busyProperty().get());
        releaseFirstRead.countDown();

        UiQueue.await(firstReadCancelled);
        UiQueue.await(firstReadFinished);
        ui.settle(vm);
        ui.drain();

        assertEquals(1, applied.size(), "only the newest analysis reached the views");
        assertEquals("order-worker-0", applied.get(0).request().threadRegex());
        assertEquals("order-worker-0", vm.threadFilterProperty().get());
        assertFalse(vm.findings().findings().isEmpty());
        assertEquals(2, reads.get());
    }

    @Test
    void aStaleResultThatArrivesLastIsIgnored() throws Exception {
        // A runner whose work cannot be cancelled: the old analysis runs to the end and its result arrives
        // after the new one. The generation counter alone must keep it out.
        TaskRunner inner = new ExecutorTaskRunner(workers, ui);
        TaskRunner uncancellable = new TaskRunner() {
            @Override
            public <T> TaskHandle run(BackgroundTask<T> task, TaskCallbacks<T> callbacks) {
                inner.run(task, callbacks);
                return new TaskHandle() {
                    @Override
                    public void cancel() {
                    }

                    @Override
                    public boolean isCancelled() {
                        return false;
                    }
                };
            }
        };
        MainViewModel vm = new MainViewModel(uncancellable, analysis, null);
        List<AnalysisSnapshot> applied = new ArrayList<>();
        vm.snapshotProperty().addListener((o, was, s) -> applied.add(s));

        vm.open(Samples.hashtable());
        UiQueue.await(firstReadStarted);
        vm.setThreadFilter("order-worker-1");
        ui.settle(vm);
        assertEquals(1, applied.size());
        AnalysisSnapshot newest = applied.get(0);
        assertEquals("order-worker-1", newest.request().threadRegex());

        releaseFirstRead.countDown();
        UiQueue.await(firstReadFinished);
        ui.runNext(); // the old analysis's result
        ui.drain();

        assertEquals(1, applied.size(), "the stale result was not applied");
        assertEquals(newest, vm.snapshotProperty().get());
        assertEquals("order-worker-1", vm.threadFilterProperty().get());
    }

    @Test
    void cancelStopsTheReadAndKeepsWhatWasShown() throws Exception {
        MainViewModel vm = new MainViewModel(new ExecutorTaskRunner(workers, ui), analysis, null);
        vm.open(Samples.hashtable());
        UiQueue.await(firstReadStarted);
        vm.cancel();
        assertFalse(vm.busyProperty().get());
        releaseFirstRead.countDown();
        UiQueue.await(firstReadCancelled);
        UiQueue.await(firstReadFinished);
        ui.drain();
        assertEquals(null, vm.snapshotProperty().get());
        assertEquals(null, vm.requestedProperty().get());
        assertTrue(vm.statusProperty().get().startsWith("Cancelled"), vm.statusProperty().get());

        vm.open(Samples.hashtable());
        ui.settle(vm);
        assertNotNull(vm.snapshotProperty().get());
    }
}
