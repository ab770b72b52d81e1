package dev.hashscope.flame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hashscope.event.RecordingReader;
import dev.hashscope.testing.Recordings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Flame-tree totals equal the count or summed weight of the matching events, as the JDK's own parser
 * reads them, on every committed sample and on the shared third-party recordings.
 */
class FlameTotalsCrossCheckTest {
    static Stream<Path> recordings() throws Exception {
        List<Path> all = new ArrayList<>(Recordings.samples());
        for (String shared : new String[]{"apdemos__alloc.jfr", "grafana__cortex-dev-01__kafka-0__cpu_lock_alloc__0.jfr",
                "grafana__object-allocation-sample.jfr", "jfrunit__rest-post-consumer-1d3e.jfr", "jmc__full_gc_g1.jfr",
                "jmc__hotmethods.jfr", "jmc__jdk21.jfr", "grafana__async-profiler.jfr"}) {
            Path p = Recordings.SHARED.resolve(shared);
            if (Files.isRegularFile(p)) {
                all.add(p);
            }
        }
        return all.stream();
    }

    /** The expected totals, computed straight from RecordedEvents. */
    static Map<FlameKind, Long> expected(Path file, Pattern thread) throws Exception {
        Map<FlameKind, Long> sums = new EnumMap<>(FlameKind.class);
        long sampled = 0, sampledCount = 0, tlab = 0;
        for (FlameKind k : FlameKind.values()) {
            sums.put(k, 0L);
        }
        try (RecordingFile rf = new RecordingFile(file)) {
            while (rf.hasMoreEvents()) {
                RecordedEvent e = rf.readEvent();
                String type = e.getEventType().getName();
                RecordedThread t = type.equals("jdk.ExecutionSample") ? e.getThread("sampledThread") : e.getThread();
                if (thread != null) {
                    String name = t == null ? null : t.getJavaName() != null ? t.getJavaName() : t.getOSName();
                    if (name == null || !thread.matcher(name).find()) {
                        continue;
                    }
                }
                switch (type) {
                    case "jdk.ExecutionSample" -> sums.merge(FlameKind.CPU, 1L, Long::sum);
                    case "jdk.JavaMonitorEnter" -> sums.merge(FlameKind.LOCK, e.getDuration().toNanos(), Long::sum);
                    case "jdk.ThreadPark" -> sums.merge(FlameKind.PARK, e.getDuration().toNanos(), Long::sum);
                    case "jdk.ObjectAllocationSample" -> {
                        sampled += e.getLong("weight");
                        sampledCount++;
                    }
                    case "jdk.ObjectAllocationInNewTLAB" -> tlab += e.getLong("tlabSize");
                    case "jdk.ObjectAllocationOutsideTLAB" -> tlab += e.getLong("allocationSize");
                    default -> {
                    }
                }
            }
        }
        sums.put(FlameKind.ALLOC, sampledCount > 0 ? sampled : tlab);
        return sums;
    }

    @ParameterizedTest
    @MethodSource("recordings")
    void treeTotalsEqualTheEventsAsTheJdkReadsThem(Path file) throws Exception {
        FlameTreeBuilder b = new FlameTreeBuilder(EventFilter.ALL);
        RecordingReader.standard().read(file, b);
        Map<FlameKind, Long> expected = expected(file, null);
        for (FlameKind k : FlameKind.values()) {
            FlameTree t = b.tree(k);
            assertEquals(expected.get(k), t.total(t.root()), k + " total of " + file.getFileName());
            assertEquals(t.total(t.root()), collapsedSum(t), k + " collapsed lines of " + file.getFileName());
        }
    }

    @ParameterizedTest
    @MethodSource("recordings")
    void threadFilteredTotalsMatchToo(Path file) throws Exception {
        Pattern p = Pattern.compile("[Ww]orker|main");
        FlameTreeBuilder b = new FlameTreeBuilder(new EventFilter(p, Long.MIN_VALUE, Long.MAX_VALUE));
        RecordingReader.standard().read(file, b);
        Map<FlameKind, Long> expected = expected(file, p);
        for (FlameKind k : FlameKind.values()) {
            assertEquals(expected.get(k), b.tree(k).total(0), k + " total of " + file.getFileName());
        }
    }

    /** Sum of the self weights, i.e. of the collapsed lines: every event lands in exactly one leaf. */
    static long collapsedSum(FlameTree t) {
        long sum = 0;
        for (String line : CollapsedStacks.toString(t).split("\n")) {
            if (!line.isEmpty()) {
                sum += Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        assertTrue(sum >= 0);
        return sum;
    }
}
