package dev.hashscope.event;

import dev.hashscope.flame.EventFilter;
import java.util.Arrays;
import java.util.Set;

/**
 * Passes on only the events an {@link EventFilter} accepts. Process-wide events (GC, CPU load) have no
 * thread: they pass a thread filter and are filtered by time only, since a pause stops every thread.
 */
public final class FilteredSink implements EventSink {
    private final EventFilter filter;
    private final EventSink delegate;
    private Symbols symbols = new Symbols();
    private long startNanos;
    /** Per thread id: 0 undecided, 1 accepted, 2 rejected; each name is matched once. */
    private byte[] threadAccepted = new byte[0];

    public FilteredSink(EventFilter filter, EventSink delegate) {
        this.filter = filter;
        this.delegate = delegate;
    }

    /** The sink itself when the filter accepts everything, so the common case costs nothing. */
    public static EventSink of(EventFilter filter, EventSink delegate) {
        return filter.equals(EventFilter.ALL) ? delegate : new FilteredSink(filter, delegate);
    }

    @Override
    public Set<EventKind> kinds() {
        return delegate.kinds();
    }

    @Override
    public void begin(RecordingLayout layout, Symbols symbols) {
        this.symbols = symbols;
        this.startNanos = layout.startNanos();
        delegate.begin(layout, symbols);
    }

    private boolean time(long epochNanos) {
        return !filter.filtersTime() || filter.acceptsOffset(epochNanos - startNanos);
    }

    private boolean thread(int thread) {
        if (filter.threadPattern() == null) {
            return true;
        }
        if (thread < 0) {
            return false;
        }
        if (thread >= threadAccepted.length) {
            threadAccepted = Arrays.copyOf(threadAccepted, Math.max(thread + 1, threadAccepted.length * 2));
        }
        if (threadAccepted[thread] == 0) {
            threadAccepted[thread] = (byte) (filter.acceptsThreadName(symbols.threadName(thread)) ? 1 : 2);
        }
        return threadAccepted[thread] == 1;
    }

    @Override
    public void executionSample(ExecutionSample e) {
        if (time(e.timeNanos()) && thread(e.thread())) {
            delegate.executionSample(e);
        }
    }

    @Override
    public void monitorBlocked(MonitorBlocked e) {
        if (time(e.startNanos()) && thread(e.thread())) {
            delegate.monitorBlocked(e);
        }
    }

    @Override
    public void monitorWait(MonitorWait e) {
        if (time(e.startNanos()) && thread(e.thread())) {
            delegate.monitorWait(e);
        }
    }

    @Override
    public void threadPark(ThreadPark e) {
        if (time(e.startNanos()) && thread(e.thread())) {
            delegate.threadPark(e);
        }
    }

    @Override
    public void allocation(AllocationSample e) {
        if (time(e.timeNanos()) && thread(e.thread())) {
            delegate.allocation(e);
        }
    }

    @Override
    public void gcPause(GcPause e) {
        if (time(e.startNanos())) {
            delegate.gcPause(e);
        }
    }

    @Override
    public void gcPhasePause(GcPhasePause e) {
        if (time(e.startNanos())) {
            delegate.gcPhasePause(e);
        }
    }

    @Override
    public void cpuLoad(CpuLoad e) {
        if (time(e.timeNanos())) {
            delegate.cpuLoad(e);
        }
    }

    @Override
    public void threadLifecycle(ThreadLifecycle e) {
        if (time(e.timeNanos()) && thread(e.thread())) {
            delegate.threadLifecycle(e);
        }
    }

    @Override
    public void jvmInfo(JvmInfo e) {
        delegate.jvmInfo(e);
    }

    @Override
    public void setting(RecordingSetting e) {
        delegate.setting(e);
    }

    /** Snapshots of a time range; not of a thread (the probe's thread is not the application's). */
    @Override
    public void mapBuckets(MapBuckets e) {
        if (time(e.timeNanos())) {
            delegate.mapBuckets(e);
        }
    }

    @Override
    public void position(long offset) {
        delegate.position(offset);
    }

    @Override
    public void end(ReadStats stats) {
        delegate.end(stats);
    }
}
