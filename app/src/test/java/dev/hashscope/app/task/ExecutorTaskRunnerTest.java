package dev.hashscope.app.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.Test;

class ExecutorTaskRunnerTest {
    private final Queue<Runnable> work = new ArrayDeque<>();
    private final Queue<Runnable> ui = new ArrayDeque<>();
    private final ExecutorTaskRunner runner = new ExecutorTaskRunner(work::add, ui::add);
    private final List<String> outcome = new ArrayList<>();

    private TaskCallbacks<String> record() {
        return new TaskCallbacks<>() {
            @Override
            public void progress(double fraction) {
                outcome.add("progress " + fraction);
            }

            @Override
            public void succeeded(String value) {
                outcome.add("succeeded " + value);
            }

            @Override
            public void failed(Throwable error) {
                outcome.add("failed " + error.getMessage());
            }

            @Override
            public void cancelled() {
                outcome.add("cancelled");
            }
        };
    }

    private void runAll(Queue<Runnable> q) {
        while (!q.isEmpty()) {
            q.poll().run();
        }
    }

    @Test
    void deliversTheResultOnTheUiExecutorAndCoalescesProgress() {
        runner.run(ctx -> {
            ctx.progress(0.1);
            ctx.progress(0.5);
            ctx.progress(0.9);
            return "done";
        }, record());
        runAll(work);
        assertTrue(outcome.isEmpty(), "nothing reaches the UI before the UI thread runs");
        runAll(ui);
        assertEquals(List.of("progress 0.9", "succeeded done"), outcome, "only the newest progress while one waits");
    }

    @Test
    void cancelledWorkReportsCancelledEvenWhenItFinishes() {
        TaskHandle h = runner.run(ctx -> "late", record());
        h.cancel();
        runAll(work);
        runAll(ui);
        assertEquals(List.of("cancelled"), outcome);
    }

    @Test
    void workThatSeesItsCancellationStops() {
        TaskHandle[] h = new TaskHandle[1];
        h[0] = runner.run(ctx -> {
            h[0].cancel();
            ctx.checkCancelled();
            throw new AssertionError("not reached");
        }, record());
        runAll(work);
        runAll(ui);
        assertEquals(List.of("cancelled"), outcome);
    }

    @Test
    void failuresArriveWithTheirException() {
        runner.run(ctx -> {
            throw new IllegalStateException("broken");
        }, record());
        runAll(work);
        runAll(ui);
        assertEquals(List.of("failed broken"), outcome);
    }

    @Test
    void theDirectRunnerFinishesBeforeRunReturns() {
        List<String> seen = new ArrayList<>();
        new DirectTaskRunner().run(ctx -> "x", new TaskCallbacks<String>() {
            @Override
            public void succeeded(String value) {
                seen.add(value);
            }

            @Override
            public void failed(Throwable error) {
                seen.add("failed");
            }
        });
        assertEquals(List.of("x"), seen);
    }
}
