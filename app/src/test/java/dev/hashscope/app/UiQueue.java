package dev.hashscope.app;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The "UI thread" of view-model tests: work for the UI queues here, and the test runs it when it chooses, so
 * nothing depends on timing. Waits are bounded (60 s) so a broken test fails instead of hanging.
 */
final class UiQueue implements Executor {
    private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
    }

    /** Runs the next UI task, waiting for it to arrive. */
    void runNext() throws InterruptedException {
        Runnable r = tasks.poll(60, TimeUnit.SECONDS);
        assertNotNull(r, "no UI task within 60 s");
        r.run();
    }

    /** Runs UI tasks until the view model is no longer busy. */
    void settle(MainViewModel vm) throws InterruptedException {
        while (vm.busyProperty().get()) {
            runNext();
        }
    }

    /** Runs what is queued for the UI now; all work has finished, so nothing more arrives. */
    void drain() {
        Runnable r;
        while ((r = tasks.poll()) != null) {
            r.run();
        }
    }

    /** Waits for {@code latch}, from the test or a worker thread. */
    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new AssertionError("timed out waiting for a latch");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        }
    }
}
