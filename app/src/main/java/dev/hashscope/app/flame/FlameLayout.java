package dev.hashscope.app.flame;

import dev.hashscope.flame.FlameTree;
import java.util.Arrays;

/**
 * Where each frame of a flame graph goes: the zoom root spans the full width, every frame is as wide as
 * its share of the zoom root's weight and sits on the row of its depth, its children left to right in
 * the tree's order. The zoom root's ancestors are stacked full-width above it (the view fades them).
 *
 * <p>Frames narrower than {@link #MIN_WIDTH} are dropped with their subtrees, so the cost follows what is
 * visible, not the tree's size. Results are flat arrays reused from one layout to the next; y is measured
 * from the top of the content, whose height is {@link #height()}. Not thread-safe.
 */
final class FlameLayout {
    /** Narrower frames cannot be seen or hit; their subtrees are narrower still. */
    static final double MIN_WIDTH = 0.5;

    private FlameTree tree;
    private int zoom;
    private double width;
    private double rowHeight;
    private boolean flame;
    private int size;
    private int ancestors;
    private int rowCount;
    private int[] nodes = new int[1024];
    private double[] xs = new double[1024];
    private double[] ys = new double[1024];
    private double[] widths = new double[1024];
    private int[] pending = new int[256];
    private double[] pendingX = new double[256];

    /**
     * Lays out {@code tree} zoomed to {@code zoom} in {@code width} pixels; {@code flame} puts the root on the
     * bottom row instead of the top one.
     */
    void layout(FlameTree tree, int zoom, double width, double rowHeight, boolean flame) {
        if (zoom < 0 || zoom >= tree.nodeCount()) {
            throw new IllegalArgumentException("no node " + zoom + " in a tree of " + tree.nodeCount());
        }
        this.tree = tree;
        this.zoom = zoom;
        this.width = width;
        this.rowHeight = rowHeight;
        this.flame = flame;
        size = 0;
        // Ancestors root first: frame i of them is the ancestor at depth i.
        ancestors = tree.depth(zoom);
        for (int d = 0; d < ancestors; d++) {
            add(-1, 0, width);
        }
        for (int a = tree.parent(zoom); a >= 0; a = tree.parent(a)) {
            nodes[tree.depth(a)] = a;
        }
        int deepest = ancestors - 1;
        long zoomTotal = tree.total(zoom);
        if (zoomTotal > 0 && width >= MIN_WIDTH) {
            double scale = width / zoomTotal;
            int sp = 0;
            push(sp++, zoom, 0);
            while (sp > 0) {
                int node = pending[--sp];
                double x = pendingX[sp];
                add(node, x, tree.total(node) * scale);
                deepest = Math.max(deepest, tree.depth(node));
                // Children are pushed left to right and then reversed, so that each row is drawn left to right.
                int first = sp;
                double cx = x;
                for (int i = 0, n = tree.childCount(node); i < n; i++) {
                    int c = tree.child(node, i);
                    double cw = tree.total(c) * scale;
                    if (cw >= MIN_WIDTH) {
                        push(sp++, c, cx);
                    }
                    cx += cw;
                }
                reverse(first, sp - 1);
            }
        }
        rowCount = deepest + 1;
        for (int i = 0; i < size; i++) {
            ys[i] = rowTop(tree.depth(nodes[i]));
        }
    }

    /** Number of frames laid out. */
    int size() {
        return size;
    }

    /** Frames {@code 0 .. ancestorCount() - 1} are the zoom root's ancestors, root first. */
    int ancestorCount() {
        return ancestors;
    }

    int node(int i) {
        return nodes[i];
    }

    double x(int i) {
        return xs[i];
    }

    double y(int i) {
        return ys[i];
    }

    double width(int i) {
        return widths[i];
    }

    /** Rows from the root to the deepest frame laid out. */
    int rowCount() {
        return rowCount;
    }

    double height() {
        return rowCount * rowHeight;
    }

    /**
     * The node drawn at content coordinates ({@code px}, {@code py}), or -1. Walks down from the zoom root
     * with the same arithmetic as the layout, so it agrees with what was drawn without searching the arrays.
     */
    int hitTest(double px, double py) {
        if (tree == null || px < 0 || px >= width || py < 0 || py >= height()) {
            return -1;
        }
        int line = (int) (py / rowHeight);
        int depth = flame ? rowCount - 1 - line : line;
        int zoomDepth = tree.depth(zoom);
        if (depth < zoomDepth) {
            int a = zoom;
            while (tree.depth(a) > depth) {
                a = tree.parent(a);
            }
            return a;
        }
        long zoomTotal = tree.total(zoom);
        if (zoomTotal <= 0) {
            return -1;
        }
        double scale = width / zoomTotal;
        int node = zoom;
        double x = 0;
        for (int d = zoomDepth; d < depth; d++) {
            int next = -1;
            double cx = x;
            for (int i = 0, n = tree.childCount(node); i < n && cx <= px; i++) {
                int c = tree.child(node, i);
                double cw = tree.total(c) * scale;
                if (px < cx + cw) {
                    next = cw >= MIN_WIDTH ? c : -1;
                    break;
                }
                cx += cw;
            }
            if (next < 0) {
                return -1;
            }
            node = next;
            x = cx;
        }
        return tree.total(node) * scale >= MIN_WIDTH ? node : -1;
    }

    /** Content y of the row of frames at {@code depth}. */
    double rowTop(int depth) {
        return (flame ? rowCount - 1 - depth : depth) * rowHeight;
    }

    private void add(int node, double x, double w) {
        if (size == nodes.length) {
            int n = size * 2;
            nodes = Arrays.copyOf(nodes, n);
            xs = Arrays.copyOf(xs, n);
            ys = Arrays.copyOf(ys, n);
            widths = Arrays.copyOf(widths, n);
        }
        nodes[size] = node;
        xs[size] = x;
        widths[size] = w;
        size++;
    }

    private void push(int at, int node, double x) {
        if (at == pending.length) {
            pending = Arrays.copyOf(pending, at * 2);
            pendingX = Arrays.copyOf(pendingX, at * 2);
        }
        pending[at] = node;
        pendingX[at] = x;
    }

    private void reverse(int from, int to) {
        for (; from < to; from++, to--) {
            int n = pending[from];
            pending[from] = pending[to];
            pending[to] = n;
            double x = pendingX[from];
            pendingX[from] = pendingX[to];
            pendingX[to] = x;
        }
    }
}
