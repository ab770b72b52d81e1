package dev.hashscope.event;

import java.util.EnumSet;
import java.util.Set;

/**
 * The kinds of event a {@link EventSink} consumes. A reader decodes only the kinds some sink wants and
 * merely counts the rest, which is most of a recording's events.
 */
public enum EventKind {
    EXECUTION_SAMPLE, MONITOR_BLOCKED, MONITOR_WAIT, THREAD_PARK, ALLOCATION, GC_PAUSE, GC_PHASE_PAUSE, CPU_LOAD,
    THREAD_LIFECYCLE, JVM_INFO, SETTING,
    /** {@code hashscope.MapBuckets}, written by the map probe (map-probe module). */
    MAP_BUCKETS;

    public static Set<EventKind> all() {
        return EnumSet.allOf(EventKind.class);
    }
}
