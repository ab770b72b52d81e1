package dev.hashscope.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.openjdk.jmc.common.IMCFrame;
import org.openjdk.jmc.common.IMCStackTrace;
import org.openjdk.jmc.common.item.IItem;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.item.IItemIterable;
import org.openjdk.jmc.common.item.IMemberAccessor;
import org.openjdk.jmc.flightrecorder.JfrAttributes;
import org.openjdk.jmc.flightrecorder.JfrLoaderToolkit;

/** The JMC parser (benchmark only): load the recording, then walk the stacks of the four kinds into string-keyed trees. */
final class JmcTrees {
    private JmcTrees() {
    }

    static final class Node {
        final Map<String, Node> children = new HashMap<>();
        long count;
    }

    static long read(Path file) throws Exception {
        IItemCollection items = JfrLoaderToolkit.loadEvents(file.toFile());
        Map<String, Node> roots = new HashMap<>();
        long n = 0;
        for (IItemIterable it : items) {
            String type = it.getType().getIdentifier();
            switch (type) {
                case "jdk.ExecutionSample", "jdk.ObjectAllocationSample", "jdk.JavaMonitorEnter", "jdk.ThreadPark",
                        "jdk.ObjectAllocationInNewTLAB", "jdk.ObjectAllocationOutsideTLAB" -> {
                    IMemberAccessor<IMCStackTrace, IItem> stacks = JfrAttributes.EVENT_STACKTRACE.getAccessor(it.getType());
                    Node root = roots.computeIfAbsent(type, k -> new Node());
                    for (IItem item : it) {
                        root.count++;
                        n++;
                        IMCStackTrace st = stacks == null ? null : stacks.getMember(item);
                        if (st == null) {
                            continue;
                        }
                        Node node = root;
                        for (int i = st.getFrames().size() - 1; i >= 0; i--) {
                            IMCFrame f = st.getFrames().get(i);
                            String name = f.getMethod().getType().getFullName() + "." + f.getMethod().getMethodName();
                            node = node.children.computeIfAbsent(name, k -> new Node());
                            node.count++;
                        }
                    }
                }
                default -> {
                }
            }
        }
        return n;
    }
}
