package dev.hashscope.event;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Fans one event stream out to several sinks. Each event goes only to the sinks whose {@link EventSink#kinds()}
 * include its kind (as the contract says: other kinds are not decoded for a sink), and nested fan-outs are
 * flattened (an {@linkplain EventSink#observesAll() observer} gets every kind decoded for the others): with a
 * dozen analyses on millions of events, calling every sink's empty default for every event
 * (an interface call that cannot be inlined) cost more than some of the analyses. The kinds are taken when the
 * fan-out is made, so a sink's {@code kinds()} must not change afterwards.
 */
final class MulticastSink implements EventSink {
    private final EventSink[] sinks;
    /** What the sinks asked for: the kinds a reader decodes for this fan-out. */
    private final EnumSet<EventKind> kinds = EnumSet.noneOf(EventKind.class);
    // Per kind, the sinks that get its events, in the given order.
    private final EventSink[] executionSample;
    private final EventSink[] monitorBlocked;
    private final EventSink[] monitorWait;
    private final EventSink[] threadPark;
    private final EventSink[] allocation;
    private final EventSink[] gcPause;
    private final EventSink[] gcPhasePause;
    private final EventSink[] cpuLoad;
    private final EventSink[] threadLifecycle;
    private final EventSink[] jvmInfo;
    private final EventSink[] setting;
    private final EventSink[] mapBuckets;

    MulticastSink(EventSink[] given) {
        List<EventSink> flat = new ArrayList<>();
        for (EventSink s : given) {
            if (s instanceof MulticastSink m) {
                flat.addAll(Arrays.asList(m.sinks));
            } else {
                flat.add(s);
            }
        }
        this.sinks = flat.toArray(EventSink[]::new);
        for (EventSink s : sinks) {
            kinds.addAll(s.kinds());
        }
        executionSample = wanting(EventKind.EXECUTION_SAMPLE);
        monitorBlocked = wanting(EventKind.MONITOR_BLOCKED);
        monitorWait = wanting(EventKind.MONITOR_WAIT);
        threadPark = wanting(EventKind.THREAD_PARK);
        allocation = wanting(EventKind.ALLOCATION);
        gcPause = wanting(EventKind.GC_PAUSE);
        gcPhasePause = wanting(EventKind.GC_PHASE_PAUSE);
        cpuLoad = wanting(EventKind.CPU_LOAD);
        threadLifecycle = wanting(EventKind.THREAD_LIFECYCLE);
        jvmInfo = wanting(EventKind.JVM_INFO);
        setting = wanting(EventKind.SETTING);
        mapBuckets = wanting(EventKind.MAP_BUCKETS);
    }

    /** The sinks that asked for {@code k}, and the observers when some sink asked for it. */
    private EventSink[] wanting(EventKind k) {
        List<EventSink> wanting = new ArrayList<>();
        for (EventSink s : sinks) {
            if (s.kinds().contains(k) || s.observesAll() && kinds.contains(k)) {
                wanting.add(s);
            }
        }
        return wanting.toArray(EventSink[]::new);
    }

    @Override
    public Set<EventKind> kinds() {
        return EnumSet.copyOf(kinds);
    }

    /** An observer inside: nested in a larger fan-out, it must see that fan-out's events too. */
    @Override
    public boolean observesAll() {
        for (EventSink s : sinks) {
            if (s.observesAll()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void begin(RecordingLayout layout, Symbols symbols) {
        for (EventSink s : sinks) {
            s.begin(layout, symbols);
        }
    }

    @Override
    public void executionSample(ExecutionSample e) {
        for (EventSink s : executionSample) {
            s.executionSample(e);
        }
    }

    @Override
    public void monitorBlocked(MonitorBlocked e) {
        for (EventSink s : monitorBlocked) {
            s.monitorBlocked(e);
        }
    }

    @Override
    public void monitorWait(MonitorWait e) {
        for (EventSink s : monitorWait) {
            s.monitorWait(e);
        }
    }

    @Override
    public void threadPark(ThreadPark e) {
        for (EventSink s : threadPark) {
            s.threadPark(e);
        }
    }

    @Override
    public void allocation(AllocationSample e) {
        for (EventSink s : allocation) {
            s.allocation(e);
        }
    }

    @Override
    public void gcPause(GcPause e) {
        for (EventSink s : gcPause) {
            s.gcPause(e);
        }
    }

    @Override
    public void gcPhasePause(GcPhasePause e) {
        for (EventSink s : gcPhasePause) {
            s.gcPhasePause(e);
        }
    }

    @Override
    public void cpuLoad(CpuLoad e) {
        for (EventSink s : cpuLoad) {
            s.cpuLoad(e);
        }
    }

    @Override
    public void threadLifecycle(ThreadLifecycle e) {
        for (EventSink s : threadLifecycle) {
            s.threadLifecycle(e);
        }
    }

    @Override
    public void jvmInfo(JvmInfo e) {
        for (EventSink s : jvmInfo) {
            s.jvmInfo(e);
        }
    }

    @Override
    public void setting(RecordingSetting e) {
        for (EventSink s : setting) {
            s.setting(e);
        }
    }

    @Override
    public void mapBuckets(MapBuckets e) {
        for (EventSink s : mapBuckets) {
            s.mapBuckets(e);
        }
    }

    @Override
    public void position(long offset) {
        for (EventSink s : sinks) {
            s.position(offset);
        }
    }

    @Override
    public void end(ReadStats stats) {
        for (EventSink s : sinks) {
            s.end(stats);
        }
    }
}
