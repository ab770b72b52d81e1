package dev.hashscope.event;

/** A CPU sample ({@code jdk.ExecutionSample}): the sampled thread was running Java code with this stack. */
public record ExecutionSample(long timeNanos, int thread, int stack) {
}
