package dev.hashscope.locks;

import dev.hashscope.flame.FlameKind;
import dev.hashscope.flame.FlameTree;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where threads waited for locks, one row per lock class and call site, costliest first, with the call tree
 * of each lock class. Immutable.
 *
 * @param rows  sorted by total waiting time, descending
 * @param trees per lock class: the lock (or park) tree of the waits on that class alone
 */
public record LockTable(List<Row> rows, Map<MonitorKey, FlameTree> trees) {
    public static final LockTable EMPTY = new LockTable(List.of(), Map.of());

    public LockTable {
        rows = List.copyOf(rows);
        trees = Map.copyOf(trees);
    }

    /** How a thread waited. */
    public enum Wait {
        /** Blocked entering a {@code synchronized} monitor ({@code jdk.JavaMonitorEnter}). */
        MONITOR("monitor enter", FlameKind.LOCK),
        /** Parked on a {@code java.util.concurrent} lock ({@code jdk.ThreadPark} with a blocker object). */
        PARK("park", FlameKind.PARK);

        private final String label;
        private final FlameKind flameKind;

        Wait(String label, FlameKind flameKind) {
            this.label = label;
            this.flameKind = flameKind;
        }

        public String label() {
            return label;
        }

        /** The kind of tree the waits of this sort add to. */
        public FlameKind flameKind() {
            return flameKind;
        }
    }

    /** A lock class and how it was waited for: the key of one per-lock flame graph. */
    public record MonitorKey(Wait waitKind, String monitorClass) {
        public MonitorKey {
            Objects.requireNonNull(waitKind);
            Objects.requireNonNull(monitorClass);
        }
    }

    /**
     * One lock class at one call site.
     *
     * @param monitorClass the monitor's (or park blocker's) class, {@code java.util.Hashtable}
     * @param mapKind      the map involved ({@code Hashtable}, {@code ConcurrentHashMap}), or null when none is
     * @param callSite     where the waiting code called in, {@code dev.acme.Inventory.record:28}: the map
     *                     operation's call site when the wait is inside one, else the first frame outside the
     *                     JDK, else the top frame
     * @param threads      distinct threads that waited here
     */
    public record Row(Wait waitKind, String monitorClass, String mapKind, String callSite, long count, long totalNanos,
                      long p99Nanos, long maxNanos, int threads) {
        public MonitorKey key() {
            return new MonitorKey(waitKind, monitorClass);
        }
    }

    /** The tree of waits on one lock class, or an empty tree of the right kind. */
    public FlameTree tree(MonitorKey key) {
        FlameTree t = trees.get(key);
        return t != null ? t : FlameTree.empty(key.waitKind().flameKind());
    }

    public long totalNanos() {
        return rows.stream().mapToLong(Row::totalNanos).sum();
    }
}
