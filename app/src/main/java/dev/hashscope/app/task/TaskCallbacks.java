package dev.hashscope.app.task;

/** How a task's outcome comes back, on the UI thread. */
public interface TaskCallbacks<T> {
    default void progress(double fraction) {
    }

    /** An early, incomplete result ({@link TaskContext#partial}); the final one follows in succeeded. */
    default void partial(T value) {
    }

    void succeeded(T value);

    void failed(Throwable error);

    default void cancelled() {
    }

    /** For fire-and-forget work (closing a session): the outcome does not change what the user sees. */
    static <T> TaskCallbacks<T> ignoring() {
        return new TaskCallbacks<>() {
            @Override
            public void succeeded(T value) {
            }

            @Override
            public void failed(Throwable error) {
            }
        };
    }
}
