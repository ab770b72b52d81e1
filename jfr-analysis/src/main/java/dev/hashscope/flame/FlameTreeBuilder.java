package dev.hashscope.flame;

import dev.hashscope.event.AllocationSample;
import dev.hashscope.event.EventKind;
import dev.hashscope.event.EventSink;
import dev.hashscope.event.ExecutionSample;
import dev.hashscope.event.MonitorBlocked;
import dev.hashscope.event.RecordingLayout;
import dev.hashscope.event.Symbols;
import dev.hashscope.event.ThreadPark;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Folds events into per-stack weights for all four kinds in one pass, then builds the trees.
 *
 * <p>Allocation: recordings may carry both {@code jdk.ObjectAllocationSample} and TLAB events, which
 * estimate the same bytes two ways; summing them would double-count. The sampled events are used when
 * there are any, TLAB events otherwise (older JDKs, async-profiler).
 */
public final class FlameTreeBuilder implements EventSink {
    private final EventFilter filter;
    private final StackWeights cpu = new StackWeights();
    private final StackWeights allocSampled = new StackWeights();
    private final StackWeights allocTlab = new StackWeights();
    private final StackWeights lock = new StackWeights();
    private final StackWeights park = new StackWeights();
    private Symbols symbols = new Symbols();
    private long startNanos;
    private byte[] threadAccepted = new byte[0];

    public FlameTreeBuilder(EventFilter filter) {
        this.filter = filter;
    }

    @Override
    public Set<EventKind> kinds() {
        return EnumSet.of(EventKind.EXECUTION_SAMPLE, EventKind.ALLOCATION, EventKind.MONITOR_BLOCKED,
                EventKind.THREAD_PARK);
    }

    @Override
    public void begin(RecordingLayout layout, Symbols symbols) {
        this.symbols = symbols;
        this.startNanos = layout.startNanos();
    }

    @Override
    public void executionSample(ExecutionSample e) {
        if (accepts(e.thread(), e.timeNanos())) {
            cpu.add(e.stack(), 1);
        }
    }

    @Override
    public void allocation(AllocationSample e) {
        if (accepts(e.thread(), e.timeNanos())) {
            (e.source() == AllocationSample.Source.SAMPLED ? allocSampled : allocTlab).add(e.stack(), e.weightBytes());
        }
    }

    @Override
    public void monitorBlocked(MonitorBlocked e) {
        if (accepts(e.thread(), e.startNanos())) {
            lock.add(e.stack(), e.durationNanos());
        }
    }

    @Override
    public void threadPark(ThreadPark e) {
        if (accepts(e.thread(), e.startNanos())) {
            park.add(e.stack(), e.durationNanos());
        }
    }

    private boolean accepts(int thread, long timeNanos) {
        if (filter.filtersTime() && !filter.acceptsOffset(timeNanos - startNanos)) {
            return false;
        }
        if (filter.threadPattern() == null) {
            return true;
        }
        if (thread < 0) {
            return false;
        }
        if (thread >= threadAccepted.length) {
            threadAccepted = java.util.Arrays.copyOf(threadAccepted, Math.max(thread + 1, threadAccepted.length * 2));
        }
        // 0 = not yet decided, 1 = accepted, 2 = rejected; a thread's name is matched once.
        if (threadAccepted[thread] == 0) {
            threadAccepted[thread] = (byte) (filter.acceptsThreadName(symbols.threadName(thread)) ? 1 : 2);
        }
        return threadAccepted[thread] == 1;
    }

    /** The weights a tree of {@code kind} is built from. */
    public StackWeights weights(FlameKind kind) {
        return switch (kind) {
            case CPU -> cpu;
            case ALLOC -> allocSampled.totalCount() > 0 ? allocSampled : allocTlab;
            case LOCK -> lock;
            case PARK -> park;
        };
    }

    /** Which allocation events the allocation tree uses. */
    public AllocationSample.Source allocationSource() {
        return allocSampled.totalCount() > 0 || allocTlab.totalCount() == 0
                ? AllocationSample.Source.SAMPLED : AllocationSample.Source.TLAB;
    }

    public FlameTree tree(FlameKind kind) {
        return FlameTree.build(kind, weights(kind), symbols);
    }

    public Map<FlameKind, FlameTree> trees() {
        Map<FlameKind, FlameTree> out = new EnumMap<>(FlameKind.class);
        for (FlameKind k : FlameKind.values()) {
            out.put(k, tree(k));
        }
        return out;
    }
}
