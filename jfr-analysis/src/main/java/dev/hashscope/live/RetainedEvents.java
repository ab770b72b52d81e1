package dev.hashscope.live;

import dev.hashscope.event.AllocationSample;
import dev.hashscope.event.CpuLoad;
import dev.hashscope.event.EventKind;
import dev.hashscope.event.EventSink;
import dev.hashscope.event.ExecutionSample;
import dev.hashscope.event.GcPause;
import dev.hashscope.event.GcPhasePause;
import dev.hashscope.event.JvmInfo;
import dev.hashscope.event.MapBuckets;
import dev.hashscope.event.MonitorBlocked;
import dev.hashscope.event.MonitorWait;
import dev.hashscope.event.RecordingSetting;
import dev.hashscope.event.ThreadLifecycle;
import dev.hashscope.event.ThreadPark;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The decoded events of a live session's recent past, so that any view of them (a thread filter, a time range,
 * the rolling window) is computed by replaying them through the same sinks a file goes through. Memory is bounded:
 * events older than {@code maxAgeNanos} before the newest one, and the oldest beyond {@code maxEvents}, are
 * dropped. Settings and the JVM description are kept apart and never dropped (a handful, and every replay needs
 * them first). Not thread-safe: the session guards it.
 *
 * <p>Why replay rather than keep running accumulators: the time-window detectors and the timeline size their
 * windows from the span they are given before the first event, and a rolling window must forget; a replay of a
 * bounded buffer gives both, with results identical to analysing a file of the same events.
 */
final class RetainedEvents implements EventSink {
    private final ArrayDeque<Object> events = new ArrayDeque<>();
    private final Map<String, RecordingSetting> settings = new LinkedHashMap<>();
    private final long maxAgeNanos;
    private final int maxEvents;
    private JvmInfo jvm;
    private long newestNanos = Long.MIN_VALUE;
    private long dropped;
    private long droppedUpToNanos = Long.MIN_VALUE;

    RetainedEvents(long maxAgeNanos, int maxEvents) {
        if (maxAgeNanos <= 0 || maxEvents <= 0) {
            throw new IllegalArgumentException("bounds must be positive: " + maxAgeNanos + ", " + maxEvents);
        }
        this.maxAgeNanos = maxAgeNanos;
        this.maxEvents = maxEvents;
    }

    @Override
    public void executionSample(ExecutionSample e) {
        add(e, e.timeNanos());
    }

    @Override
    public void monitorBlocked(MonitorBlocked e) {
        add(e, e.startNanos());
    }

    @Override
    public void monitorWait(MonitorWait e) {
        add(e, e.startNanos());
    }

    @Override
    public void threadPark(ThreadPark e) {
        add(e, e.startNanos());
    }

    @Override
    public void allocation(AllocationSample e) {
        add(e, e.timeNanos());
    }

    @Override
    public void gcPause(GcPause e) {
        add(e, e.startNanos());
    }

    @Override
    public void gcPhasePause(GcPhasePause e) {
        add(e, e.startNanos());
    }

    @Override
    public void cpuLoad(CpuLoad e) {
        add(e, e.timeNanos());
    }

    @Override
    public void threadLifecycle(ThreadLifecycle e) {
        add(e, e.timeNanos());
    }

    @Override
    public void mapBuckets(MapBuckets e) {
        add(e, e.timeNanos());
    }

    @Override
    public void jvmInfo(JvmInfo e) {
        if (jvm == null) {
            jvm = e;
        }
    }

    @Override
    public void setting(RecordingSetting e) {
        // The newest value of a setting wins, as it would in the recording's last chunk.
        settings.put(e.eventType() + "#" + e.name(), e);
    }

    private void add(Object e, long timeNanos) {
        events.addLast(e);
        if (timeNanos > newestNanos) {
            newestNanos = timeNanos;
        }
        while (events.size() > maxEvents) {
            drop();
        }
        long oldestKept = newestNanos - maxAgeNanos;
        while (!events.isEmpty() && timeOf(events.peekFirst()) < oldestKept) {
            drop();
        }
    }

    private void drop() {
        long t = timeOf(events.removeFirst());
        dropped++;
        droppedUpToNanos = Math.max(droppedUpToNanos, t);
    }

    /** Events kept now. */
    int size() {
        return events.size();
    }

    /** Events dropped so far, by age or count. */
    long dropped() {
        return dropped;
    }

    /** Epoch ns before which events may be missing (dropped); Long.MIN_VALUE while nothing was dropped. */
    long completeFromNanos() {
        return dropped == 0 ? Long.MIN_VALUE : droppedUpToNanos;
    }

    long newestNanos() {
        return newestNanos;
    }

    /** Settings and JVM description, then every kept event in arrival order. */
    void replay(EventSink sink) {
        if (jvm != null) {
            sink.jvmInfo(jvm);
        }
        settings.values().forEach(sink::setting);
        var kinds = sink.kinds();
        for (Object e : events) {
            dispatch(e, sink, kinds);
        }
    }

    private static void dispatch(Object e, EventSink sink, java.util.Set<EventKind> kinds) {
        if (e instanceof ExecutionSample x) {
            if (kinds.contains(EventKind.EXECUTION_SAMPLE)) {
                sink.executionSample(x);
            }
        } else if (e instanceof AllocationSample x) {
            if (kinds.contains(EventKind.ALLOCATION)) {
                sink.allocation(x);
            }
        } else if (e instanceof MonitorBlocked x) {
            if (kinds.contains(EventKind.MONITOR_BLOCKED)) {
                sink.monitorBlocked(x);
            }
        } else if (e instanceof ThreadPark x) {
            if (kinds.contains(EventKind.THREAD_PARK)) {
                sink.threadPark(x);
            }
        } else if (e instanceof MonitorWait x) {
            if (kinds.contains(EventKind.MONITOR_WAIT)) {
                sink.monitorWait(x);
            }
        } else if (e instanceof GcPause x) {
            if (kinds.contains(EventKind.GC_PAUSE)) {
                sink.gcPause(x);
            }
        } else if (e instanceof GcPhasePause x) {
            if (kinds.contains(EventKind.GC_PHASE_PAUSE)) {
                sink.gcPhasePause(x);
            }
        } else if (e instanceof CpuLoad x) {
            if (kinds.contains(EventKind.CPU_LOAD)) {
                sink.cpuLoad(x);
            }
        } else if (e instanceof ThreadLifecycle x) {
            if (kinds.contains(EventKind.THREAD_LIFECYCLE)) {
                sink.threadLifecycle(x);
            }
        } else if (e instanceof MapBuckets x) {
            if (kinds.contains(EventKind.MAP_BUCKETS)) {
                sink.mapBuckets(x);
            }
        }
    }

    static long timeOf(Object e) {
        if (e instanceof ExecutionSample x) {
            return x.timeNanos();
        } else if (e instanceof AllocationSample x) {
            return x.timeNanos();
        } else if (e instanceof MonitorBlocked x) {
            return x.startNanos();
        } else if (e instanceof ThreadPark x) {
            return x.startNanos();
        } else if (e instanceof MonitorWait x) {
            return x.startNanos();
        } else if (e instanceof GcPause x) {
            return x.startNanos();
        } else if (e instanceof GcPhasePause x) {
            return x.startNanos();
        } else if (e instanceof CpuLoad x) {
            return x.timeNanos();
        } else if (e instanceof ThreadLifecycle x) {
            return x.timeNanos();
        } else if (e instanceof MapBuckets x) {
            return x.timeNanos();
        }
        throw new IllegalArgumentException("not a retained event: " + e);
    }
}
