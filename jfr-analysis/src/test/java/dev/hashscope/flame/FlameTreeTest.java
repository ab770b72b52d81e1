package dev.hashscope.flame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hashscope.event.AllocationSample;
import dev.hashscope.event.ExecutionSample;
import dev.hashscope.event.FrameType;
import dev.hashscope.event.RecordingLayout;
import dev.hashscope.event.Symbols;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlameTreeTest {
    private final Symbols symbols = new Symbols();

    /** Interns a stack given root first, as people read them: "main", "run", "work". */
    private int stack(String... rootFirst) {
        int[] frames = new int[rootFirst.length];
        for (int i = 0; i < rootFirst.length; i++) {
            String name = rootFirst[rootFirst.length - 1 - i];
            int dot = name.lastIndexOf('.');
            int m = symbols.method(name.substring(0, dot), name.substring(dot + 1));
            frames[i] = symbols.frame(m, 10 + i, FrameType.JIT_COMPILED);
        }
        return symbols.stack(frames, frames.length, false);
    }

    @Test
    void totalsAndSelfWeights() {
        StackWeights w = new StackWeights();
        w.add(stack("a.Main.main", "a.Worker.run", "java.util.HashMap.put"), 5);
        w.add(stack("a.Main.main", "a.Worker.run"), 2);
        w.add(stack("a.Main.main", "a.Other.go"), 3);
        FlameTree t = FlameTree.build(FlameKind.CPU, w, symbols);
        assertEquals(10, t.total(t.root()));
        assertEquals(3, t.eventCount());
        int main = t.child(t.root(), 0);
        assertEquals("a.Main.main", t.label(main));
        assertEquals(10, t.total(main));
        assertEquals(0, t.self(main));
        // Children are sorted by name: a.Other.go before a.Worker.run.
        assertEquals("a.Other.go", t.label(t.child(main, 0)));
        int run = t.child(main, 1);
        assertEquals("a.Worker.run", t.label(run));
        assertEquals(7, t.total(run));
        assertEquals(2, t.self(run));
        assertEquals(List.of("a.Main.main", "a.Worker.run", "java.util.HashMap.put"), t.path(t.child(run, 0)));
        assertEquals("java.util.HashMap", t.className(t.child(run, 0)));
    }

    @Test
    void framesOfOneMethodOnDifferentLinesMerge() {
        int m = symbols.method("a.B", "c");
        int root = symbols.method("a.B", "main");
        int s1 = symbols.stack(new int[]{symbols.frame(m, 1, FrameType.JIT_COMPILED),
                symbols.frame(root, 5, FrameType.JIT_COMPILED)}, 2, false);
        int s2 = symbols.stack(new int[]{symbols.frame(m, 2, FrameType.INTERPRETED),
                symbols.frame(root, 5, FrameType.JIT_COMPILED)}, 2, false);
        StackWeights w = new StackWeights();
        w.add(s1, 1);
        w.add(s2, 1);
        FlameTree t = FlameTree.build(FlameKind.CPU, w, symbols);
        assertEquals(3, t.nodeCount());
        assertEquals("a.B.main;a.B.c 2\n", CollapsedStacks.toString(t));
    }

    @Test
    void eventsWithoutStackAndTruncatedStacksGetTheirOwnFrames() {
        StackWeights w = new StackWeights();
        w.add(Symbols.NO_STACK, 4);
        int m = symbols.method("a.Deep", "recurse");
        int truncated = symbols.stack(new int[]{symbols.frame(m, 1, FrameType.JIT_COMPILED)}, 1, true);
        w.add(truncated, 6);
        w.add(symbols.stack(new int[0], 0, false), 5);
        FlameTree t = FlameTree.build(FlameKind.ALLOC, w, symbols);
        assertEquals(15, t.total(t.root()));
        assertEquals("[no_stack_trace] 9\n[truncated];a.Deep.recurse 6\n", CollapsedStacks.toString(t));
    }

    @Test
    void collapsedOutputEscapesSeparators() {
        StackWeights w = new StackWeights();
        w.add(stack("a.Main.main", "a.Weird.we;ird name"), 1);
        FlameTree t = FlameTree.build(FlameKind.CPU, w, symbols);
        assertEquals("a.Main.main;a.Weird.we_ird_name 1\n", CollapsedStacks.toString(t));
    }

    @Test
    void builderFiltersByThreadAndTimeAndKeepsAllocationSourcesApart() {
        long start = 1_000_000_000_000L;
        RecordingLayout layout = new RecordingLayout(100, List.of(
                new RecordingLayout.ChunkHeader(0, 100, 2, 1, start, 10_000_000_000L, 0, 1_000_000_000L)),
                0, null, false);
        int worker = symbols.thread(1, "pool-1-worker-1");
        int other = symbols.thread(2, "main");
        int s = stack("a.Main.main", "a.Work.run");

        FlameTreeBuilder all = new FlameTreeBuilder(EventFilter.ALL);
        FlameTreeBuilder workers = new FlameTreeBuilder(EventFilter.of("worker", null, null));
        FlameTreeBuilder window = new FlameTreeBuilder(EventFilter.of(null, 1.0, 2.0));
        for (FlameTreeBuilder b : List.of(all, workers, window)) {
            b.begin(layout, symbols);
            b.executionSample(new ExecutionSample(start + 500_000_000L, worker, s));
            b.executionSample(new ExecutionSample(start + 1_500_000_000L, other, s));
            b.executionSample(new ExecutionSample(start + 2_000_000_000L, worker, s));
            b.allocation(new AllocationSample(start, worker, s, -1, 100, AllocationSample.Source.SAMPLED));
            b.allocation(new AllocationSample(start, worker, s, -1, 7000, AllocationSample.Source.TLAB));
        }
        assertEquals(3, all.tree(FlameKind.CPU).total(0));
        assertEquals(2, workers.tree(FlameKind.CPU).total(0));
        assertEquals(1, window.tree(FlameKind.CPU).total(0), "[1 s, 2 s) holds only the sample at 1.5 s");
        assertEquals(100, all.tree(FlameKind.ALLOC).total(0), "sampled allocations win over TLAB estimates");
        assertEquals(AllocationSample.Source.SAMPLED, all.allocationSource());
    }

    @Test
    void rejectsAnEmptyTimeRange() {
        assertThrows(IllegalArgumentException.class, () -> EventFilter.of(null, 3.0, 2.0));
    }
}
