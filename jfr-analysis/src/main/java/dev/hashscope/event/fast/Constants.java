package dev.hashscope.event.fast;

import dev.hashscope.util.LongObjectMap;

import dev.hashscope.event.ClassNames;
import java.io.IOException;

/**
 * The resolved constants of one chunk, decoded on first use and kept per key. Follows the JDK's pools
 * exactly, quirks included, so that both readers see the same objects:
 * <ul>
 *   <li>a key that the previous chunk's pool of the same type also listed keeps the previous chunk's
 *       object ({@code ConstantLookup.getPreviousResolved}): a renamed thread keeps its old name while it
 *       is listed in consecutive chunks; those objects are {@link #carryFrom carried} when a chunk starts;</li>
 *   <li>a reference to a key the pool does not list is {@code null}.</li>
 * </ul>
 * Only the parsing thread uses an instance, in file order; the objects it makes are then handed to the
 * delivering thread, which alone touches their {@code symbol} fields.
 */
final class Constants {
    static final int UNSEEN = Integer.MIN_VALUE;
    private static final Object NULL = new Object();
    private static final Object OTHER = new Object();

    /** What the constants events refer to have: their place in a chunk's object table ({@link ChunkDecoder.Chunk}). */
    abstract static class Shared {
        /** The chunk whose table holds this object at {@link #tableIndex}; parser thread only. */
        int tableChunk = -1;
        int tableIndex;
    }

    /** A {@code java.lang.Thread} constant: what {@code JdkRecordingReader} interns of a RecordedThread. */
    static final class ThreadObj extends Shared {
        final long key;
        final String name;
        int symbol = UNSEEN;

        ThreadObj(long key, String name) {
            this.key = key;
            this.name = name;
        }
    }

    /** A {@code java.lang.Class} constant; {@code name} is null when the recording has none. */
    static final class ClassObj extends Shared {
        final String name;
        int symbol = UNSEEN;

        ClassObj(String rawName) {
            this.name = rawName == null ? null : ClassNames.normalize(rawName.replace("/", "."));
        }

        String nameOrFail() {
            if (name == null) {
                throw new IllegalStateException("class constant without a name");
            }
            return name;
        }
    }

    /** A {@code jdk.types.Method} constant. */
    static final class MethodObj {
        final ClassObj type;
        final String name;
        int symbol = UNSEEN;

        MethodObj(ClassObj type, String name) {
            this.type = type;
            this.name = name;
        }
    }

    /**
     * A {@code jdk.types.StackTrace} constant, decoded by the parsing thread; the delivering thread interns it
     * (and then drops the frames).
     */
    static final class StackObj extends Shared {
        boolean truncated;
        MethodObj[] methods;
        int[] lines;
        String[] types;
        int symbol = UNSEEN;
    }

    final Metadata metadata;
    final ConstantPools pools;
    final boolean metadataRebuilt;
    private final ChunkInput in;
    /** Resolved values per pool type: small type ids (all the JDK's) by index, others by map. */
    private Memo[] memoByType = new Memo[64];
    private final LongObjectMap<Memo> memoByLargeType = new LongObjectMap<>(4);
    private final LongObjectMap<LongObjectMap<Object>> carried = new LongObjectMap<>(32);
    private final Metadata.Type stringType;
    private int depth;

    Constants(ChunkInput in, Metadata metadata, ConstantPools pools, boolean metadataRebuilt) {
        this.in = in;
        this.metadata = metadata;
        this.pools = pools;
        this.metadataRebuilt = metadataRebuilt;
        this.stringType = metadata.byName.get("java.lang.String");
    }

    /** Only constants of these types are ever resolved, so only they are carried from chunk to chunk. */
    private static boolean resolvable(Metadata.Type t) {
        return switch (t.name) {
            case "java.lang.Thread", "java.lang.Class", "jdk.types.Method", "jdk.types.StackTrace",
                    "java.lang.String" -> true;
            default -> t.fields.length > 0 && t.isSimple();
        };
    }

    /**
     * Takes over the previous chunk's objects for every key both chunks list, as the JDK does when it
     * fills a chunk's pools. The JDK makes a new {@code java.lang.String} pool when it rebuilds its
     * parsers for new metadata, so strings are not carried then.
     */
    void carryFrom(Constants previous) throws IOException {
        IOException[] failure = new IOException[1];
        pools.byType.forEach((typeId, keys) -> {
            Metadata.Type t = metadata.type(typeId);
            if (t == null || !resolvable(t) || failure[0] != null) {
                return;
            }
            if (metadataRebuilt && stringType != null && typeId == stringType.id) {
                return;
            }
            LongIntMap before = previous.pools.pool(typeId);
            if (before == null) {
                return;
            }
            keys.forEachKey(key -> {
                if (failure[0] != null || !before.containsKey(key)) {
                    return;
                }
                try {
                    Object v = previous.value(typeId, key);
                    if (v != null) {
                        LongObjectMap<Object> m = carried.get(typeId);
                        if (m == null) {
                            m = new LongObjectMap<>(keys.size());
                            carried.put(typeId, m);
                        }
                        m.put(key, v);
                    }
                } catch (IOException e) {
                    failure[0] = e;
                }
            });
        });
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    /** The constant {@code key} of pool {@code typeId}: a *Obj, a String, another object, or null. */
    Object value(long typeId, long key) throws IOException {
        Memo m = memo(typeId);
        Object v = m.get(key);
        if (v == null) {
            v = resolve(typeId, key);
            m.put(key, v == null ? NULL : v);
            return v;
        }
        return v == NULL ? null : v;
    }

    private Memo memo(long typeId) {
        if (typeId >= 0 && typeId < 4096) {
            int t = (int) typeId;
            if (t >= memoByType.length) {
                memoByType = java.util.Arrays.copyOf(memoByType, Math.max(t + 1, memoByType.length * 2));
            }
            Memo m = memoByType[t];
            if (m == null) {
                m = memoByType[t] = Memo.of(pools.pool(typeId));
            }
            return m;
        }
        Memo m = memoByLargeType.get(typeId);
        if (m == null) {
            m = Memo.of(pools.pool(typeId));
            memoByLargeType.put(typeId, m);
        }
        return m;
    }

    /**
     * Resolved constants of one pool by key. The JDK numbers stack traces, threads and (shifted) classes
     * densely, so a pool's keys usually fill most of their range: then one array indexed by the key, where a
     * hash map cost two cache misses per lookup on the parser's hottest path.
     */
    static final class Memo {
        private final long min;
        private final int shift;
        private final Object[] dense;
        private final LongObjectMap<Object> sparse;

        private Memo(long min, int shift, Object[] dense, LongObjectMap<Object> sparse) {
            this.min = min;
            this.shift = shift;
            this.dense = dense;
            this.sparse = sparse;
        }

        static Memo of(LongIntMap pool) {
            if (pool == null || pool.size() == 0) {
                return new Memo(0, 0, null, new LongObjectMap<>(8));
            }
            long[] stats = {Long.MAX_VALUE, Long.MIN_VALUE};
            pool.forEachKey(k -> {
                stats[0] = Math.min(stats[0], k);
                stats[1] = Math.max(stats[1], k);
            });
            long min = stats[0];
            long[] bits = {0};
            pool.forEachKey(k -> bits[0] |= k - min);
            int shift = bits[0] == 0 ? 0 : Long.numberOfTrailingZeros(bits[0]);
            long range = ((stats[1] - min) >>> shift) + 1;
            if (range > 0 && range <= 4L * pool.size() + 64 && range <= 1 << 24) {
                return new Memo(min, shift, new Object[(int) range], null);
            }
            return new Memo(0, 0, null, new LongObjectMap<>(Math.min(pool.size(), 1 << 16)));
        }

        /** The index in {@link #dense} of a key of this pool, or -1 (a key the pool does not list). */
        private int index(long key) {
            long d = key - min;
            if (d < 0 || (d & ((1L << shift) - 1)) != 0) {
                return -1;
            }
            long i = d >>> shift;
            return i < dense.length ? (int) i : -1;
        }

        Object get(long key) {
            if (dense == null) {
                return sparse.get(key);
            }
            int i = index(key);
            return i < 0 ? null : dense[i];
        }

        /** Keeps {@code value}; a key outside the pool's range is not kept (it resolves to null anyway). */
        void put(long key, Object value) {
            if (dense == null) {
                sparse.put(key, value);
                return;
            }
            int i = index(key);
            if (i >= 0) {
                dense[i] = value;
            }
        }
    }

    /**
     * Decodes the constant {@code key} of pool {@code typeId}. One method on purpose (lookup and decode
     * together): it runs once per distinct constant, and above the JIT's inlining size limit it is compiled on
     * its own rather than copied into the per-event decoder (whose compiled code was 117 KB with it inlined).
     */
    private Object resolve(long typeId, long key) throws IOException {
        LongIntMap pool = pools.pool(typeId);
        int offset = pool == null ? LongIntMap.MISSING : pool.get(key);
        if (offset == LongIntMap.MISSING) {
            return null;
        }
        LongObjectMap<Object> c = carried.get(typeId);
        if (c != null) {
            Object v = c.get(key);
            if (v != null) {
                return v;
            }
        }
        Metadata.Type t = metadata.type(typeId);
        if (++depth > 32) {
            throw new IOException("constants nested too deeply (a cycle?) in pool " + t.name);
        }
        int saved = in.pos;
        try {
            in.pos = offset;
            switch (t.name) {
                case "java.lang.Thread":
                    return decodeThread(t);
                case "java.lang.Class":
                    return decodeClass(t);
                case "jdk.types.Method":
                    return decodeMethod(t);
                case "jdk.types.StackTrace":
                    return decodeStack(t);
                case "java.lang.String":
                    return inlineString();
                default:
                    if (t.fields.length > 0 && t.isSimple()) {
                        return simpleValue(t.fields[0]);
                    }
                    return OTHER;
            }
        } finally {
            in.pos = saved;
            depth--;
        }
    }

    private Object simpleValue(Metadata.Field f) throws IOException {
        if (f.array) {
            Values.skipField(in, f);
            return OTHER;
        }
        if (f.constantPool) {
            return value(f.typeId, in.readLong());
        }
        if (f.type.kind == Metadata.K_STRING) {
            return inlineString();
        }
        if (f.type.kind == Metadata.K_STRUCT && f.type.isSimple()) {
            return simpleValue(f.type.fields[0]);
        }
        Values.skipField(in, f);
        return OTHER;
    }

    /** An inline string; a reference into the {@code java.lang.String} pool is resolved. */
    String inlineString() throws IOException {
        String s = in.readString();
        if (s == ChunkInput.POOL_REFERENCE) {
            return stringConstant(in.lastPoolKey);
        }
        return s;
    }

    String stringConstant(long key) throws IOException {
        if (stringType == null) {
            return null;
        }
        return value(stringType.id, key) instanceof String s ? s : null;
    }

    /** A field read as {@code getTyped(name, String.class, null)} would: a string, or null. */
    private String stringField(Metadata.Field f) throws IOException {
        Object v = simpleValue(f);
        return v instanceof String s ? s : null;
    }

    private ThreadObj decodeThread(Metadata.Type t) throws IOException {
        String osName = null, javaName = null;
        long osThreadId = -1, javaThreadId = -1;
        for (Metadata.Field f : t.fields) {
            switch (f.name) {
                case "osName" -> osName = stringField(f);
                case "javaName" -> javaName = stringField(f);
                case "osThreadId" -> osThreadId = longOr(f, -1);
                case "javaThreadId" -> javaThreadId = longOr(f, -1);
                default -> Values.skipField(in, f);
            }
        }
        long key = javaThreadId > 0 ? javaThreadId : -1 - osThreadId;
        return new ThreadObj(key, javaName != null ? javaName : osName);
    }

    /** {@code getTyped(name, Long.class, dflt)}: only a plain {@code long} field yields its value. */
    private long longOr(Metadata.Field f, long dflt) throws IOException {
        if (!f.array && !f.constantPool && f.type.kind == Metadata.K_LONG) {
            return in.readLong();
        }
        Values.skipField(in, f);
        return dflt;
    }

    private ClassObj decodeClass(Metadata.Type t) throws IOException {
        String name = null;
        for (Metadata.Field f : t.fields) {
            if (f.name.equals("name")) {
                name = stringField(f);
            } else {
                Values.skipField(in, f);
            }
        }
        return new ClassObj(name);
    }

    private MethodObj decodeMethod(Metadata.Type t) throws IOException {
        ClassObj type = null;
        String name = null;
        for (Metadata.Field f : t.fields) {
            switch (f.name) {
                case "type" -> {
                    if (f.constantPool && !f.array) {
                        type = value(f.typeId, in.readLong()) instanceof ClassObj c ? c : null;
                    } else {
                        Values.skipField(in, f);
                    }
                }
                case "name" -> name = stringField(f);
                default -> Values.skipField(in, f);
            }
        }
        return new MethodObj(type, name);
    }

    /** Decodes a stack trace (the planner checked its frames are an inline array of frame structs). */
    private StackObj decodeStack(Metadata.Type t) throws IOException {
        StackObj s = new StackObj();
        boolean truncated = true;
        for (Metadata.Field f : t.fields) {
            switch (f.name) {
                case "truncated" -> {
                    if (!f.array && !f.constantPool && f.type.kind == Metadata.K_BOOLEAN) {
                        truncated = in.readByte() != 0;
                    } else {
                        Values.skipField(in, f);
                    }
                }
                case "frames" -> readFrames(f, s);
                default -> Values.skipField(in, f);
            }
        }
        s.truncated = truncated;
        if (s.methods == null) {
            s.methods = new MethodObj[0];
            s.lines = new int[0];
            s.types = new String[0];
        }
        return s;
    }

    private void readFrames(Metadata.Field f, StackObj s) throws IOException {
        int n = in.readInt();
        in.require(n, "Array");
        MethodObj[] methods = new MethodObj[n];
        int[] lines = new int[n];
        String[] types = new String[n];
        Metadata.Field[] frameFields = f.type.fields;
        for (int i = 0; i < n; i++) {
            int line = -1;
            for (Metadata.Field ff : frameFields) {
                switch (ff.name) {
                    case "method" -> {
                        if (ff.constantPool && !ff.array) {
                            methods[i] = value(ff.typeId, in.readLong()) instanceof MethodObj m ? m : null;
                        } else {
                            Values.skipField(in, ff);
                        }
                    }
                    case "lineNumber" -> {
                        if (!ff.array && !ff.constantPool && ff.type.kind == Metadata.K_INT) {
                            line = (int) in.readLong();
                        } else {
                            Values.skipField(in, ff);
                        }
                    }
                    case "type" -> types[i] = stringField(ff);
                    default -> Values.skipField(in, ff);
                }
            }
            lines[i] = line;
        }
        s.methods = methods;
        s.lines = lines;
        s.types = types;
    }
}
