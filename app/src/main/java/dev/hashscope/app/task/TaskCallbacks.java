package dev.hashscope.app.task;

/** How a task's outcome comes back, on the UI thread. */
public interface TaskCallbacks<T> {
    default void progress(double fraction) {
    }

    void succeeded(T value);

    void failed(Throwable error);

    default void cancelled() {
    }
}
