package dev.hashscope.app.flame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hashscope.flame.FlameKind;
import dev.hashscope.flame.FlameTree;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlameLayoutTest {
    private static final double ROW = 16;

    /** main 1000 = work 600 (put 400, get 200) + idle 400, in samples. */
    private final FlameTree tree = new TestTrees()
            .add(400, "a.Main.main", "a.Main.work", "java.util.HashMap.put")
            .add(200, "a.Main.main", "a.Main.work", "java.util.HashMap.get")
            .add(400, "a.Main.main", "a.Main.idle")
            .build(FlameKind.CPU);
    private final int main = TestTrees.node(tree, "a.Main.main");
    private final int work = TestTrees.node(tree, "a.Main.main", "a.Main.work");
    private final int idle = TestTrees.node(tree, "a.Main.main", "a.Main.idle");
    private final int put = TestTrees.node(tree, "a.Main.main", "a.Main.work", "java.util.HashMap.put");
    private final int get = TestTrees.node(tree, "a.Main.main", "a.Main.work", "java.util.HashMap.get");
    private final FlameLayout layout = new FlameLayout();

    private int indexOf(int node) {
        for (int i = 0; i < layout.size(); i++) {
            if (layout.node(i) == node) {
                return i;
            }
        }
        return -1;
    }

    private void assertFrame(int node, double x, double y, double width) {
        int i = indexOf(node);
        assertTrue(i >= 0, tree.label(node) + " is not laid out");
        assertEquals(x, layout.x(i), 1e-9, "x of " + tree.label(node));
        assertEquals(y, layout.y(i), 1e-9, "y of " + tree.label(node));
        assertEquals(width, layout.width(i), 1e-9, "width of " + tree.label(node));
    }

    @Test
    void widthsAreProportionalToWeightAndChildrenFillLeftToRight() {
        layout.layout(tree, tree.root(), 500, ROW, false);

        assertEquals(6, layout.size());
        assertEquals(0, layout.ancestorCount());
        assertEquals(4, layout.rowCount());
        assertEquals(4 * ROW, layout.height());
        assertFrame(tree.root(), 0, 0, 500);
        assertFrame(main, 0, ROW, 500);
        // Children in the tree's (name) order: idle before work.
        assertFrame(idle, 0, 2 * ROW, 200);
        assertFrame(work, 200, 2 * ROW, 300);
        assertFrame(get, 200, 3 * ROW, 100);
        assertFrame(put, 300, 3 * ROW, 200);
    }

    @Test
    void culledFramesTakeTheirSubtreesWithThem() {
        FlameTree t = new TestTrees()
                .add(9_999, "a.Main.main", "a.Main.busy")
                .add(1, "a.Main.main", "a.Main.rare", "a.Main.rareChild")
                .build(FlameKind.CPU);
        // 1 of 10,000 samples in 1,000 px is 0.1 px: too narrow to see, as is all below it.
        layout.layout(t, t.root(), 1_000, ROW, false);

        List<String> labels = new ArrayList<>();
        for (int i = 0; i < layout.size(); i++) {
            labels.add(t.label(layout.node(i)));
        }
        assertEquals(List.of("all", "a.Main.main", "a.Main.busy"), labels);
        assertEquals(3, layout.rowCount());

        // In 100,000 px the same frame is 10 px wide and comes back with its child.
        layout.layout(t, t.root(), 100_000, ROW, false);
        assertEquals(5, layout.size());
    }

    @Test
    void zoomRootSpansTheWidthBelowItsAncestors() {
        layout.layout(tree, work, 500, ROW, false);

        assertEquals(2, layout.ancestorCount());
        assertEquals(tree.root(), layout.node(0));
        assertEquals(main, layout.node(1));
        assertFrame(tree.root(), 0, 0, 500);
        assertFrame(main, 0, ROW, 500);
        assertFrame(work, 0, 2 * ROW, 500);
        assertFrame(get, 0, 3 * ROW, 500.0 / 3);
        assertFrame(put, 500.0 / 3, 3 * ROW, 1000.0 / 3);
        assertEquals(-1, indexOf(idle), "a sibling of the zoom root is not drawn");
    }

    @Test
    void flameOrientationPutsTheRootOnTheBottomRow() {
        layout.layout(tree, tree.root(), 500, ROW, true);

        assertFrame(tree.root(), 0, 3 * ROW, 500);
        assertFrame(main, 0, 2 * ROW, 500);
        assertFrame(work, 200, ROW, 300);
        assertFrame(put, 300, 0, 200);
    }

    @Test
    void hitTestFindsEachDrawnFrameAndNothingElse() {
        for (boolean flame : new boolean[]{false, true}) {
            for (int zoom : new int[]{tree.root(), work}) {
                layout.layout(tree, zoom, 500, ROW, flame);
                for (int i = 0; i < layout.size(); i++) {
                    double cx = layout.x(i) + layout.width(i) / 2;
                    double cy = layout.y(i) + ROW / 2;
                    assertEquals(layout.node(i), layout.hitTest(cx, cy),
                            "centre of " + tree.label(layout.node(i)) + ", flame=" + flame + ", zoom=" + zoom);
                    assertEquals(layout.node(i), layout.hitTest(layout.x(i), layout.y(i)), "top left corner");
                }
            }
        }
        layout.layout(tree, tree.root(), 500, ROW, false);
        assertEquals(-1, layout.hitTest(100, 3 * ROW + 1), "below idle, which calls nothing");
        assertEquals(-1, layout.hitTest(-1, 1));
        assertEquals(-1, layout.hitTest(500, 1));
        assertEquals(-1, layout.hitTest(10, layout.height()));
    }

    @Test
    void hitTestSkipsCulledFrames() {
        FlameTree t = new TestTrees()
                .add(9_999, "a.Main.main", "a.Main.busy")
                .add(1, "a.Main.main", "a.Main.rare")
                .build(FlameKind.CPU);
        layout.layout(t, t.root(), 1_000, ROW, false);
        int rare = TestTrees.node(t, "a.Main.main", "a.Main.rare");
        int busy = TestTrees.node(t, "a.Main.main", "a.Main.busy");
        // busy is first by name, so rare's 0.1 px sliver is at the right edge.
        assertEquals(busy, layout.hitTest(500, 2 * ROW + 1));
        assertEquals(-1, layout.hitTest(999.95, 2 * ROW + 1));
        assertFalse(indexOf(rare) >= 0);
    }

    @Test
    void anEmptyTreeLaysOutNothing() {
        FlameTree empty = FlameTree.empty(FlameKind.LOCK);
        layout.layout(empty, empty.root(), 500, ROW, false);
        assertEquals(0, layout.size());
        assertEquals(-1, layout.hitTest(10, 5));
    }
}
