package dev.hashscope.app.task;

/**
 * Runs work away from the UI thread and hands its outcome back on the UI thread. Two implementations:
 * {@link FxTaskRunner} (a bounded pool, callbacks on the JavaFX application thread) and
 * {@link DirectTaskRunner} (everything on the caller's thread, for deterministic tests).
 */
public interface TaskRunner {
    /**
     * Starts {@code task}. Exactly one of the callbacks' {@code succeeded}, {@code failed} or {@code cancelled}
     * follows, on the UI thread; {@code progress} may be called before it any number of times.
     */
    <T> TaskHandle run(BackgroundTask<T> task, TaskCallbacks<T> callbacks);

    /** Stops accepting work and lets running work finish (or see its cancellation). */
    default void shutdown() {
    }
}
