package dev.hashscope.locks;

import dev.hashscope.detect.SiteAggregate;
import dev.hashscope.event.EventKind;
import dev.hashscope.event.EventSink;
import dev.hashscope.event.MonitorBlocked;
import dev.hashscope.event.RecordingLayout;
import dev.hashscope.event.Symbols;
import dev.hashscope.event.ThreadPark;
import dev.hashscope.flame.FlameTree;
import dev.hashscope.flame.StackWeights;
import dev.hashscope.locks.LockTable.MonitorKey;
import dev.hashscope.locks.LockTable.Wait;
import dev.hashscope.mapop.MapKind;
import dev.hashscope.mapop.MapOperation;
import dev.hashscope.mapop.MapOperationClassifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Folds lock waits into a {@link LockTable}: {@code jdk.JavaMonitorEnter} by monitor class, and
 * {@code jdk.ThreadPark} by blocker class (parks without a blocker, such as {@code Thread.sleep}-like
 * {@code parkNanos} calls, are not lock waits and are left out), each split by call site, with
 * percentiles from {@link SiteAggregate}, and per lock class the stack weights its flame graph is built from.
 *
 * <p>Memory grows with distinct (lock class, call site) pairs and stacks, never with events.
 */
public final class LockTableBuilder implements EventSink {
    /** Per-lock trees are built for the costliest lock classes only; the rest rarely matter. */
    static final int MAX_TREES = 200;

    private Symbols symbols = new Symbols();
    private MapOperationClassifier classifier = new MapOperationClassifier(symbols);
    private final Map<RowKey, SiteAggregate> sites = new HashMap<>();
    private final Map<RowKey, String> mapKinds = new HashMap<>();
    private final Map<MonitorKey, StackWeights> weights = new LinkedHashMap<>();

    @Override
    public Set<EventKind> kinds() {
        return EnumSet.of(EventKind.MONITOR_BLOCKED, EventKind.THREAD_PARK);
    }

    @Override
    public void begin(RecordingLayout layout, Symbols symbols) {
        this.symbols = symbols;
        this.classifier = new MapOperationClassifier(symbols);
    }

    @Override
    public void monitorBlocked(MonitorBlocked e) {
        add(Wait.MONITOR, e.monitorClass(), e.stack(), e.thread(), e.startNanos(), e.durationNanos());
    }

    @Override
    public void threadPark(ThreadPark e) {
        if (e.parkedClass() != Symbols.NONE) {
            add(Wait.PARK, e.parkedClass(), e.stack(), e.thread(), e.startNanos(), e.durationNanos());
        }
    }

    private void add(Wait wait, int monitorClass, int stack, int thread, long start, long duration) {
        String className = monitorClass < 0 ? "(unknown)" : symbols.stringAt(monitorClass);
        MapOperation op = classifier.classify(stack);
        RowKey key = new RowKey(wait, className, callSite(stack, op));
        sites.computeIfAbsent(key, k -> new SiteAggregate()).add(stack, Math.max(0, duration), thread, start, true);
        mapKinds.computeIfAbsent(key, k -> mapKind(className, op));
        weights.computeIfAbsent(key.monitorKey(), k -> new StackWeights()).add(stack, Math.max(0, duration));
    }

    /** The map: the one the waiting code was operating on, else the one the lock belongs to, else none. */
    private static String mapKind(String monitorClass, MapOperation op) {
        if (op != null) {
            return op.outermost().kind().displayName();
        }
        MapKind k = MapKind.ofClass(monitorClass);
        return k == null ? null : k.displayName();
    }

    private String callSite(int stack, MapOperation op) {
        if (op != null && op.outermost().callSiteFrame() >= 0) {
            return symbols.frameLabel(op.outermost().callSiteFrame());
        }
        if (stack < 0) {
            return "(no stack trace)";
        }
        int[] frames = symbols.stackFrames(stack);
        for (int f : frames) {
            if (!isJdkClass(symbols.methodClass(symbols.frameMethod(f)))) {
                return symbols.frameLabel(f);
            }
        }
        return frames.length == 0 ? "(no stack trace)" : symbols.frameLabel(frames[0]);
    }

    private static boolean isJdkClass(String c) {
        return c.isEmpty() || c.startsWith("java.") || c.startsWith("javax.") || c.startsWith("jdk.")
                || c.startsWith("sun.") || c.startsWith("com.sun.");
    }

    /** The table of what was seen so far; call after the read. */
    public LockTable table() {
        List<LockTable.Row> rows = new ArrayList<>();
        sites.forEach((k, s) -> rows.add(new LockTable.Row(k.waitKind, k.monitorClass, mapKinds.get(k), k.callSite,
                s.count(), s.weight(), s.durations().percentile(0.99), s.durations().max(), s.threadCount())));
        rows.sort(Comparator.comparingLong(LockTable.Row::totalNanos).reversed()
                .thenComparing(LockTable.Row::monitorClass).thenComparing(LockTable.Row::callSite)
                .thenComparing(LockTable.Row::waitKind));
        Map<MonitorKey, FlameTree> trees = new HashMap<>();
        weights.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<MonitorKey, StackWeights> e) -> e.getValue().totalWeight())
                        .reversed())
                .limit(MAX_TREES)
                .forEach(e -> trees.put(e.getKey(), FlameTree.build(e.getKey().waitKind().flameKind(), e.getValue(),
                        symbols)));
        return new LockTable(rows, trees);
    }

    private record RowKey(Wait waitKind, String monitorClass, String callSite) {
        MonitorKey monitorKey() {
            return new MonitorKey(waitKind, monitorClass);
        }
    }
}
