package dev.hashscope.event;

/**
 * A thread parked by {@code LockSupport.park} ({@code jdk.ThreadPark}): the waiting of
 * {@code java.util.concurrent} locks and queues.
 *
 * @param parkedClass interned class of the blocker object (e.g. {@code ReentrantReadWriteLock$NonfairSync}), or {@link Symbols#NONE}
 */
public record ThreadPark(long startNanos, long durationNanos, int thread, int stack, int parkedClass,
                         long address) {
}
