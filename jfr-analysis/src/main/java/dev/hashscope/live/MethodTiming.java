package dev.hashscope.live;

/**
 * JDK 25's {@code jdk.MethodTiming} for one map method: how often it ran and how long it took, from the
 * target's own instrumentation (exact counts, not samples).
 *
 * @param method      e.g. "java.util.HashMap.resize"
 * @param invocations calls since the recording started
 * @param averageNanos mean time per call
 * @param maximumNanos longest call
 */
public record MethodTiming(String method, long invocations, long averageNanos, long maximumNanos) {
}
