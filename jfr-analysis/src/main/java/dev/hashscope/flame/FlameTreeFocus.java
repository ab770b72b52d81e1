package dev.hashscope.flame;

import dev.hashscope.event.FrameType;
import dev.hashscope.event.Symbols;
import java.util.Arrays;

/**
 * "Focus on this method": every path through one method, merged into a tree whose only top frame is that
 * method, so that callees reached from many callers add up in one place.
 *
 * <p>A path that passes through the method several times (recursion) counts once, from its outermost
 * occurrence, so the focused root weighs exactly the events whose stack contains the method.
 */
public final class FlameTreeFocus {
    private FlameTreeFocus() {
    }

    /**
     * The tree of the paths through {@code label} (as in {@link FlameTree#label}), rooted at "all" with the
     * method as its only child; an empty tree of the same kind when no frame has that label.
     *
     * <p>{@link FlameTree#eventCount()} of the result counts distinct call paths, not events: a tree does
     * not keep event counts per node, so the true number cannot be recovered from it.
     */
    public static FlameTree focus(FlameTree tree, String label) {
        Symbols symbols = new Symbols();
        StackWeights weights = new StackWeights();
        int[] methodOf = new int[tree.nodeCount()];
        Arrays.fill(methodOf, -1);
        int[] frames = new int[16];
        int[] pending = new int[16];
        int sp = 0;
        // The root is not a frame: a native method called "all" must not match it.
        for (int i = tree.childCount(tree.root()) - 1; i >= 0; i--) {
            pending = push(pending, sp++, tree.child(tree.root(), i));
        }
        int[] subtree = new int[16];
        while (sp > 0) {
            int occurrence = pending[--sp];
            if (!tree.label(occurrence).equals(label)) {
                for (int i = tree.childCount(occurrence) - 1; i >= 0; i--) {
                    pending = push(pending, sp++, tree.child(occurrence, i));
                }
                continue;
            }
            // Outermost occurrence: fold its whole subtree, recursive occurrences below it included.
            int ss = 0;
            subtree = push(subtree, ss++, occurrence);
            while (ss > 0) {
                int node = subtree[--ss];
                for (int i = 0; i < tree.childCount(node); i++) {
                    subtree = push(subtree, ss++, tree.child(node, i));
                }
                if (tree.self(node) == 0) {
                    continue;
                }
                int length = tree.depth(node) - tree.depth(occurrence) + 1;
                if (frames.length < length) {
                    frames = new int[Math.max(length, frames.length * 2)];
                }
                // JFR order: the top frame (this node) first, the focused method last.
                int k = 0;
                for (int n = node; k < length; n = tree.parent(n)) {
                    frames[k++] = symbols.frame(method(tree, n, symbols, methodOf), -1, FrameType.UNKNOWN);
                }
                weights.add(symbols.stack(frames, length, false), tree.self(node));
            }
        }
        return FlameTree.build(tree.kind(), weights, symbols);
    }

    private static int method(FlameTree tree, int node, Symbols symbols, int[] methodOf) {
        if (methodOf[node] < 0) {
            String className = tree.className(node);
            String label = tree.label(node);
            // Labels are "class.method", or just the name for frames without a class (native, synthetic).
            String name = className.isEmpty() ? label : label.substring(className.length() + 1);
            methodOf[node] = symbols.method(className, name);
        }
        return methodOf[node];
    }

    private static int[] push(int[] stack, int at, int value) {
        int[] s = at < stack.length ? stack : Arrays.copyOf(stack, stack.length * 2);
        s[at] = value;
        return s;
    }
}
