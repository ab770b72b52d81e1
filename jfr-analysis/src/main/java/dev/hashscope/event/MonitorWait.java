package dev.hashscope.event;

/** A thread in {@code Object.wait} ({@code jdk.JavaMonitorWait}). */
public record MonitorWait(long startNanos, long durationNanos, int thread, int stack, int monitorClass,
                          long address, int notifier, boolean timedOut) {
}
