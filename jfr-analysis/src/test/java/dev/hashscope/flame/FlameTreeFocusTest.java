package dev.hashscope.flame;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hashscope.event.FrameType;
import dev.hashscope.event.Symbols;
import org.junit.jupiter.api.Test;

class FlameTreeFocusTest {
    private final Symbols symbols = new Symbols();
    private final StackWeights weights = new StackWeights();

    /** Adds an event whose stack is given root first, as people read them. */
    private void add(long weight, String... rootFirst) {
        int[] frames = new int[rootFirst.length];
        for (int i = 0; i < rootFirst.length; i++) {
            String name = rootFirst[rootFirst.length - 1 - i];
            int dot = name.lastIndexOf('.');
            int m = dot < 0 ? symbols.method("", name) : symbols.method(name.substring(0, dot), name.substring(dot + 1));
            frames[i] = symbols.frame(m, 10 + i, FrameType.JIT_COMPILED);
        }
        weights.add(symbols.stack(frames, frames.length, false), weight);
    }

    private FlameTree tree() {
        return FlameTree.build(FlameKind.LOCK, weights, symbols);
    }

    @Test
    void mergesEveryPathThroughTheMethodUnderIt() {
        add(5, "a.Main.main", "a.Orders.add", "a.Inventory.record", "java.util.HashMap.put");
        add(2, "a.Main.main", "a.Orders.add", "a.Inventory.record");
        add(3, "a.Main.main", "a.Audit.log", "a.Inventory.record", "java.util.HashMap.put");
        add(7, "a.Main.main", "a.Audit.log", "a.Audit.flush");

        FlameTree focused = FlameTreeFocus.focus(tree(), "a.Inventory.record");

        assertEquals(FlameKind.LOCK, focused.kind());
        assertEquals(10, focused.total(focused.root()));
        assertEquals(1, focused.childCount(focused.root()));
        int record = focused.child(focused.root(), 0);
        assertEquals("a.Inventory.record", focused.label(record));
        assertEquals("a.Inventory", focused.className(record));
        assertEquals(2, focused.self(record));
        assertEquals("a.Inventory.record 2\na.Inventory.record;java.util.HashMap.put 8\n",
                CollapsedStacks.toString(focused));
    }

    @Test
    void recursivePathsCountOnceFromTheOutermostCall() {
        add(4, "a.Main.main", "a.Tree.walk", "a.Tree.walk", "a.Tree.visit");
        add(6, "a.Main.main", "a.Tree.walk", "a.Other.call", "a.Tree.walk");
        add(1, "a.Main.main");

        FlameTree focused = FlameTreeFocus.focus(tree(), "a.Tree.walk");

        assertEquals(10, focused.total(focused.root()));
        assertEquals("a.Tree.walk;a.Other.call;a.Tree.walk 6\na.Tree.walk;a.Tree.walk;a.Tree.visit 4\n",
                CollapsedStacks.toString(focused));
    }

    @Test
    void keepsNativeFramesAndAnAbsentMethodGivesAnEmptyTree() {
        add(3, "a.Main.main", "a.Io.read", "readBytes");

        FlameTree focused = FlameTreeFocus.focus(tree(), "a.Io.read");
        int read = focused.child(focused.root(), 0);
        int nativeFrame = focused.child(read, 0);
        assertEquals("readBytes", focused.label(nativeFrame));
        assertEquals("", focused.className(nativeFrame));
        assertEquals(3, focused.self(nativeFrame));

        FlameTree absent = FlameTreeFocus.focus(tree(), "a.Missing.method");
        assertEquals(0, absent.total(absent.root()));
        assertEquals(1, absent.nodeCount());
    }
}
