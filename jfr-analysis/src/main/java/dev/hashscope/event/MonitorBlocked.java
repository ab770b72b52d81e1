package dev.hashscope.event;

/**
 * A thread blocked entering a contended monitor ({@code jdk.JavaMonitorEnter}).
 *
 * @param monitorClass interned class name of the monitor object, e.g. {@code java.util.Hashtable}
 * @param address      address of the monitor (identifies one lock instance, e.g. one CHM bin)
 * @param previousOwner thread that held the monitor before this thread got it, or {@link Symbols#NONE}
 */
public record MonitorBlocked(long startNanos, long durationNanos, int thread, int stack, int monitorClass,
                             long address, int previousOwner) {
}
