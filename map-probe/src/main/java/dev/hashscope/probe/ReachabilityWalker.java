package dev.hashscope.probe;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds hash tables reachable from static fields of loaded classes and from live threads (their own fields,
 * their Runnable, their thread-locals), breadth first so each table is named by a shortest path
 * ({@code com.acme.Registry.INSTANCE.sessions}). Bounded by an object budget and a time budget; every object
 * is visited once (identity), and a table reached through a wrapper and directly is reported once.
 *
 * <p>Path segments: {@code Class.field} for statics, {@code .field} for instance fields, {@code [i]} for array
 * elements, {@code {key}} / {@code {value}} for a table's entries, {@code Thread[name]} for a thread and
 * {@code .local(path of the ThreadLocal)} for its thread-local values. Reads fields without locks and never
 * calls application code (no hashCode, equals or toString).
 */
final class ReachabilityWalker {
    /** A table found at {@code name}. */
    record Found(String name, TableRef table) {
    }

    /**
     * Measures a table while the walk reads its entries, so each table is traversed once per scan; returns
     * true when the table was measured (the walk then does not traverse it again for its entries).
     */
    interface Measurer {
        boolean measure(Found table, NodeVisitor entries);
    }

    /** What one walk did. */
    record Stats(int objects, boolean budgetExhausted, long nanos) {
    }

    private static final int MAX_DEPTH = 16;
    private static final String OWN_PACKAGE = ReachabilityWalker.class.getPackageName() + ".";
    /** The probe's own classes (same package and jar): its caches and snapshots are not the program's. */
    private static final ClassValue<Boolean> OWN = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            if (!type.getName().startsWith(OWN_PACKAGE)) {
                return false;
            }
            try {
                return java.util.Objects.equals(type.getProtectionDomain().getCodeSource(),
                        ReachabilityWalker.class.getProtectionDomain().getCodeSource());
            } catch (RuntimeException e) {
                return true;
            }
        }
    };

    private final JdkTables tables;
    private final ClassInitialization init;
    private final ProbeOptions options;
    private final ClassValue<Field[]> instanceFields = new ClassValue<>() {
        @Override
        protected Field[] computeValue(Class<?> type) {
            return accessibleFields(type, false);
        }
    };
    private final ClassValue<Field[]> staticFields = new ClassValue<>() {
        @Override
        protected Field[] computeValue(Class<?> type) {
            return accessibleFields(type, true);
        }
    };
    private final ThreadFields threadFields = ThreadFields.find();

    private final class Path {
        final Path parent;
        final String segment;

        Path(Path parent, String segment) {
            this.parent = parent;
            this.segment = segment;
        }

        @Override
        public String toString() {
            if (parent == null) {
                return segment;
            }
            return parent + segment;
        }
    }

    private record Pending(Object object, Path path, int depth) {
    }

    // per walk
    private IdentityHashMap<Object, Boolean> visited;
    private IdentityHashMap<Object, Path> threadLocalNames;
    private ArrayDeque<Pending> queue;
    private List<Found> found;
    private int objects;
    private long deadline;
    private boolean exhausted;

    ReachabilityWalker(JdkTables tables, ClassInitialization init, ProbeOptions options) {
        this.tables = tables;
        this.init = init;
        this.options = options;
    }

    private Measurer measurer;

    List<Found> walk(Class<?>[] classes, Iterable<Thread> threads) {
        return walk(classes, threads, null);
    }

    /** Walks; {@code measurer} sees each table (first path first) before names are made unique. */
    List<Found> walk(Class<?>[] classes, Iterable<Thread> threads, Measurer measurer) {
        this.measurer = measurer;
        long start = System.nanoTime();
        visited = new IdentityHashMap<>();
        threadLocalNames = new IdentityHashMap<>();
        queue = new ArrayDeque<>();
        found = new ArrayList<>();
        objects = 0;
        exhausted = false;
        deadline = start + options.walkBudget().toNanos();
        for (Class<?> c : classes) {
            if (skipClass(c)) {
                continue;
            }
            for (Field f : staticFields.get(c)) {
                Object v;
                try {
                    v = f.get(null);
                } catch (IllegalAccessException | RuntimeException | LinkageError e) {
                    continue;
                }
                enqueue(v, new Path(null, c.getName() + "." + f.getName()), 0);
            }
        }
        drain();
        for (Thread t : threads) {
            if (t == null || visited.containsKey(t)) {
                continue;
            }
            visited.put(t, Boolean.TRUE);
            Path p = new Path(null, "Thread[" + t.getName() + "]");
            for (Class<?> c = t.getClass(); c != Thread.class && c != null; c = c.getSuperclass()) {
                for (Field f : instanceFields.get(c)) {
                    if (f.getDeclaringClass() == c) {
                        enqueue(read(f, t), new Path(p, "." + f.getName()), 1);
                    }
                }
            }
            enqueue(threadFields.task(t), new Path(p, ".target"), 1);
            threadFields.forEachLocal(t, (local, value) -> {
                Path named = threadLocalNames.get(local);
                String label = named != null ? named.toString() : local == null ? "?" : local.getClass().getName();
                enqueue(value, new Path(p, ".local(" + label + ")"), 1);
            });
        }
        drain();
        List<Found> result = uniqueNames(found);
        found = null;
        visited = null;
        queue = null;
        threadLocalNames = null;
        this.measurer = null;
        lastStats = new Stats(objects, exhausted, System.nanoTime() - start);
        return result;
    }

    private Stats lastStats = new Stats(0, false, 0);

    Stats lastStats() {
        return lastStats;
    }

    private boolean skipClass(Class<?> c) {
        if (c.isArray() || c.isPrimitive()) {
            return true;
        }
        if (OWN.get(c)) {
            return true;
        }
        String n = c.getName();
        if (!options.includeJdk() && (n.startsWith("java.") || n.startsWith("jdk.") || n.startsWith("sun.")
                || n.startsWith("com.sun.") || n.startsWith("javax."))) {
            return true;
        }
        return !init.isInitialized(c);
    }

    private void enqueue(Object o, Path path, int depth) {
        if (o == null || depth > MAX_DEPTH || isLeaf(o) || visited.containsKey(o)) {
            return;
        }
        if (objects + queue.size() >= options.maxObjects()) {
            exhausted = true;
            return;
        }
        queue.add(new Pending(o, path, depth));
    }

    private void drain() {
        Pending p;
        while ((p = queue.poll()) != null) {
            if ((objects & 63) == 0 && System.nanoTime() > deadline) {
                exhausted = true;
                queue.clear();
                return;
            }
            Object o = p.object();
            if (visited.put(o, Boolean.TRUE) != null) {
                continue;
            }
            objects++;
            visit(o, p.path(), p.depth());
        }
    }

    private void visit(Object o, Path path, int depth) {
        if (o instanceof ThreadLocal) {
            threadLocalNames.putIfAbsent(o, path);
        }
        TableRef table = tables.recognize(o);
        if (table != null) {
            if (table.owner() != o && visited.put(table.owner(), Boolean.TRUE) != null) {
                return; // the same table, already found without this wrapper
            }
            Found f = new Found(path.toString(), table);
            found.add(f);
            NodeVisitor entries = entryVisitor(path, depth);
            if (measurer == null || !measurer.measure(f, entries)) {
                try {
                    tables.traverse(table, entries);
                } catch (RaceDetected e) {
                    // entries changed under us: what was enqueued so far is still reachable
                }
            }
            return;
        }
        Class<?> c = o.getClass();
        if (c.isArray()) {
            if (c.getComponentType().isPrimitive()) {
                return;
            }
            int n = Array.getLength(o);
            Object[] a = (Object[]) o;
            for (int i = 0; i < n && !exhausted; i++) {
                enqueue(a[i], new Path(path, "[" + i + "]"), depth + 1);
            }
            return;
        }
        for (Field f : instanceFields.get(c)) {
            enqueue(read(f, o), new Path(path, "." + f.getName()), depth + 1);
        }
    }

    private NodeVisitor entryVisitor(Path path, int depth) {
        Path keys = new Path(path, "{key}");
        Path values = new Path(path, "{value}");
        return new NodeVisitor() {
            @Override
            public boolean wantsValues() {
                return true;
            }

            @Override
            public void node(int hash, Object key, Object value) {
                if (!exhausted) {
                    enqueue(key, keys, depth + 1);
                    enqueue(value, values, depth + 1);
                }
            }

            @Override
            public void bucketEnd(int index, int length, boolean tree) {
            }
        };
    }

    private static Object read(Field f, Object o) {
        try {
            return f.get(o);
        } catch (IllegalAccessException | RuntimeException e) {
            return null;
        }
    }

    /** Objects that cannot lead to a table, or that belong to the runtime rather than the program. */
    private static boolean isLeaf(Object o) {
        if (o instanceof String || o instanceof Number || o instanceof Boolean || o instanceof Character
                || o instanceof Class || o instanceof ClassLoader || o instanceof Thread
                || o instanceof Module || o instanceof ThreadGroup) {
            return true;
        }
        Class<?> c = o.getClass();
        if (c.isArray()) {
            return c.getComponentType().isPrimitive();
        }
        String n = c.getName();
        return n.startsWith("java.lang.reflect.") || n.startsWith("java.lang.invoke.") || OWN.get(c)
                || n.startsWith("jdk.internal.") || n.startsWith("sun.");
    }

    private static Field[] accessibleFields(Class<?> type, boolean statics) {
        List<Field> out = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = statics ? null : c.getSuperclass()) {
            Field[] declared;
            try {
                declared = c.getDeclaredFields();
            } catch (RuntimeException | LinkageError e) {
                continue; // a field's type could not be loaded: skip this class's fields
            }
            for (Field f : declared) {
                if (Modifier.isStatic(f.getModifiers()) != statics || f.getType().isPrimitive()) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                    out.add(f);
                } catch (RuntimeException e) {
                    // a package not open to the probe: not walked
                }
            }
        }
        return out.toArray(new Field[0]);
    }

    private static List<Found> uniqueNames(List<Found> found) {
        Map<String, Integer> seen = new HashMap<>();
        List<Found> out = new ArrayList<>(found.size());
        for (Found f : found) {
            int n = seen.merge(f.name(), 1, Integer::sum);
            out.add(n == 1 ? f : new Found(f.name() + "#" + n, f.table()));
        }
        return out;
    }
}
