package dev.hashscope.probe;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import javax.management.JMX;
import javax.management.ObjectName;

/**
 * The probe's cost with 1,000 live tables, measured in one run: CPU time of a full scan (walk over every loaded
 * class's statics, measurement of every table, one JFR event each) against the default 10 s period, i.e. the
 * share of one core the probe takes; and, as the reference, a plain {@code entrySet} iteration over the same
 * tables (the cheapest thing that touches every entry).
 *
 * <p>Run with the packaged agent, as users load it (a long period so only the benchmark's scans run):
 * <pre>
 * mvn -B -q -pl map-probe package -DskipTests
 * java -javaagent:map-probe/target/hashscope-map-probe.jar=period=1h,minSize=64 \
 *      -XX:StartFlightRecording=filename=/tmp/bench.jfr -cp map-probe/target/test-classes \
 *      dev.hashscope.probe.ProbeOverheadBenchmark
 * </pre>
 */
public final class ProbeOverheadBenchmark {
    static final List<Object> TABLES = new ArrayList<>();

    private ProbeOverheadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int tables = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        long periodNanos = ProbeOptions.DEFAULTS.period().toNanos();
        long entries = fill(tables, new Random(42));
        ObjectName name = new ObjectName(MapProbeMXBean.OBJECT_NAME);
        if (!ManagementFactory.getPlatformMBeanServer().isRegistered(name)) {
            System.err.println("the map probe is not loaded: run with -javaagent:map-probe/target/hashscope-map-probe.jar");
            System.exit(2);
        }
        MapProbeMXBean probe = JMX.newMXBeanProxy(ManagementFactory.getPlatformMBeanServer(),
                new ObjectName(MapProbeMXBean.OBJECT_NAME), MapProbeMXBean.class);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();

        for (int i = 0; i < 5; i++) { // warm-up: JIT, reflection inflation, class-value caches
            probe.refresh();
            iterate();
        }
        long scanCpu = 0;
        int found = 0;
        long referenceCpu = 0;
        for (int i = 0; i < rounds; i++) {
            found = probe.refresh().size();
            scanCpu += probe.getLastScanCpuNanos();
            long t0 = threads.getCurrentThreadCpuTime();
            blackhole += iterate();
            referenceCpu += threads.getCurrentThreadCpuTime() - t0;
        }
        double perScanMs = scanCpu / (double) rounds / 1e6;
        double referenceMs = referenceCpu / (double) rounds / 1e6;
        System.out.printf("tables: %d built (%,d entries), %d reported by the probe; %d objects walked%n",
                tables, entries, found, probe.getLastObjectsVisited());
        System.out.printf("full scan:        %8.2f ms CPU (mean of %d)%n", perScanMs, rounds);
        System.out.printf("entrySet walk:    %8.2f ms CPU (reference: same tables, no reflection)%n", referenceMs);
        System.out.printf("scan / reference: %8.1fx%n", perScanMs / referenceMs);
        System.out.printf("overhead at the default period (%d s): %.3f%% of one core (target < 1%%)%n",
                periodNanos / 1_000_000_000L, 100.0 * scanCpu / rounds / periodNanos);
        if (blackhole == 42) {
            System.out.println();
        }
    }

    private static long blackhole;

    private static long fill(int n, Random random) {
        long entries = 0;
        for (int i = 0; i < n; i++) {
            int size = 64 + random.nextInt(400);
            Map<Object, Object> m = switch (i % 6) {
                case 0 -> new HashMap<>();
                case 1 -> new LinkedHashMap<>();
                case 2 -> new ConcurrentHashMap<>();
                case 3 -> new Hashtable<>();
                case 4 -> Collections.synchronizedMap(new HashMap<>());
                default -> null;
            };
            if (m == null) {
                HashSet<Object> s = new HashSet<>();
                for (int k = 0; k < size; k++) {
                    s.add("key-" + i + "-" + k);
                }
                TABLES.add(s);
            } else {
                for (int k = 0; k < size; k++) {
                    m.put("key-" + i + "-" + k, k);
                }
                TABLES.add(m);
            }
            entries += size;
        }
        return entries;
    }

    private static long iterate() {
        long sum = 0;
        for (Object t : TABLES) {
            if (t instanceof Map<?, ?> m) {
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    sum += e.getKey().hashCode();
                }
            } else {
                for (Object k : (Iterable<?>) t) {
                    sum += k.hashCode();
                }
            }
        }
        return sum;
    }
}
