package dev.hashscope.app.task;

/** A started task; cancelling asks it to stop and turns its outcome into {@code cancelled}. */
public interface TaskHandle {
    void cancel();

    boolean isCancelled();
}
