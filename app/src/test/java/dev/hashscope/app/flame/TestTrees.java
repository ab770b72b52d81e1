package dev.hashscope.app.flame;

import dev.hashscope.event.FrameType;
import dev.hashscope.event.RecordingReader;
import dev.hashscope.event.Symbols;
import dev.hashscope.flame.EventFilter;
import dev.hashscope.flame.FlameKind;
import dev.hashscope.flame.FlameTree;
import dev.hashscope.flame.FlameTreeBuilder;
import dev.hashscope.flame.StackWeights;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/** Trees for tests and the benchmark: written stack by stack, read from a sample recording, or generated. */
final class TestTrees {
    private final Symbols symbols = new Symbols();
    private final StackWeights weights = new StackWeights();

    /** Adds an event of {@code weight} whose stack is given root first; names without a dot are native frames. */
    TestTrees add(long weight, String... rootFirst) {
        int[] frames = new int[rootFirst.length];
        for (int i = 0; i < rootFirst.length; i++) {
            frames[i] = frame(rootFirst[rootFirst.length - 1 - i]);
        }
        weights.add(symbols.stack(frames, frames.length, false), weight);
        return this;
    }

    FlameTree build(FlameKind kind) {
        return FlameTree.build(kind, weights, symbols);
    }

    private int frame(String name) {
        int dot = name.lastIndexOf('.');
        int m = dot < 0 ? symbols.method("", name) : symbols.method(name.substring(0, dot), name.substring(dot + 1));
        return symbols.frame(m, 1, FrameType.JIT_COMPILED);
    }

    /** The node reached from the root through children with these labels. */
    static int node(FlameTree tree, String... path) {
        int node = tree.root();
        for (String label : path) {
            int next = -1;
            for (int i = 0; i < tree.childCount(node); i++) {
                if (tree.label(tree.child(node, i)).equals(label)) {
                    next = tree.child(node, i);
                }
            }
            if (next < 0) {
                throw new AssertionError("no frame " + label + " under " + tree.label(node));
            }
            node = next;
        }
        return node;
    }

    /** A tree of {@code kind} from one of the committed recordings (tests run in the module directory). */
    static FlameTree recording(String name, FlameKind kind) throws Exception {
        FlameTreeBuilder builder = new FlameTreeBuilder(EventFilter.ALL);
        RecordingReader.standard().read(Path.of("../sample-recordings/recordings", name), builder);
        return builder.tree(kind);
    }

    /**
     * A deterministic random tree of at least {@code minNodes} nodes shaped like a busy server's profile: stacks
     * up to 54 frames deep (so that all rows fit 900 px), frames picked with a strong skew so that a few hot
     * paths reach deep while a long tail of rare frames branches off everywhere; JDK and map frames mixed in.
     */
    static FlameTree synthetic(int minNodes, long seed) {
        Random random = new Random(seed);
        TestTrees t = new TestTrees();
        String[] path = new String[54];
        while (true) {
            FlameTree tree = t.build(FlameKind.CPU);
            if (tree.nodeCount() >= minNodes) {
                return tree;
            }
            for (int s = 0; s < 2000; s++) {
                int depth = 5 + random.nextInt(path.length - 5);
                for (int d = 0; d < depth; d++) {
                    double r = random.nextDouble();
                    path[d] = name((int) (r * r * r * r * (1 + 6 * d)));
                }
                t.add(1 + random.nextInt(20), Arrays.copyOf(path, depth));
            }
        }
    }

    /**
     * The worst case for drawing: a tree of {@code fanOut}^{@code levels} leaves, each under a chain of
     * {@code chain} frames, all of equal weight, so every frame is as wide as {@code fanOut}^-levels of
     * the width and all of them are drawn when that is at least {@link FlameLayout#MIN_WIDTH}.
     */
    static FlameTree uniform(int fanOut, int levels, int chain) {
        TestTrees t = new TestTrees();
        int leaves = (int) Math.pow(fanOut, levels);
        String[] path = new String[levels + chain];
        for (int leaf = 0; leaf < leaves; leaf++) {
            for (int d = 0, k = leaf; d < levels; d++, k /= fanOut) {
                path[levels - 1 - d] = name(k % fanOut + d * fanOut);
            }
            for (int c = 0; c < chain; c++) {
                path[levels + c] = name(1000 + leaf % 97 + c);
            }
            t.add(1, path);
        }
        return t.build(FlameKind.CPU);
    }

    private static final String[] PACKAGES = {"com.acme.orders.", "com.acme.billing.", "java.util.",
            "java.util.concurrent.", "org.springframework.web.servlet.", "jdk.internal.misc."};
    private static final String[] CLASSES = {"OrderService", "Inventory", "HashMap", "ConcurrentHashMap",
            "DispatcherServlet", "Unsafe", "PriceCache", "Invoice", "ArrayList", "HandlerAdapter"};
    private static final String[] METHODS = {"run", "put", "get", "resize", "compute", "handle", "record",
            "lookup", "apply", "hash"};

    /** A frame name for {@code k}: its package, class and method cycle at different rates. */
    private static String name(int k) {
        String type = CLASSES[(k / 7) % CLASSES.length];
        return PACKAGES[k % PACKAGES.length] + type + (k < 10 ? "" : "$" + k) + "." + METHODS[(k / 3) % METHODS.length];
    }
}
