package dev.hashscope.app.task;

/**
 * Runs each task to completion on the caller's thread and calls back on it too: {@code run} returns after
 * the outcome was delivered. For view-model tests, which then need neither the FX toolkit nor waiting.
 */
public final class DirectTaskRunner extends ExecutorTaskRunner {
    public DirectTaskRunner() {
        super(Runnable::run, Runnable::run);
    }
}
