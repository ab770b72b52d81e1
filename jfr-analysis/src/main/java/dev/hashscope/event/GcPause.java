package dev.hashscope.event;

/**
 * One garbage collection ({@code jdk.GarbageCollection}).
 *
 * @param sumOfPausesNanos time the application was stopped by this collection
 * @param longestPauseNanos its longest single pause
 */
public record GcPause(long startNanos, long durationNanos, long gcId, String name, String cause,
                      long sumOfPausesNanos, long longestPauseNanos) {
}
