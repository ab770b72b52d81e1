package dev.hashscope.app.task;

import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link TaskRunner} over two executors: one that runs the work, one that stands for the UI thread.
 * Progress is coalesced: while one progress update waits for the UI thread, newer values replace it rather
 * than queue up behind it, so a fast reader cannot flood the UI thread.
 */
public class ExecutorTaskRunner implements TaskRunner {
    private static final long NO_PROGRESS = Double.doubleToRawLongBits(Double.NaN);
    private final Executor workers;
    private final Executor ui;

    public ExecutorTaskRunner(Executor workers, Executor ui) {
        this.workers = workers;
        this.ui = ui;
    }

    @Override
    public <T> TaskHandle run(BackgroundTask<T> task, TaskCallbacks<T> callbacks) {
        Handle handle = new Handle();
        AtomicLong pending = new AtomicLong(NO_PROGRESS);
        java.util.concurrent.atomic.AtomicReference<Object> pendingPartial = new java.util.concurrent.atomic.AtomicReference<>();
        TaskContext context = new TaskContext() {
            @Override
            public boolean isCancelled() {
                return handle.isCancelled();
            }

            @Override
            @SuppressWarnings("unchecked")
            public void partial(Object value) {
                if (pendingPartial.getAndSet(value) == null) {
                    ui.execute(() -> {
                        Object v = pendingPartial.getAndSet(null);
                        if (!handle.isCancelled() && v != null) {
                            callbacks.partial((T) v);
                        }
                    });
                }
            }

            @Override
            public void progress(double fraction) {
                if (pending.getAndSet(Double.doubleToRawLongBits(fraction)) == NO_PROGRESS) {
                    ui.execute(() -> {
                        double p = Double.longBitsToDouble(pending.getAndSet(NO_PROGRESS));
                        if (!handle.isCancelled() && !Double.isNaN(p)) {
                            callbacks.progress(p);
                        }
                    });
                }
            }
        };
        Runnable work = () -> {
            if (handle.isCancelled()) {
                ui.execute(callbacks::cancelled);
                return;
            }
            try {
                T value = task.call(context);
                ui.execute(() -> {
                    if (handle.isCancelled()) {
                        callbacks.cancelled();
                    } else {
                        callbacks.succeeded(value);
                    }
                });
            } catch (CancellationException e) {
                ui.execute(callbacks::cancelled);
            } catch (Throwable e) {
                ui.execute(() -> {
                    if (handle.isCancelled()) {
                        callbacks.cancelled();
                    } else {
                        callbacks.failed(e);
                    }
                });
            }
        };
        try {
            workers.execute(work);
        } catch (RejectedExecutionException e) {
            ui.execute(() -> callbacks.failed(e));
        }
        return handle;
    }

    private static final class Handle implements TaskHandle {
        private final AtomicBoolean cancelled = new AtomicBoolean();

        @Override
        public void cancel() {
            cancelled.set(true);
        }

        @Override
        public boolean isCancelled() {
            return cancelled.get();
        }
    }
}
