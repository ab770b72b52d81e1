package dev.hashscope.event.fast;

import dev.hashscope.event.AllocationSample;
import dev.hashscope.event.CpuLoad;
import dev.hashscope.event.EventSink;
import dev.hashscope.event.ExecutionSample;
import dev.hashscope.event.GcPause;
import dev.hashscope.event.GcPhasePause;
import dev.hashscope.event.JvmInfo;
import dev.hashscope.event.MonitorBlocked;
import dev.hashscope.event.MonitorWait;
import dev.hashscope.event.ReadStats;
import dev.hashscope.event.RecordingLayout;
import dev.hashscope.event.RecordingSetting;
import dev.hashscope.event.Symbols;
import dev.hashscope.event.ThreadLifecycle;
import dev.hashscope.event.ThreadPark;
import java.util.ArrayList;
import java.util.List;

/**
 * Every delivered event as one line, ids resolved to what they stand for at that moment (thread names can
 * change during a read) and the ids themselves, so two readers can be compared line by line.
 */
final class EventTranscript implements EventSink {
    final List<String> lines = new ArrayList<>();
    private final java.util.Set<dev.hashscope.event.EventKind> kinds;
    Symbols symbols;
    ReadStats stats;
    Thread deliveryThread;
    boolean otherThread;

    EventTranscript(java.util.Set<dev.hashscope.event.EventKind> kinds) {
        this.kinds = kinds;
    }

    @Override
    public java.util.Set<dev.hashscope.event.EventKind> kinds() {
        return kinds;
    }

    @Override
    public void begin(RecordingLayout layout, Symbols symbols) {
        this.symbols = symbols;
        this.deliveryThread = Thread.currentThread();
    }

    private void add(String line) {
        if (Thread.currentThread() != deliveryThread) {
            otherThread = true;
        }
        lines.add(line);
    }

    private String thread(int t) {
        return t < 0 ? "-" : t + ":" + symbols.threadKey(t) + ":" + symbols.threadName(t);
    }

    private String klass(int c) {
        return c < 0 ? "-" : c + ":" + symbols.stringAt(c);
    }

    private String stack(int s) {
        if (s < 0) {
            return "[no stack]";
        }
        StringBuilder sb = new StringBuilder().append(s).append(symbols.stackTruncated(s) ? " T[" : " [");
        for (int f : symbols.stackFrames(s)) {
            sb.append(f).append('=').append(symbols.frameLabel(f)).append('/').append(symbols.frameType(f))
                    .append('#').append(symbols.frameMethod(f)).append("; ");
        }
        return sb.append(']').toString();
    }

    @Override
    public void executionSample(ExecutionSample e) {
        add("cpu " + e.timeNanos() + " " + thread(e.thread()) + " " + stack(e.stack()));
    }

    @Override
    public void monitorBlocked(MonitorBlocked e) {
        add("monitor " + e.startNanos() + " " + e.durationNanos() + " " + thread(e.thread()) + " " + stack(e.stack())
                + " " + klass(e.monitorClass()) + " " + e.address() + " " + thread(e.previousOwner()));
    }

    @Override
    public void monitorWait(MonitorWait e) {
        add("wait " + e.startNanos() + " " + e.durationNanos() + " " + thread(e.thread()) + " " + stack(e.stack())
                + " " + klass(e.monitorClass()) + " " + e.address() + " " + thread(e.notifier()) + " " + e.timedOut());
    }

    @Override
    public void threadPark(ThreadPark e) {
        add("park " + e.startNanos() + " " + e.durationNanos() + " " + thread(e.thread()) + " " + stack(e.stack())
                + " " + klass(e.parkedClass()) + " " + e.address());
    }

    @Override
    public void allocation(AllocationSample e) {
        add("alloc " + e.timeNanos() + " " + thread(e.thread()) + " " + stack(e.stack()) + " " + klass(e.objectClass())
                + " " + e.weightBytes() + " " + e.source());
    }

    @Override
    public void gcPause(GcPause e) {
        add("gc " + e);
    }

    @Override
    public void gcPhasePause(GcPhasePause e) {
        add("gcphase " + e);
    }

    @Override
    public void cpuLoad(CpuLoad e) {
        add("cpuload " + e);
    }

    @Override
    public void threadLifecycle(ThreadLifecycle e) {
        add("thread " + e.timeNanos() + " " + thread(e.thread()) + " " + e.started());
    }

    @Override
    public void jvmInfo(JvmInfo e) {
        add("jvm " + e);
    }

    @Override
    public void setting(RecordingSetting e) {
        add("setting " + e);
    }

    @Override
    public void mapBuckets(dev.hashscope.event.MapBuckets e) {
        add("buckets " + e);
    }

    @Override
    public void end(ReadStats stats) {
        this.stats = stats;
        add("symbols " + symbols.stackCount() + " stacks, " + symbols.frameCount() + " frames, "
                + symbols.methodCount() + " methods, " + symbols.threadCount() + " threads");
    }
}
