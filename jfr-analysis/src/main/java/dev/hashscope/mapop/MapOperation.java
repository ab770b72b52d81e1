package dev.hashscope.mapop;

import dev.hashscope.event.Symbols;

/**
 * What a stack is doing inside a map: the innermost map operation on the stack.
 *
 * @param kind          the map the caller called ({@code HashSet}, {@code Collections$SynchronizedMap}, ...)
 * @param implementation the map whose code does the work (a {@code HashSet} is a {@code HashMap} inside);
 *                      equal to {@code kind} for plain maps
 * @param operation     the public operation called ({@code put}, {@code computeIfAbsent}, ...)
 * @param phase         the expensive internal work under way, if any (resize, treeify, transfer, ...)
 * @param callback      code the map called back into: the key's {@code hashCode}/{@code equals}/
 *                      {@code compareTo}, or a mapping function
 * @param entryFrame    frame id of the map method the caller called
 * @param callSiteFrame frame id of the caller: the first frame outside the map implementation, the line to
 *                      fix; {@link Symbols#NONE} if the stack starts inside the map (truncated stacks)
 * @param callbackFrame frame id of the first frame the map called back into, or {@link Symbols#NONE}
 * @param enclosing     the map operation this one runs inside (e.g. a {@code HashMap.put} inside a
 *                      {@code ConcurrentHashMap.computeIfAbsent} mapping function), or null
 */
public record MapOperation(MapKind kind, MapKind implementation, Operation operation, Phase phase,
                           Callback callback, int entryFrame, int callSiteFrame, int callbackFrame,
                           MapOperation enclosing) {

    /** The public map methods, grouped by what they do to the table. */
    public enum Operation {
        GET, CONTAINS, PUT, PUT_IF_ABSENT, REMOVE, COMPUTE, COMPUTE_IF_ABSENT, COMPUTE_IF_PRESENT, MERGE,
        PUT_ALL, COPY, CONSTRUCT, CLEAR, ITERATE, REPLACE, SIZE, OTHER;

        /** As a method name: {@code COMPUTE_IF_ABSENT} to {@code computeIfAbsent}. */
        public String camelCase() {
            StringBuilder sb = new StringBuilder();
            for (String part : name().toLowerCase(java.util.Locale.ROOT).split("_")) {
                sb.append(sb.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
            }
            return sb.toString();
        }
    }

    /** Internal work of the map implementation, the expensive parts that detectors look for. */
    public enum Phase {
        /** A plain bucket operation. */
        NONE,
        /** {@code ConcurrentHashMap.initTable}: allocating the first table, once per map; not a resize. */
        INIT_TABLE,
        /** {@code ConcurrentHashMap.addCount}/{@code fullAddCount}: the size counter. */
        COUNT,
        /** Red-black tree work in a treeified bin: {@code putTreeVal}, {@code find}, {@code TreeBin} locking. */
        TREE_BIN,
        /** Turning a long chain into a tree: {@code treeifyBin}, {@code treeify}, {@code TreeBin.<init>}. */
        TREEIFY,
        /** Growing the table: {@code HashMap.resize}, {@code Hashtable.rehash}, {@code tryPresize}. */
        RESIZE,
        /** Copying bins to a new table: {@code ConcurrentHashMap.transfer}. */
        TRANSFER,
        /** A writer helping a resize in progress: {@code ConcurrentHashMap.helpTransfer}. */
        HELP_TRANSFER
    }

    /** What kind of code the map called back into. */
    public enum Callback {
        NONE, HASH_CODE, EQUALS, COMPARE, FUNCTION
    }

    /** The outermost map operation on the stack (this one if it is not nested). */
    public MapOperation outermost() {
        MapOperation op = this;
        while (op.enclosing != null) {
            op = op.enclosing;
        }
        return op;
    }
}
