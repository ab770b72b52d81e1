package dev.hashscope.app.task;

import java.util.concurrent.CancellationException;

/** What running work sees of its runner: whether it should stop, and where to report progress. */
public interface TaskContext {
    boolean isCancelled();

    /** Fraction done, 0..1; a runner may drop intermediate values (only the newest matters). */
    void progress(double fraction);

    /**
     * An early, incomplete result (of the task's result type) to show while the work goes on; a runner may drop
     * all but the newest. Default: dropped.
     */
    default void partial(Object value) {
    }

    /** Throws {@link CancellationException} when cancelled: a convenient check between steps. */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new CancellationException("cancelled");
        }
    }
}
