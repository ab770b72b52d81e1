package dev.hashscope.probe;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Scans the heap for hash tables and measures their buckets: the walk ({@link ReachabilityWalker}), then one
 * traversal per table ({@link BucketTally}), keeping the latest snapshots for the MXBean and handing them to the
 * JFR emitter. Scans are serialised on this object's own monitor (never an application lock).
 *
 * <p>A table that changes during its traversal is retried twice and then skipped for this scan.
 */
public final class MapProbe implements MapProbeMXBean {
    private static final int ATTEMPTS = 3;
    /** Bytes per bucket slot: compressed references below a 32 GB heap (an estimate; the probe cannot ask). */
    static final int REFERENCE_BYTES = Runtime.getRuntime().maxMemory() < (32L << 30) ? 4 : 8;

    private final ProbeOptions options;
    private final JdkTables tables;
    private final ReachabilityWalker walker;
    private final Supplier<Class<?>[]> classes;
    private final JfrEmitter jfr;
    private final ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();

    private volatile List<MapSnapshot> latest = List.of();
    private volatile long scanCount;
    private volatile long lastScanCpuNanos;
    private volatile int lastObjects;
    private volatile int lastRaced;

    MapProbe(ProbeOptions options, JdkTables tables, ClassInitialization init, Supplier<Class<?>[]> classes,
             JfrEmitter jfr) {
        this.options = options;
        this.tables = tables;
        this.walker = new ReachabilityWalker(tables, init, options);
        this.classes = classes;
        this.jfr = jfr;
    }

    /** A probe over the given classes' statics and the live threads; tests and the benchmark use it directly. */
    public static MapProbe create(ProbeOptions options, Supplier<Class<?>[]> classes, boolean emitEvents)
            throws ReflectiveOperationException {
        return new MapProbe(options, JdkTables.open(), ClassInitialization.find(), classes,
                emitEvents ? JfrEmitter.tryCreate() : null);
    }

    /** Walks, measures, emits; returns the snapshots. Never throws for anything the application does. */
    public synchronized List<MapSnapshot> scan() {
        long cpuStart = cpuNow();
        List<Thread> threads = liveThreads();
        BucketTally tally = new BucketTally(options.vectorLength(), options.maxEntries());
        Map<Object, MapSnapshot> measured = new IdentityHashMap<>(); // by table owner
        int[] raced = {0};
        long now = System.currentTimeMillis();
        List<ReachabilityWalker.Found> found = walker.walk(classes.get(), threads, (f, entries) -> {
            TableRef t = f.table();
            if (measured.size() >= options.maxMaps() || tables.sizeEstimate(t) < options.minSize()) {
                return false;
            }
            MapSnapshot s = measure(f.name(), t, new Tee(tally, entries), tally, now);
            if (s == null) {
                raced[0]++;
            } else {
                measured.put(t.owner(), s);
            }
            return true;
        });
        List<MapSnapshot> out = new ArrayList<>();
        for (ReachabilityWalker.Found f : found) {
            MapSnapshot s = measured.get(f.table().owner());
            if (s != null && s.getSize() >= options.minSize()) {
                out.add(s.getName().equals(f.name()) ? s : s.renamed(f.name())); // path#2
            }
        }
        out.sort(WORST_FIRST);
        List<MapSnapshot> result = List.copyOf(out);
        latest = result;
        if (jfr != null && options.jfr()) {
            jfr.emit(result, REFERENCE_BYTES);
        }
        lastObjects = walker.lastStats().objects();
        lastRaced = raced[0];
        lastScanCpuNanos = cpuNow() - cpuStart;
        scanCount++;
        return result;
    }

    /**
     * The live platform threads, from the root thread group: unlike {@code Thread.getAllStackTraces} this
     * takes no stack traces (which would stop every thread at a safepoint).
     */
    static List<Thread> liveThreads() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] all = new Thread[root.activeCount() + 16];
        int n;
        while ((n = root.enumerate(all, true)) == all.length) {
            all = new Thread[all.length * 2];
        }
        return Arrays.asList(all).subList(0, n);
    }

    /** One table's snapshot, or null when writers changed it during every attempt. */
    MapSnapshot measure(String name, TableRef t, NodeVisitor visitor, BucketTally tally, long timestamp) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                int capacityBefore = tables.capacity(t);
                int sizeBefore = tables.sizeEstimate(t);
                tally.reset(capacityBefore);
                int capacity = tables.traverse(t, visitor);
                int sizeAfter = tables.sizeEstimate(t);
                if (capacity != capacityBefore) {
                    continue; // resized between the two reads: the tally's groups were cut for another size
                }
                if (!plausible(tally.entries(), sizeBefore, sizeAfter)) {
                    continue; // e.g. a HashMap resize half-way through moving entries into the new array
                }
                return tally.snapshot(name, t.kind(), System.identityHashCode(t.owner()), capacity,
                        tables.loadFactor(t), timestamp);
            } catch (RaceDetected e) {
                Thread.onSpinWait();
            }
        }
        return null;
    }

    /**
     * Whether the entries counted in the buckets agree with the table's own count before and after the read
     * (within 10% and 16 entries): an unsynchronised HashMap publishes its new array before moving the entries
     * into it, and a read then would see most of them missing.
     */
    static boolean plausible(int counted, int sizeBefore, int sizeAfter) {
        int lo = Math.min(sizeBefore, sizeAfter);
        int hi = Math.max(sizeBefore, sizeAfter);
        int slack = Math.max(16, hi / 10);
        return counted >= lo - slack && counted <= hi + slack;
    }

    /** Measures one object if it is a supported table (tests build tables and measure them exactly). */
    public MapSnapshot measure(String name, Object table) {
        TableRef t = tables.recognize(table);
        if (t == null) {
            throw new IllegalArgumentException(table.getClass().getName() + " is not a supported hash table");
        }
        BucketTally tally = new BucketTally(options.vectorLength(), options.maxEntries());
        return measure(name, t, tally, tally, System.currentTimeMillis());
    }

    /** Feeds one traversal to the tally and to the walk (which enqueues the entries' keys and values). */
    private record Tee(BucketTally tally, NodeVisitor entries) implements NodeVisitor {
        @Override
        public boolean wantsValues() {
            return true;
        }

        @Override
        public void node(int hash, Object key, Object value) {
            tally.node(hash, key, value);
            entries.node(hash, key, value);
        }

        @Override
        public void bucketEnd(int index, int length, boolean tree) {
            tally.bucketEnd(index, length, tree);
        }
    }

    static final Comparator<MapSnapshot> WORST_FIRST = Comparator
            .comparingInt(MapSnapshot::getLongestChain).reversed()
            .thenComparing(Comparator.comparingDouble(MapSnapshot::getAverageProbe).reversed())
            .thenComparing(MapSnapshot::getName);

    private long cpuNow() {
        try {
            return threadBean.getCurrentThreadCpuTime();
        } catch (UnsupportedOperationException e) {
            return System.nanoTime();
        }
    }

    ProbeOptions options() {
        return options;
    }

    @Override
    public List<String> listMaps() {
        return latest.stream().map(MapSnapshot::getName).toList();
    }

    @Override
    public MapSnapshot snapshot(String name) {
        for (MapSnapshot s : latest) {
            if (s.getName().equals(name)) {
                return s;
            }
        }
        return null;
    }

    @Override
    public List<MapSnapshot> getSnapshots() {
        return latest;
    }

    @Override
    public List<MapSnapshot> refresh() {
        return scan();
    }

    @Override
    public String getOptions() {
        return options.toString();
    }

    @Override
    public long getScanCount() {
        return scanCount;
    }

    @Override
    public long getLastScanCpuNanos() {
        return lastScanCpuNanos;
    }

    @Override
    public int getLastObjectsVisited() {
        return lastObjects;
    }

    @Override
    public int getLastRacedTables() {
        return lastRaced;
    }
}
