package dev.hashscope.flame;

import dev.hashscope.event.Symbols;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * An immutable call tree: node 0 is the root ("all"), each other node is a method called from its
 * parent's method. Every node has a total weight (itself and everything it called) and a self weight
 * (only where it was the top frame). Children are ordered by name, so output is stable.
 *
 * <p>Stored as flat arrays (about 40 bytes a node) so that trees of 100k+ nodes are cheap to keep
 * and to draw. Frames are merged by method (class + name), not by line: that is what a flame graph shows.
 */
public final class FlameTree {
    /** Label of the synthetic frame that collects events without a stack trace. */
    public static final String NO_STACK_LABEL = "[no_stack_trace]";
    /** Label of the synthetic frame placed under stacks the JVM cut at its depth limit. */
    public static final String TRUNCATED_LABEL = "[truncated]";
    static final int NO_STACK_METHOD = -2;
    static final int TRUNCATED_METHOD = -3;

    private final FlameKind kind;
    private final int[] parent;
    private final int[] method;
    private final int[] depth;
    private final long[] total;
    private final long[] self;
    private final int[] childStart;
    private final int[] childList;
    private final String[] labels;
    private final String[] classNames;
    private final long eventCount;

    private FlameTree(FlameKind kind, int[] parent, int[] method, int[] depth, long[] total, long[] self,
                      int[] childStart, int[] childList, String[] labels, String[] classNames, long eventCount) {
        this.kind = kind;
        this.parent = parent;
        this.method = method;
        this.depth = depth;
        this.total = total;
        this.self = self;
        this.childStart = childStart;
        this.childList = childList;
        this.labels = labels;
        this.classNames = classNames;
        this.eventCount = eventCount;
    }

    public FlameKind kind() {
        return kind;
    }

    public int root() {
        return 0;
    }

    public int nodeCount() {
        return parent.length;
    }

    /** Number of events folded into this tree. */
    public long eventCount() {
        return eventCount;
    }

    public int parent(int node) {
        return parent[node];
    }

    public int depth(int node) {
        return depth[node];
    }

    public long total(int node) {
        return total[node];
    }

    public long self(int node) {
        return self[node];
    }

    public int childCount(int node) {
        return childStart[node + 1] - childStart[node];
    }

    public int child(int node, int i) {
        return childList[childStart[node] + i];
    }

    /** {@code java.util.HashMap.resize}; "all" for the root. */
    public String label(int node) {
        return labels[node];
    }

    /** The frame's class ({@code java.util.HashMap}), or "" for the root, native and synthetic frames. */
    public String className(int node) {
        return classNames[node];
    }

    /** The method id in the recording's {@link Symbols}, or a negative number for the root and synthetic frames. */
    public int methodId(int node) {
        return method[node];
    }

    /** Labels from the root's child down to {@code node}. */
    public List<String> path(int node) {
        List<String> out = new ArrayList<>();
        for (int n = node; n > 0; n = parent[n]) {
            out.add(labels[n]);
        }
        java.util.Collections.reverse(out);
        return out;
    }

    /** An empty tree of the given kind. */
    public static FlameTree empty(FlameKind kind) {
        return build(kind, new StackWeights(), new Symbols());
    }

    /** Folds per-stack weights into a tree. */
    public static FlameTree build(FlameKind kind, StackWeights weights, Symbols symbols) {
        Builder b = new Builder();
        for (int s = 0; s < weights.stackLimit(); s++) {
            long w = weights.weight(s);
            if (weights.count(s) == 0) {
                continue;
            }
            int[] frames = symbols.stackFrames(s);
            int node = 0;
            b.total[0] += w;
            if (frames.length == 0 && !symbols.stackTruncated(s)) {
                // JVM-internal allocations can carry a stack trace with no Java frame at all.
                node = b.child(node, NO_STACK_METHOD);
                b.total[node] += w;
                b.self[node] += w;
                continue;
            }
            if (symbols.stackTruncated(s)) {
                node = b.child(node, TRUNCATED_METHOD);
                b.total[node] += w;
            }
            for (int i = frames.length - 1; i >= 0; i--) {
                node = b.child(node, symbols.frameMethod(frames[i]));
                b.total[node] += w;
            }
            b.self[node] += w;
        }
        if (weights.noStackCount() > 0) {
            b.total[0] += weights.noStackWeight();
            int node = b.child(0, NO_STACK_METHOD);
            b.total[node] += weights.noStackWeight();
            b.self[node] += weights.noStackWeight();
        }
        return b.finish(kind, symbols, weights.totalCount());
    }

    /** Mutable growth phase of a tree; {@link #finish} freezes it into arrays with sorted children. */
    private static final class Builder {
        int size = 1;
        int[] parent = {-1};
        int[] method = {-1};
        int[] depth = {0};
        long[] total = new long[1];
        long[] self = new long[1];
        /**
         * Child node by (parent node, method), open addressing on primitive arrays: building the four trees
         * of a large recording looks up one child per frame of every distinct stack (millions), and a boxed
         * key per lookup made that most of the build.
         */
        long[] childKeys = new long[1 << 12];
        int[] childIds = new int[1 << 12];
        int childCount;

        int child(int node, int m) {
            long key = ((long) node << 32) | (m & 0xffffffffL);
            int mask = childKeys.length - 1;
            int i = slot(key, mask);
            int found;
            while ((found = childIds[i]) != 0) {
                if (childKeys[i] == key) {
                    return found;
                }
                i = (i + 1) & mask;
            }
            if (size == parent.length) {
                int n = size * 2;
                parent = Arrays.copyOf(parent, n);
                method = Arrays.copyOf(method, n);
                depth = Arrays.copyOf(depth, n);
                total = Arrays.copyOf(total, n);
                self = Arrays.copyOf(self, n);
            }
            int id = size++;
            parent[id] = node;
            method[id] = m;
            depth[id] = depth[node] + 1;
            // Node ids start at 1 (0 is the root, never a child), so 0 marks a free slot.
            childKeys[i] = key;
            childIds[i] = id;
            if (++childCount * 2 > childKeys.length) {
                growChildren();
            }
            return id;
        }

        private static int slot(long key, int mask) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32)) & mask;
        }

        private void growChildren() {
            long[] oldKeys = childKeys;
            int[] oldIds = childIds;
            childKeys = new long[oldKeys.length * 2];
            childIds = new int[oldKeys.length * 2];
            int mask = childKeys.length - 1;
            for (int j = 0; j < oldKeys.length; j++) {
                if (oldIds[j] != 0) {
                    int i = slot(oldKeys[j], mask);
                    while (childIds[i] != 0) {
                        i = (i + 1) & mask;
                    }
                    childKeys[i] = oldKeys[j];
                    childIds[i] = oldIds[j];
                }
            }
        }

        FlameTree finish(FlameKind kind, Symbols symbols, long eventCount) {
            String[] labels = new String[size];
            String[] classes = new String[size];
            for (int i = 0; i < size; i++) {
                int m = method[i];
                if (m >= 0) {
                    labels[i] = symbols.methodLabel(m);
                    classes[i] = symbols.methodClass(m);
                } else {
                    labels[i] = m == -1 ? "all" : m == NO_STACK_METHOD ? NO_STACK_LABEL : TRUNCATED_LABEL;
                    classes[i] = "";
                }
            }
            // Children as a compressed sparse row: counts, prefix sums, then fill and sort each run by label.
            int[] start = new int[size + 1];
            for (int i = 1; i < size; i++) {
                start[parent[i] + 1]++;
            }
            for (int i = 0; i < size; i++) {
                start[i + 1] += start[i];
            }
            int[] fill = Arrays.copyOf(start, size);
            Integer[] list = new Integer[Math.max(0, size - 1)];
            for (int i = 1; i < size; i++) {
                list[fill[parent[i]]++] = i;
            }
            Comparator<Integer> byLabel = Comparator.comparing(n -> labels[n]);
            for (int i = 0; i < size; i++) {
                if (start[i + 1] - start[i] > 1) {
                    Arrays.sort(list, start[i], start[i + 1], byLabel);
                }
            }
            int[] childList = new int[list.length];
            for (int i = 0; i < list.length; i++) {
                childList[i] = list[i];
            }
            return new FlameTree(kind, Arrays.copyOf(parent, size), Arrays.copyOf(method, size),
                    Arrays.copyOf(depth, size), Arrays.copyOf(total, size), Arrays.copyOf(self, size), start,
                    childList, labels, classes, eventCount);
        }
    }
}
