package dev.hashscope.mapop;

import dev.hashscope.event.Symbols;
import dev.hashscope.mapop.MapOperation.Callback;
import dev.hashscope.mapop.MapOperation.Operation;
import dev.hashscope.mapop.MapOperation.Phase;
import java.util.Arrays;
import java.util.Map;

/**
 * Tells, for an interned stack, whether it runs inside a map operation, which map, which operation,
 * what internal work, and the user's call site. Results are cached per stack id, so classifying every
 * event of a recording costs one array lookup per event after the first sight of each stack.
 *
 * <p>Not thread-safe: one classifier per reader run (it grows with the run's {@link Symbols}).
 */
public final class MapOperationClassifier {
    private static final MapOperation NOT_A_MAP_OPERATION =
            new MapOperation(null, null, null, null, null, -1, -1, -1, null);
    private static final Map<String, Operation> OPERATIONS = Map.ofEntries(
            Map.entry("get", Operation.GET), Map.entry("getOrDefault", Operation.GET),
            Map.entry("getNode", Operation.GET), Map.entry("getEntry", Operation.GET),
            Map.entry("containsKey", Operation.CONTAINS), Map.entry("containsValue", Operation.CONTAINS),
            Map.entry("contains", Operation.CONTAINS),
            Map.entry("put", Operation.PUT), Map.entry("putVal", Operation.PUT), Map.entry("add", Operation.PUT),
            Map.entry("putIfAbsent", Operation.PUT_IF_ABSENT),
            Map.entry("remove", Operation.REMOVE), Map.entry("removeNode", Operation.REMOVE),
            Map.entry("removeIf", Operation.REMOVE), Map.entry("retainAll", Operation.REMOVE),
            Map.entry("compute", Operation.COMPUTE), Map.entry("computeIfAbsent", Operation.COMPUTE_IF_ABSENT),
            Map.entry("computeIfPresent", Operation.COMPUTE_IF_PRESENT), Map.entry("merge", Operation.MERGE),
            Map.entry("putAll", Operation.PUT_ALL), Map.entry("addAll", Operation.PUT_ALL),
            Map.entry("putMapEntries", Operation.PUT_ALL),
            Map.entry("copyOf", Operation.COPY), Map.entry("clone", Operation.COPY),
            Map.entry("ofEntries", Operation.CONSTRUCT), Map.entry("of", Operation.CONSTRUCT),
            Map.entry("clear", Operation.CLEAR),
            Map.entry("forEach", Operation.ITERATE), Map.entry("iterator", Operation.ITERATE),
            Map.entry("next", Operation.ITERATE), Map.entry("nextNode", Operation.ITERATE),
            Map.entry("hasNext", Operation.ITERATE), Map.entry("advance", Operation.ITERATE),
            Map.entry("forEachRemaining", Operation.ITERATE), Map.entry("tryAdvance", Operation.ITERATE),
            Map.entry("keySet", Operation.ITERATE), Map.entry("entrySet", Operation.ITERATE),
            Map.entry("values", Operation.ITERATE), Map.entry("keys", Operation.ITERATE),
            Map.entry("elements", Operation.ITERATE),
            Map.entry("replace", Operation.REPLACE), Map.entry("replaceAll", Operation.REPLACE),
            Map.entry("size", Operation.SIZE), Map.entry("isEmpty", Operation.SIZE),
            Map.entry("mappingCount", Operation.SIZE), Map.entry("sumCount", Operation.SIZE));
    private static final Map<String, Phase> PHASES = Map.ofEntries(
            Map.entry("addCount", Phase.COUNT), Map.entry("fullAddCount", Phase.COUNT),
            Map.entry("putTreeVal", Phase.TREE_BIN), Map.entry("find", Phase.TREE_BIN),
            Map.entry("findTreeNode", Phase.TREE_BIN), Map.entry("getTreeNode", Phase.TREE_BIN),
            Map.entry("removeTreeNode", Phase.TREE_BIN), Map.entry("lockRoot", Phase.TREE_BIN),
            Map.entry("contendedLock", Phase.TREE_BIN), Map.entry("balanceInsertion", Phase.TREE_BIN),
            Map.entry("balanceDeletion", Phase.TREE_BIN), Map.entry("tieBreakOrder", Phase.TREE_BIN),
            Map.entry("split", Phase.TREE_BIN), Map.entry("untreeify", Phase.TREE_BIN),
            Map.entry("treeifyBin", Phase.TREEIFY), Map.entry("treeify", Phase.TREEIFY),
            Map.entry("resize", Phase.RESIZE), Map.entry("rehash", Phase.RESIZE),
            Map.entry("tryPresize", Phase.RESIZE), Map.entry("initTable", Phase.INIT_TABLE),
            Map.entry("transfer", Phase.TRANSFER), Map.entry("helpTransfer", Phase.HELP_TRANSFER));

    private final Symbols symbols;
    private MapOperation[] byStack = new MapOperation[0];
    /** Per method id: the map kind of its class, or null; resolved lazily. */
    private MapKind[] kindByMethod = new MapKind[0];
    private boolean[] kindResolved = new boolean[0];

    public MapOperationClassifier(Symbols symbols) {
        this.symbols = symbols;
    }

    /** The innermost map operation of stack {@code stack}, or null if the stack runs no map code. */
    public MapOperation classify(int stack) {
        if (stack < 0) {
            return null;
        }
        if (stack >= byStack.length) {
            byStack = Arrays.copyOf(byStack, Math.max(stack + 1, byStack.length * 2));
        }
        MapOperation op = byStack[stack];
        if (op == null) {
            op = classifyFrames(symbols.stackFrames(stack), 0);
            byStack[stack] = op == null ? NOT_A_MAP_OPERATION : op;
        }
        return op == NOT_A_MAP_OPERATION ? null : op;
    }

    /** True if the method with this id belongs to a map implementation. */
    public boolean isMapMethod(int method) {
        return kindOfMethod(method) != null;
    }

    /**
     * Classifies {@code frames} (top first) looking from index {@code from} towards the root: the first
     * run of map frames found is the operation; its bottom frame is the entry, the frame below the entry
     * is the call site, and the frame above the run (if any) is what the map called back into.
     */
    private MapOperation classifyFrames(int[] frames, int from) {
        int top = from;
        while (top < frames.length && kindOfFrame(frames[top]) == null) {
            top++;
        }
        if (top == frames.length) {
            return null;
        }
        int entry = top;
        while (entry + 1 < frames.length && kindOfFrame(frames[entry + 1]) != null) {
            entry++;
        }
        MapKind kind = concreteKind(frames, entry, top);
        MapKind implementation = kindOfFrame(frames[top]) == MapKind.ABSTRACT_MAP ? kind : kindOfFrame(frames[top]);
        Phase phase = Phase.NONE;
        boolean copies = false;
        for (int i = entry; i >= top; i--) {
            String name = symbols.methodName(symbols.frameMethod(frames[i]));
            Phase p = PHASES.get(name);
            // "split" and "find" are phases only on the tree classes; elsewhere they are plain names.
            if (p == Phase.TREE_BIN && !isTreeClass(frames[i])) {
                p = null;
            }
            if (p != null && p.ordinal() > phase.ordinal()) {
                phase = p;
            }
            if (name.equals("putMapEntries")) {
                copies = true;
            }
        }
        Operation operation = operation(frames, entry, top, copies);
        Callback callback = Callback.NONE;
        int callbackFrame = Symbols.NONE;
        if (top > from) {
            callbackFrame = frames[top - 1];
            callback = callback(symbols.methodName(symbols.frameMethod(callbackFrame)));
        }
        int callSite = entry + 1 < frames.length ? frames[entry + 1] : Symbols.NONE;
        MapOperation enclosing = entry + 1 < frames.length ? classifyFrames(frames, entry + 1) : null;
        return new MapOperation(kind, implementation, operation, phase, callback, frames[entry], callSite,
                callbackFrame, enclosing);
    }

    /** The kind the caller called; {@code AbstractMap}/{@code Map} default methods defer to the concrete map above. */
    private MapKind concreteKind(int[] frames, int entry, int top) {
        for (int i = entry; i >= top; i--) {
            MapKind k = kindOfFrame(frames[i]);
            if (k != MapKind.ABSTRACT_MAP) {
                return k;
            }
        }
        return MapKind.ABSTRACT_MAP;
    }

    private Operation operation(int[] frames, int entry, int top, boolean copies) {
        // Wrappers and defaults delegate (SynchronizedMap.put -> HashMap.put): the entry frame names it,
        // unless the entry is a constructor, whose work the frames above it tell.
        String name = symbols.methodName(symbols.frameMethod(frames[entry]));
        if (name.equals("<init>")) {
            return copies ? Operation.COPY : Operation.CONSTRUCT;
        }
        if (name.equals("copyOf") || name.equals("clone")) {
            return Operation.COPY;
        }
        Operation op = OPERATIONS.get(name);
        for (int i = entry - 1; op == null && i >= top; i--) {
            op = OPERATIONS.get(symbols.methodName(symbols.frameMethod(frames[i])));
        }
        return op == null ? Operation.OTHER : op;
    }

    private static Callback callback(String method) {
        return switch (method) {
            case "hashCode" -> Callback.HASH_CODE;
            case "equals" -> Callback.EQUALS;
            case "compareTo", "compare" -> Callback.COMPARE;
            default -> Callback.FUNCTION;
        };
    }

    private boolean isTreeClass(int frame) {
        String c = symbols.methodClass(symbols.frameMethod(frame));
        return c.endsWith("$TreeNode") || c.endsWith("$TreeBin");
    }

    private MapKind kindOfFrame(int frame) {
        return kindOfMethod(symbols.frameMethod(frame));
    }

    private MapKind kindOfMethod(int method) {
        if (method >= kindResolved.length) {
            int n = Math.max(method + 1, kindResolved.length * 2);
            kindByMethod = Arrays.copyOf(kindByMethod, n);
            kindResolved = Arrays.copyOf(kindResolved, n);
        }
        if (!kindResolved[method]) {
            kindByMethod[method] = MapKind.ofClass(symbols.methodClass(method));
            kindResolved[method] = true;
        }
        return kindByMethod[method];
    }
}
