package dev.hashscope.probe;

import java.lang.ref.Reference;
import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the bucket arrays of the JDK's hash tables through reflection, racily: no lock of the table is taken
 * and nothing in the table is written. A chain that is longer than the table could hold, a forwarding node
 * (a ConcurrentHashMap resize in progress) or a field holding something unexpected is reported as
 * {@link RaceDetected}, never thrown into the application.
 *
 * <p>Needs {@code java.util} and {@code java.util.concurrent} open to this module ({@link ModuleAccess}).
 */
final class JdkTables {
    private static final int CHM_MOVED = -1;
    private static final int CHM_TREEBIN = -2;
    private static final int CHM_RESERVED = -3;
    /** ConcurrentHashMap's load factor is fixed (its constructor argument only sizes the initial table). */
    private static final float CHM_LOAD_FACTOR = 0.75f;

    private final Field hmTable, hmSize, hmLoadFactor;
    private final Chain hmChain;
    private final Class<?> hmTreeNode;
    private final Field hashSetMap;
    private final Field chmTable, chmNodeHash, chmTreeBinFirst;
    private final Chain chmChain;
    private final Class<?> chmTreeBin, chmKeySetView;
    private final Field chmViewMap;
    private final Field propertiesMap;
    private final Field htTable, htCount, htLoadFactor;
    private final Chain htChain;
    private final Field whmTable, whmSize, whmLoadFactor;
    private final Chain whmChain;
    private final Map<Class<?>, Field> wrapperFields = new HashMap<>();

    private JdkTables() throws ReflectiveOperationException {
        hmTable = field(HashMap.class, "table");
        hmSize = field(HashMap.class, "size");
        hmLoadFactor = field(HashMap.class, "loadFactor");
        Class<?> node = Class.forName("java.util.HashMap$Node");
        hmChain = new Chain(field(node, "hash"), field(node, "key"), field(node, "value"), field(node, "next"));
        hmTreeNode = Class.forName("java.util.HashMap$TreeNode");
        hashSetMap = field(HashSet.class, "map");
        chmTable = field(ConcurrentHashMap.class, "table");
        Class<?> chmNode = Class.forName("java.util.concurrent.ConcurrentHashMap$Node");
        chmNodeHash = field(chmNode, "hash");
        chmChain = new Chain(chmNodeHash, field(chmNode, "key"), field(chmNode, "val"), field(chmNode, "next"));
        chmTreeBin = Class.forName("java.util.concurrent.ConcurrentHashMap$TreeBin");
        chmTreeBinFirst = field(chmTreeBin, "first");
        chmKeySetView = ConcurrentHashMap.KeySetView.class;
        chmViewMap = field(Class.forName("java.util.concurrent.ConcurrentHashMap$CollectionView"), "map");
        propertiesMap = field(Properties.class, "map");
        htTable = field(Hashtable.class, "table");
        htCount = field(Hashtable.class, "count");
        htLoadFactor = field(Hashtable.class, "loadFactor");
        Class<?> htEntry = Class.forName("java.util.Hashtable$Entry");
        htChain = new Chain(field(htEntry, "hash"), field(htEntry, "key"), field(htEntry, "value"),
                field(htEntry, "next"));
        whmTable = field(WeakHashMap.class, "table");
        whmSize = field(WeakHashMap.class, "size");
        whmLoadFactor = field(WeakHashMap.class, "loadFactor");
        Class<?> whmEntry = Class.forName("java.util.WeakHashMap$Entry");
        whmChain = new Chain(field(whmEntry, "hash"), null, field(whmEntry, "value"), field(whmEntry, "next"));
    }

    /**
     * The fields of one layout's chain nodes. WeakHashMap's node is the key's weak reference: it has no key
     * field ({@code key} null), the key is the referent.
     */
    private record Chain(Field hash, Field key, Field value, Field next) {
        Object keyOf(Object node) throws IllegalAccessException {
            return key == null ? ((Reference<?>) node).get() : key.get(node);
        }
    }

    /** Resolves the fields; fails with the JDK's message when {@code java.util} is not open to this module. */
    static JdkTables open() throws ReflectiveOperationException {
        try {
            return new JdkTables();
        } catch (RuntimeException e) { // InaccessibleObjectException
            throw new ReflectiveOperationException(e.getMessage(), e);
        }
    }

    private static Field field(Class<?> c, String name) throws NoSuchFieldException {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }

    /**
     * The table behind {@code o} when it is one of the supported kinds (unwrapping sets, key-set views and
     * {@code Collections} wrappers), else {@code null}.
     */
    TableRef recognize(Object o) {
        StringBuilder wrappers = null;
        for (int depth = 0; depth < 4 && o != null; depth++) {
            Class<?> c = o.getClass();
            String kind = label(c);
            try {
                if (o instanceof Properties) {
                    return ref(wrappers, kind, propertiesMap.get(o), TableLayout.CONCURRENT);
                } else if (o instanceof HashMap) {
                    return ref(wrappers, kind, o, TableLayout.HASH_MAP);
                } else if (o instanceof HashSet) {
                    return ref(wrappers, kind, hashSetMap.get(o), TableLayout.HASH_MAP);
                } else if (o instanceof ConcurrentHashMap) {
                    return ref(wrappers, kind, o, TableLayout.CONCURRENT);
                } else if (c == chmKeySetView) {
                    return ref(wrappers, kind, chmViewMap.get(o), TableLayout.CONCURRENT);
                } else if (o instanceof Hashtable) {
                    return ref(wrappers, kind, o, TableLayout.HASHTABLE);
                } else if (o instanceof WeakHashMap) {
                    return ref(wrappers, kind, o, TableLayout.WEAK);
                }
                Field inner = wrapperField(c);
                if (inner == null) {
                    return null;
                }
                wrappers = (wrappers == null ? new StringBuilder() : wrappers).append(kind).append('>');
                o = inner.get(o);
            } catch (IllegalAccessException | RuntimeException e) {
                return null;
            }
        }
        return null;
    }

    private static TableRef ref(StringBuilder wrappers, String kind, Object owner, TableLayout layout) {
        if (owner == null) {
            return null;
        }
        return new TableRef(owner, layout, wrappers == null ? kind : wrappers + kind);
    }

    /** The delegate field of {@code Collections.synchronizedXxx/unmodifiableXxx/checkedXxx/newSetFromMap}. */
    private Field wrapperField(Class<?> c) {
        if (!c.getName().startsWith("java.util.Collections$")) {
            return null;
        }
        return wrapperFields.computeIfAbsent(c, k -> {
            for (Class<?> s = k; s != null && s != Object.class; s = s.getSuperclass()) {
                for (String name : new String[] {"m", "c", "s"}) {
                    try {
                        Field f = s.getDeclaredField(name);
                        if (!f.getType().isPrimitive()) {
                            f.setAccessible(true);
                            return f;
                        }
                    } catch (NoSuchFieldException | RuntimeException e) {
                        // next name or superclass
                    }
                }
            }
            return null;
        });
    }

    /** {@code HashMap}, {@code LinkedHashSet}, {@code Collections$SynchronizedMap}; application subclasses by name. */
    static String label(Class<?> c) {
        String n = c.getName();
        if (n.startsWith("java.util.concurrent.")) {
            return n.substring("java.util.concurrent.".length());
        } else if (n.startsWith("java.util.")) {
            return n.substring("java.util.".length());
        }
        for (Class<?> s = c.getSuperclass(); s != null; s = s.getSuperclass()) {
            if (s.getName().startsWith("java.util.")) {
                return n + "(" + label(s) + ")";
            }
        }
        return n;
    }

    static boolean isLinked(Object o) {
        return o instanceof LinkedHashMap || o instanceof LinkedHashSet;
    }

    /** The table's load factor (ConcurrentHashMap's is fixed at 0.75). */
    float loadFactor(TableRef ref) {
        try {
            return switch (ref.layout()) {
                case HASH_MAP -> hmLoadFactor.getFloat(ref.owner());
                case CONCURRENT -> CHM_LOAD_FACTOR;
                case HASHTABLE -> htLoadFactor.getFloat(ref.owner());
                case WEAK -> whmLoadFactor.getFloat(ref.owner());
            };
        } catch (IllegalAccessException e) {
            return Float.NaN;
        }
    }

    /** The table's own entry count, read without a lock (an estimate while writers run). */
    int sizeEstimate(TableRef ref) {
        try {
            return switch (ref.layout()) {
                case HASH_MAP -> hmSize.getInt(ref.owner());
                case CONCURRENT -> ((ConcurrentHashMap<?, ?>) ref.owner()).size(); // sums counters, lock-free
                case HASHTABLE -> htCount.getInt(ref.owner());
                case WEAK -> whmSize.getInt(ref.owner());
            };
        } catch (IllegalAccessException | RuntimeException e) {
            return 0;
        }
    }

    /** Capacity of the bucket array (0 before the first insert allocates it). */
    int capacity(TableRef ref) {
        Object[] tab = table(ref);
        return tab == null ? 0 : tab.length;
    }

    private Object[] table(TableRef ref) {
        try {
            return (Object[]) switch (ref.layout()) {
                case HASH_MAP -> hmTable.get(ref.owner());
                case CONCURRENT -> chmTable.get(ref.owner());
                case HASHTABLE -> htTable.get(ref.owner());
                case WEAK -> whmTable.get(ref.owner());
            };
        } catch (IllegalAccessException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Walks every bucket of one snapshot of the table's array, in index order, and returns its capacity.
     * The array reference is read once, so a concurrent resize leaves the walk on the old (consistent in
     * shape) array; chains longer than the entries the table could hold mean a writer got in the way.
     */
    int traverse(TableRef ref, NodeVisitor visitor) throws RaceDetected {
        Object[] tab = table(ref);
        if (tab == null) {
            return 0;
        }
        long budget = 2L * Math.max(sizeEstimate(ref), 0) + tab.length + 1024;
        boolean values = visitor.wantsValues();
        TableLayout layout = ref.layout();
        Chain chain = switch (layout) {
            case HASH_MAP -> hmChain;
            case CONCURRENT -> chmChain;
            case HASHTABLE -> htChain;
            case WEAK -> whmChain;
        };
        try {
            for (int i = 0; i < tab.length; i++) {
                Object e = tab[i];
                boolean tree = false;
                if (e != null && layout == TableLayout.HASH_MAP) {
                    tree = e.getClass() == hmTreeNode;
                } else if (e != null && layout == TableLayout.CONCURRENT) {
                    int h = chmNodeHash.getInt(e);
                    if (h == CHM_MOVED) {
                        throw RaceDetected.INSTANCE; // a resize is moving this bin
                    } else if (h == CHM_TREEBIN && e.getClass() == chmTreeBin) {
                        tree = true;
                        e = chmTreeBinFirst.get(e);
                    } else if (h == CHM_RESERVED) {
                        e = null; // computeIfAbsent placeholder: no entry yet
                    }
                }
                int len = 0;
                while (e != null) {
                    if (--budget < 0) {
                        throw RaceDetected.INSTANCE;
                    }
                    len++;
                    visitor.node(chain.hash.getInt(e), chain.keyOf(e), values ? chain.value.get(e) : null);
                    e = chain.next.get(e);
                }
                visitor.bucketEnd(i, len, tree);
            }
        } catch (IllegalAccessException | RuntimeException e) {
            throw RaceDetected.INSTANCE; // a field held something unexpected mid-write
        }
        return tab.length;
    }
}
