package dev.hashscope.app.task;

/** Work for a {@link TaskRunner}; it polls {@link TaskContext#isCancelled()} and may report progress. */
@FunctionalInterface
public interface BackgroundTask<T> {
    /**
     * @throws java.util.concurrent.CancellationException when it stopped because it was cancelled
     */
    T call(TaskContext context) throws Exception;
}
