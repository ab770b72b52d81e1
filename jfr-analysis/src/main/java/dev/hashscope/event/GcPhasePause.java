package dev.hashscope.event;

/** One stop-the-world phase of a collection ({@code jdk.GCPhasePause}), placed exactly in time. */
public record GcPhasePause(long startNanos, long durationNanos, long gcId, String name) {
}
