package dev.hashscope.event;

/** A thread started ({@code jdk.ThreadStart}) or ended ({@code jdk.ThreadEnd}). */
public record ThreadLifecycle(long timeNanos, int thread, boolean started) {
}
