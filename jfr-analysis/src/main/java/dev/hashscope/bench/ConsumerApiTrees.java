package dev.hashscope.bench;

import dev.hashscope.flame.FlameKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * The reference: the four call trees built the way a user of {@code jdk.jfr.consumer} would write it
 * (string-keyed nodes, one pass with {@link RecordingFile}). The benchmark times Hashscope against it and
 * checks that both agree on every total.
 */
public final class ConsumerApiTrees {
    /** Root total weight per kind. */
    private final Map<FlameKind, Node> roots = new EnumMap<>(FlameKind.class);
    private final Node allocTlab = new Node();

    /** A string-keyed call-tree node. */
    static final class Node {
        final Map<String, Node> children = new HashMap<>();
        long total;
    }

    public static ConsumerApiTrees read(Path file) throws IOException {
        ConsumerApiTrees t = new ConsumerApiTrees();
        for (FlameKind k : FlameKind.values()) {
            t.roots.put(k, new Node());
        }
        try (RecordingFile rf = new RecordingFile(file)) {
            while (rf.hasMoreEvents()) {
                RecordedEvent e = rf.readEvent();
                switch (e.getEventType().getName()) {
                    case "jdk.ExecutionSample" -> t.add(t.roots.get(FlameKind.CPU), e.getStackTrace(), 1);
                    case "jdk.ObjectAllocationSample" -> t.add(t.roots.get(FlameKind.ALLOC), e.getStackTrace(),
                            e.getLong("weight"));
                    case "jdk.ObjectAllocationInNewTLAB" -> t.add(t.allocTlab, e.getStackTrace(),
                            e.getLong("tlabSize") > 0 ? e.getLong("tlabSize") : e.getLong("allocationSize"));
                    case "jdk.ObjectAllocationOutsideTLAB" -> t.add(t.allocTlab, e.getStackTrace(),
                            e.getLong("allocationSize"));
                    case "jdk.JavaMonitorEnter" -> t.add(t.roots.get(FlameKind.LOCK), e.getStackTrace(),
                            e.getDuration().toNanos());
                    case "jdk.ThreadPark" -> t.add(t.roots.get(FlameKind.PARK), e.getStackTrace(),
                            e.getDuration().toNanos());
                    default -> {
                    }
                }
            }
        }
        if (t.roots.get(FlameKind.ALLOC).total == 0 && t.roots.get(FlameKind.ALLOC).children.isEmpty()) {
            t.roots.put(FlameKind.ALLOC, t.allocTlab);
        }
        return t;
    }

    private void add(Node root, RecordedStackTrace st, long weight) {
        root.total += weight;
        if (st == null) {
            return;
        }
        List<RecordedFrame> frames = st.getFrames();
        Node n = root;
        for (int i = frames.size() - 1; i >= 0; i--) {
            RecordedFrame f = frames.get(i);
            String name = f.getMethod().getType().getName() + "." + f.getMethod().getName();
            n = n.children.computeIfAbsent(name, k -> new Node());
            n.total += weight;
        }
    }

    public long rootTotal(FlameKind kind) {
        return roots.get(kind).total;
    }
}
