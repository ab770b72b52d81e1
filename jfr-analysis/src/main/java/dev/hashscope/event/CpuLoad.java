package dev.hashscope.event;

/** Periodic CPU load ({@code jdk.CPULoad}); each value is a fraction of all cores, 0..1. */
public record CpuLoad(long timeNanos, float jvmUser, float jvmSystem, float machineTotal) {
}
