package dev.hashscope.event;

import java.util.EnumSet;
import java.util.Set;

final class MulticastSink implements EventSink {
    private final EventSink[] sinks;

    MulticastSink(EventSink[] sinks) {
        this.sinks = sinks.clone();
    }

    @Override
    public Set<EventKind> kinds() {
        Set<EventKind> union = EnumSet.noneOf(EventKind.class);
        for (EventSink s : sinks) {
            union.addAll(s.kinds());
        }
        return union;
    }

    @Override
    public void begin(RecordingLayout layout, Symbols symbols) {
        for (EventSink s : sinks) s.begin(layout, symbols);
    }

    @Override
    public void executionSample(ExecutionSample e) {
        for (EventSink s : sinks) s.executionSample(e);
    }

    @Override
    public void monitorBlocked(MonitorBlocked e) {
        for (EventSink s : sinks) s.monitorBlocked(e);
    }

    @Override
    public void monitorWait(MonitorWait e) {
        for (EventSink s : sinks) s.monitorWait(e);
    }

    @Override
    public void threadPark(ThreadPark e) {
        for (EventSink s : sinks) s.threadPark(e);
    }

    @Override
    public void allocation(AllocationSample e) {
        for (EventSink s : sinks) s.allocation(e);
    }

    @Override
    public void gcPause(GcPause e) {
        for (EventSink s : sinks) s.gcPause(e);
    }

    @Override
    public void gcPhasePause(GcPhasePause e) {
        for (EventSink s : sinks) s.gcPhasePause(e);
    }

    @Override
    public void cpuLoad(CpuLoad e) {
        for (EventSink s : sinks) s.cpuLoad(e);
    }

    @Override
    public void threadLifecycle(ThreadLifecycle e) {
        for (EventSink s : sinks) s.threadLifecycle(e);
    }

    @Override
    public void jvmInfo(JvmInfo e) {
        for (EventSink s : sinks) s.jvmInfo(e);
    }

    @Override
    public void setting(RecordingSetting e) {
        for (EventSink s : sinks) s.setting(e);
    }

    @Override
    public void mapBuckets(MapBuckets e) {
        for (EventSink s : sinks) s.mapBuckets(e);
    }

    @Override
    public void end(ReadStats stats) {
        for (EventSink s : sinks) s.end(stats);
    }
}
