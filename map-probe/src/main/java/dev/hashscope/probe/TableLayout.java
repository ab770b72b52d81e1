package dev.hashscope.probe;

/** The four bucket-array layouts in {@code java.util}; every supported kind is one of them underneath. */
enum TableLayout {
    /** HashMap, LinkedHashMap, and the maps behind HashSet/LinkedHashSet: Node chains, TreeNode bins. */
    HASH_MAP,
    /** ConcurrentHashMap (and its key-set views, and Properties): Node chains, TreeBin bins, forwarding nodes. */
    CONCURRENT,
    /** Hashtable: Entry chains, index = (hash & 0x7FFFFFFF) % length. */
    HASHTABLE,
    /** WeakHashMap: Entry chains whose keys are weak referents. */
    WEAK
}
