package dev.hashscope.event;

import java.util.Set;
import java.util.concurrent.CancellationException;

/**
 * A sink whose runtime exceptions come out as {@link AnalysisFailure}, so a reader can tell a failing analysis
 * from a failing parse: the reader wraps its sink in this and lets {@code AnalysisFailure} through where it
 * reports everything else as a corrupt recording. Cancellation passes unchanged: it is how a sink stops a read.
 * Only the calls made while events are parsed are guarded.
 */
public final class GuardedSink implements EventSink {
    private final EventSink sink;

    private GuardedSink(EventSink sink) {
        this.sink = sink;
    }

    public static EventSink of(EventSink sink) {
        return sink instanceof GuardedSink ? sink : new GuardedSink(sink);
    }

    private static AnalysisFailure failure(RuntimeException e) {
        if (e instanceof CancellationException c) {
            throw c;
        }
        return e instanceof AnalysisFailure f ? f : new AnalysisFailure(e);
    }

    @Override
    public Set<EventKind> kinds() {
        return sink.kinds();
    }

    @Override
    public boolean observesAll() {
        return sink.observesAll();
    }

    /** Readers call this outside their parse, so its exceptions need no telling apart. */
    @Override
    public void begin(RecordingLayout layout, Symbols symbols) {
        sink.begin(layout, symbols);
    }

    @Override
    public void executionSample(ExecutionSample e) {
        try {
            sink.executionSample(e);
        } catch (RuntimeException x) {
            throw failure(x);
        }
    }

    @Override
    public void monitorBlocked(MonitorBlocked e) {
        try {
            sink.monitorBlocked(e);
        } catch (RuntimeException x) {
            throw failure(x);
        }
    }

    @Override
    public void monitorWait(MonitorWait e) {
        try {
            sink.monitorWait(e);
        } catch (RuntimeException x) {
            throw failure(x);
        }
    }

    @Override
    public void threadPark(ThreadPark e) {
        try {
            sink.threadPark(e);
        } catch (RuntimeException x) {
            throw failure(x);
        }
    }

    @Override
    public void allocation(AllocationSample e) {
        try {
            sink.allocation(e);
        } catch (RuntimeException x) {
            throw failure(x);
        }
    }

    @Override
    public void gcPause(GcPause e) {
        try {
            sink.gcPause(e);
        } catch (RuntimeException x) {
            throw failure(x);
        }
    }

    @Override
    public void gcPhasePause(GcPhasePause e) {
        try {
            sink.gcPhasePause(e);
        } catch (RuntimeException x) {
            throw failure(x);
        }
    }

    @Override
    public void cpuLoad(CpuLoad e) {
        try {
            sink.cpuLoad(e);
        } catch (RuntimeException x) {
            throw failure(x);
        }
    }

    @Override
    public void threadLifecycle(ThreadLifecycle e) {
        try {
            sink.threadLifecycle(e);
        } catch (RuntimeException x) {
            throw failure(x);
        }
    }

    @Override
    public void jvmInfo(JvmInfo e) {
        try {
            sink.jvmInfo(e);
        } catch (RuntimeException x) {
            throw failure(x);
        }
    }

    @Override
    public void setting(RecordingSetting e) {
        try {
            sink.setting(e);
        } catch (RuntimeException x) {
            throw failure(x);
        }
    }

    @Override
    public void mapBuckets(MapBuckets e) {
        try {
            sink.mapBuckets(e);
        } catch (RuntimeException x) {
            throw failure(x);
        }
    }

    @Override
    public void position(long offset) {
        try {
            sink.position(offset);
        } catch (RuntimeException x) {
            throw failure(x);
        }
    }

    /** Readers call this outside their parse, so its exceptions need no telling apart. */
    @Override
    public void end(ReadStats stats) {
        sink.end(stats);
    }
}
