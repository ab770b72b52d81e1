package dev.hashscope.app.flame;

import dev.hashscope.flame.FlameTree;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The frames of a tree whose name matches a search, and how much of the weight they account for. */
final class FlameSearch {
    private final FlameTree tree;
    private final BitSet matched;
    private final int count;

    private FlameSearch(FlameTree tree, BitSet matched) {
        this.tree = tree;
        this.matched = matched;
        this.count = matched.cardinality();
    }

    /**
     * Marks the frames of {@code tree} whose label contains a match of {@code query}; an empty query
     * matches nothing. The root ("all") is not a frame and never matches.
     */
    static FlameSearch run(FlameTree tree, String query) {
        BitSet matched = new BitSet(tree.nodeCount());
        if (query != null && !query.isEmpty()) {
            Pattern pattern = compile(query);
            // Methods recur at many call paths: test each distinct name once.
            Map<String, Boolean> byLabel = new HashMap<>();
            for (int n = 1; n < tree.nodeCount(); n++) {
                if (byLabel.computeIfAbsent(tree.label(n), l -> pattern.matcher(l).find())) {
                    matched.set(n);
                }
            }
        }
        return new FlameSearch(tree, matched);
    }

    /**
     * The query as a case-insensitive regex, or as literal text when it is not a valid regex: a half-typed
     * "HashMap$Node(" should still find something while the user is typing.
     */
    static Pattern compile(String query) {
        int flags = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        try {
            return Pattern.compile(query, flags);
        } catch (PatternSyntaxException e) {
            return Pattern.compile(Pattern.quote(query), flags);
        }
    }

    boolean matches(int node) {
        return matched.get(node);
    }

    /** Number of matching nodes in the whole tree. */
    int count() {
        return count;
    }

    /**
     * Weight under {@code from} (inclusive) spent in matching frames. A match inside a matching frame is
     * already part of that frame's total, so it is not added again.
     */
    long matchedWeight(int from) {
        if (count == 0) {
            return 0;
        }
        long sum = 0;
        int[] stack = new int[64];
        int sp = 0;
        stack[sp++] = from;
        while (sp > 0) {
            int node = stack[--sp];
            if (matched.get(node)) {
                sum += tree.total(node);
                continue;
            }
            int n = tree.childCount(node);
            if (sp + n > stack.length) {
                stack = Arrays.copyOf(stack, Math.max(sp + n, stack.length * 2));
            }
            for (int i = 0; i < n; i++) {
                stack[sp++] = tree.child(node, i);
            }
        }
        return sum;
    }

    /** {@link #matchedWeight} as a share of {@code from}'s total, 0 when it weighs nothing. */
    double matchedShare(int from) {
        long total = tree.total(from);
        return total > 0 ? (double) matchedWeight(from) / total : 0;
    }
}
