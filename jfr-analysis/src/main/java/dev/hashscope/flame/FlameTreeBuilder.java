package dev.hashscope.flame;

import dev.hashscope.event.AllocationSample;
import dev.hashscope.event.EventKind;
import dev.hashscope.event.EventSink;
import dev.hashscope.event.ExecutionSample;
import dev.hashscope.event.FilteredSink;
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
    private final StackWeights cpu = new StackWeights();
    private final StackWeights allocSampled = new StackWeights();
    private final StackWeights allocTlab = new StackWeights();
    private final StackWeights lock = new StackWeights();
    private final StackWeights park = new StackWeights();
    private Symbols symbols = new Symbols();
    /** The folding below, behind the same thread and time filter every other consumer uses. */
    private final EventSink entry;

    public FlameTreeBuilder(EventFilter filter) {
        this.entry = FilteredSink.of(filter, new Folder());
    }

    @Override
    public Set<EventKind> kinds() {
        return EnumSet.of(EventKind.EXECUTION_SAMPLE, EventKind.ALLOCATION, EventKind.MONITOR_BLOCKED,
                EventKind.THREAD_PARK);
    }

    @Override
    public void begin(RecordingLayout layout, Symbols symbols) {
        entry.begin(layout, symbols);
    }

    @Override
    public void executionSample(ExecutionSample e) {
        entry.executionSample(e);
    }

    @Override
    public void allocation(AllocationSample e) {
        entry.allocation(e);
    }

    @Override
    public void monitorBlocked(MonitorBlocked e) {
        entry.monitorBlocked(e);
    }

    @Override
    public void threadPark(ThreadPark e) {
        entry.threadPark(e);
    }

    /** Adds the events that passed the filter to the per-stack weights. */
    private final class Folder implements EventSink {
        @Override
        public void begin(RecordingLayout layout, Symbols symbols) {
            FlameTreeBuilder.this.symbols = symbols;
        }

        @Override
        public void executionSample(ExecutionSample e) {
            cpu.add(e.stack(), 1);
        }

        @Override
        public void allocation(AllocationSample e) {
            (e.source() == AllocationSample.Source.SAMPLED ? allocSampled : allocTlab).add(e.stack(), e.weightBytes());
        }

        @Override
        public void monitorBlocked(MonitorBlocked e) {
            lock.add(e.stack(), e.durationNanos());
        }

        @Override
        public void threadPark(ThreadPark e) {
            park.add(e.stack(), e.durationNanos());
        }
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
