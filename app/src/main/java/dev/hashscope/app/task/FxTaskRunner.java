package dev.hashscope.app.task;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;

/**
 * Work on a small bounded pool of daemon threads, callbacks on the JavaFX application thread. Two threads:
 * a cancelled analysis may still be unwinding while its replacement starts. The queue is bounded too; work
 * beyond it fails (with {@link java.util.concurrent.RejectedExecutionException}) instead of piling up.
 */
public final class FxTaskRunner extends ExecutorTaskRunner {
    private final ThreadPoolExecutor pool;

    public FxTaskRunner() {
        this(newPool());
    }

    private FxTaskRunner(ThreadPoolExecutor pool) {
        super(pool, Platform::runLater);
        this.pool = pool;
    }

    private static ThreadPoolExecutor newPool() {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "hashscope-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ThreadPoolExecutor p = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(8), threads);
        p.allowCoreThreadTimeOut(true);
        return p;
    }

    @Override
    public void shutdown() {
        pool.shutdown();
    }
}
