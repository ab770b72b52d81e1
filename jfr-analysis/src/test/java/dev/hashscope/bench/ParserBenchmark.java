package dev.hashscope.bench;

import dev.hashscope.detect.Analyzer;
import dev.hashscope.event.AllocationSample;
import dev.hashscope.event.EventKind;
import dev.hashscope.event.EventSink;
import dev.hashscope.event.ExecutionSample;
import dev.hashscope.event.JdkRecordingReader;
import dev.hashscope.event.MonitorBlocked;
import dev.hashscope.event.ThreadPark;
import dev.hashscope.event.RecordingReader;
import dev.hashscope.event.fast.FastRecordingReader;
import dev.hashscope.flame.EventFilter;
import dev.hashscope.flame.FlameKind;
import dev.hashscope.flame.FlameTree;
import dev.hashscope.flame.FlameTreeBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The parser benchmark: Hashscope's reader against {@code jdk.jfr.consumer}, the JMC parser and
 * async-profiler's converter, each variant in a fresh JVM, in one run. Benchmark only (test sources).
 *
 * <pre>
 *   # from the repository root; the commands that build the class path are in docs/benchmarks.md
 *   java -cp "$CP" dev.hashscope.bench.ParserBenchmark make /tmp/big 300      # ~100 MB and ~300 MB recordings
 *   java -cp "$CP" dev.hashscope.bench.ParserBenchmark run /tmp/big/big-300mb.jfr [VARIANT...]
 * </pre>
 */
public final class ParserBenchmark {
    private ParserBenchmark() {
    }

    /** A timed variant: what one read does. Returns a number that depends on the work (kept from the JIT). */
    interface Variant {
        long run(Path file) throws Exception;
    }

    static final Set<EventKind> TREE_KINDS = EnumSet.of(EventKind.EXECUTION_SAMPLE, EventKind.ALLOCATION,
            EventKind.MONITOR_BLOCKED, EventKind.THREAD_PARK);

    static final Map<String, Variant> VARIANTS = new LinkedHashMap<>();

    static {
        VARIANTS.put("bytes", ParserBenchmark::readBytes);
        VARIANTS.put("hashscope", f -> analyzeWithTrees(new FastRecordingReader(), f));
        VARIANTS.put("hashscope-1-thread", f -> analyzeWithTrees(new FastRecordingReader(false), f));
        VARIANTS.put("hashscope-trees-only", f -> treesOnly(new FastRecordingReader(), f));
        VARIANTS.put("hashscope-deliver-only", f -> deliverOnly(new FastRecordingReader(), f, TREE_KINDS));
        VARIANTS.put("hashscope-walk-only", f -> deliverOnly(new FastRecordingReader(), f, EnumSet.noneOf(EventKind.class)));
        VARIANTS.put("jdk-naive-trees", f -> ConsumerApiTrees.read(f).rootTotal(FlameKind.CPU));
        VARIANTS.put("hashscope-on-jdk-parser", f -> analyzeWithTrees(new JdkRecordingReader(), f));
        VARIANTS.put("jmc", JmcTrees::read);
        VARIANTS.put("converter", ConverterTrees::read);
    }

    static final String[] LABELS = {
            "bytes", "read the file's bytes (page cache), the floor",
            "hashscope", "Hashscope fast reader: all findings + 4 flame trees",
            "hashscope-1-thread", "  the same, parsing on the delivering thread",
            "hashscope-trees-only", "Hashscope fast reader: 4 flame trees only",
            "hashscope-deliver-only", "Hashscope fast reader: the trees' events decoded and delivered, nothing folded",
            "hashscope-walk-only", "Hashscope fast reader: every event's header walked, none decoded (parse floor)",
            "jdk-naive-trees", "jdk.jfr.consumer: 4 trees, string-keyed (naive)",
            "hashscope-on-jdk-parser", "JdkRecordingReader: all findings + 4 flame trees",
            "jmc", "JMC parser (flightrecorder 9.1.2): load + 4 trees",
            "converter", "async-profiler converter 4.5: cpu, alloc, lock flame graphs"};

    public static void main(String[] args) throws Exception {
        switch (args.length == 0 ? "" : args[0]) {
            case "make" -> BigRecording.make(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 300);
            case "run" -> runAll(Path.of(args[1]), args.length > 2 ? Arrays.asList(args).subList(2, args.length)
                    : new ArrayList<>(VARIANTS.keySet()));
            case "child" -> child(args[1], Path.of(args[2]), Integer.parseInt(args[3]));
            default -> System.err.println("usage: ParserBenchmark make DIR [MB] | run FILE [VARIANT...]");
        }
    }

    /** Runs each variant in a fresh JVM and prints the table. */
    static void runAll(Path file, List<String> variants) throws Exception {
        long size = Files.size(file);
        String cp = System.getProperty("java.class.path");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // -Dbench.xmx=MB gives Hashscope the same heap on files of different sizes (the memory-growth check).
        long ourHeapMb = Long.getLong("bench.xmx", Math.max(64, size / 2 / (1 << 20)));
        System.out.printf(Locale.ROOT, "%s: %.1f MB, %d cores, %s; each variant in a fresh JVM: the first read (cold),"
                        + " warm-up reads until 10 s have passed, then the median of 5 (1 for the slow references);"
                        + " Hashscope with -Xmx%dm (half the file), the others -Xmx12g%n",
                file, size / 1e6, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                ourHeapMb);
        Map<String, double[]> results = new LinkedHashMap<>();
        for (String v : variants) {
            String xmx = v.startsWith("hashscope") && !v.equals("hashscope-on-jdk-parser") || v.equals("bytes")
                    ? "-Xmx" + ourHeapMb + "m" : "-Xmx12g";
            // Fast readers: the median of 5 (this machine's speed drifts by 10-20% within minutes).
            int rounds = v.equals("jdk-naive-trees") || v.equals("hashscope-on-jdk-parser") || v.equals("jmc") ? 1 : 5;
            double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            Process p = new ProcessBuilder(java, xmx, "-XX:+UseG1GC", "-cp", cp, ParserBenchmark.class.getName(),
                    "child", v, file.toString(), Integer.toString(rounds)).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            String line = out.lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElse(null);
            if (line == null) {
                System.out.printf(Locale.ROOT, "  %-26s FAILED: %s%n", v, out.strip().lines().reduce((a, b) -> b).orElse(""));
                continue;
            }
            String[] f = line.split(" ");
            String key = results.containsKey(v) ? v + "#" + (results.size() + 1) : v;
            results.put(key, new double[]{Double.parseDouble(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4]),
                    Double.parseDouble(f[6]), Double.parseDouble(f[7])});
            System.out.printf(Locale.ROOT, "  %-26s %9.0f ms %8.1f MB/s  CPU %7.0f ms   cold %7.0f ms   peak heap %6.0f MB"
                            + "   live after GC %6.0f MB   (load %.1f-%.1f)%n",
                    v, results.get(key)[0], size / 1e6 / (results.get(key)[0] / 1e3), results.get(key)[3], results.get(key)[4],
                    results.get(key)[1] / 1e6, results.get(key)[2] / 1e6, loadBefore,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
        double[] ours = results.get("hashscope");
        if (ours != null) {
            System.out.println("ratios (the other / Hashscope, findings + 4 trees): warm wall time, warm process CPU"
                    + " time, first read (cold) wall time:");
            for (Map.Entry<String, double[]> e : results.entrySet()) {
                if (!e.getKey().equals("hashscope")) {
                    System.out.printf(Locale.ROOT, "  %-26s %6.2fx   CPU %6.2fx   cold %6.2fx%n", e.getKey(),
                            e.getValue()[0] / ours[0], e.getValue()[3] / ours[3], e.getValue()[4] / ours[4]);
                }
            }
            System.out.printf(Locale.ROOT, "  Hashscope peak heap / file size: %.2f%n", ours[1] / size);
        }
        for (int i = 0; i < LABELS.length; i += 2) {
            if (results.containsKey(LABELS[i])) {
                System.out.printf("  (%s: %s)%n", LABELS[i], LABELS[i + 1]);
            }
        }
    }

    /** Warm-up: reads until this much time has gone by (at least one read), so every reader's JIT has had as long. */
    static final long WARM_UP_NANOS = 10_000_000_000L;

    /**
     * In a fresh JVM: the first read timed on its own (cold: what opening a file in a fresh app costs), more
     * warm-up reads until {@link #WARM_UP_NANOS} have passed, then {@code rounds} timed reads; prints the cold
     * time, the median, and heap peaks.
     */
    static void child(String name, Path file, int rounds) throws Exception {
        Variant v = VARIANTS.get(name);
        long[] maxLiveAfterGc = new long[1];
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((n, hb) -> {
                if (n.getUserData() instanceof CompositeData cd) {
                    var info = com.sun.management.GarbageCollectionNotificationInfo.from(cd);
                    long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream()
                            .mapToLong(java.lang.management.MemoryUsage::getUsed).sum();
                    synchronized (maxLiveAfterGc) {
                        maxLiveAfterGc[0] = Math.max(maxLiveAfterGc[0], used);
                    }
                }
            }, null, null);
        }
        long warmStart = System.nanoTime();
        long sink = v.run(file);
        long cold = System.nanoTime() - warmStart;
        while (System.nanoTime() - warmStart < WARM_UP_NANOS) {
            sink += v.run(file);
        }
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        synchronized (maxLiveAfterGc) {
            maxLiveAfterGc[0] = 0;
        }
        long[] times = new long[rounds];
        long[] cpu = new long[rounds];
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int r = 0; r < rounds; r++) {
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            sink += v.run(file);
            times[r] = System.nanoTime() - t0;
            cpu[r] = os.getProcessCpuTime() - c0;
        }
        Arrays.sort(cpu);
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        Arrays.sort(times);
        System.out.printf(Locale.ROOT, "RESULT %s %.1f %d %d %d %.1f %.1f%n", name, times[rounds / 2] / 1e6, peak,
                maxLiveAfterGc[0], sink, cpu[rounds / 2] / 1e6, cold / 1e6);
    }

    static long readBytes(Path file) throws IOException {
        long sum = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
            while (ch.read(buf) > 0) {
                buf.flip();
                sum += buf.get(0) + buf.limit();
                buf.clear();
            }
        }
        return sum;
    }

    static long analyzeWithTrees(RecordingReader reader, Path file) throws Exception {
        FlameTreeBuilder trees = new FlameTreeBuilder(EventFilter.ALL);
        var result = new Analyzer(Analyzer.loadDetectors(), reader).analyze(file, EventFilter.ALL, List.of(trees));
        long sum = result.findings().size();
        for (FlameKind k : FlameKind.values()) {
            FlameTree t = trees.tree(k);
            sum += t.total(t.root());
        }
        return sum;
    }

    /** Reads with a sink that wants {@code kinds} and folds nothing: what parsing and delivery cost alone. */
    static long deliverOnly(RecordingReader reader, Path file, Set<EventKind> kinds) throws Exception {
        long[] seen = new long[1];
        EventSink counter = new EventSink() {
            @Override
            public Set<EventKind> kinds() {
                return kinds;
            }

            @Override
            public void executionSample(ExecutionSample e) {
                seen[0] += e.stack();
            }

            @Override
            public void allocation(AllocationSample e) {
                seen[0] += e.stack();
            }

            @Override
            public void monitorBlocked(MonitorBlocked e) {
                seen[0] += e.stack();
            }

            @Override
            public void threadPark(ThreadPark e) {
                seen[0] += e.stack();
            }
        };
        return reader.read(file, counter).count("jdk.ExecutionSample") + seen[0];
    }

    static long treesOnly(RecordingReader reader, Path file) throws Exception {
        FlameTreeBuilder trees = new FlameTreeBuilder(EventFilter.ALL);
        reader.read(file, trees);
        long sum = 0;
        for (FlameKind k : FlameKind.values()) {
            FlameTree t = trees.tree(k);
            sum += t.total(t.root());
        }
        return sum;
    }

    /** Makes the big recording: the workloads recorded in one JVM, its chunks repeated up to the size asked. */
    static final class BigRecording {
        static void make(Path dir, int megabytes) throws Exception {
            Files.createDirectories(dir);
            Path jfc = dir.resolve("bench.jfc");
            String base = Files.readString(Path.of("jfr-analysis/src/main/resources/dev/hashscope/hashscope.jfc"));
            Files.writeString(jfc, denser(base));
            Path one = dir.resolve("workloads-60s.jfr");
            if (!Files.exists(one)) {
                String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
                String cp = "sample-recordings/target/sample-workloads.jar" + java.io.File.pathSeparatorChar
                        + "jfr-analysis/target/test-classes";
                Process p = new ProcessBuilder(javaBin, "-Xmx512m", "-XX:+UseG1GC",
                        "-XX:FlightRecorderOptions:maxchunksize=4m",
                        "-XX:StartFlightRecording:settings=" + jfc + ",filename=" + one,
                        "-cp", cp, WorkloadLoop.class.getName(), "60").inheritIO()
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (p.waitFor() != 0) {
                    throw new IOException("recording the workloads failed");
                }
            }
            long oneSize = Files.size(one);
            byte[] recording = Files.readAllBytes(one);
            long span = 0;
            for (int at = 0; at < recording.length; ) {
                ByteBuffer h = ByteBuffer.wrap(recording, at, 68);
                span = Math.max(span, h.getLong(at + 32) + h.getLong(at + 40));
                at += (int) h.getLong(at + 8);
            }
            long first = ByteBuffer.wrap(recording).getLong(32);
            long shift = span - first + 1_000_000_000L;
            for (int mb : new int[]{megabytes / 3, megabytes}) {
                Path out = dir.resolve("big-" + mb + "mb.jfr");
                int copies = (int) Math.max(1, Math.round(mb * 1e6 / oneSize));
                try (OutputStream os = Files.newOutputStream(out)) {
                    for (int i = 0; i < copies; i++) {
                        os.write(shifted(recording, i * shift));
                    }
                }
                System.out.printf(Locale.ROOT, "%s: %d copies of %s (%.1f MB), each later in time = %.1f MB%n", out,
                        copies, one, oneSize / 1e6, Files.size(out) / 1e6);
            }
        }

        /**
         * The recording with its chunks' wall-clock start moved by {@code nanos}: copies then follow each other in
         * time like one long recording (and differ, which matters: the JMC parser skips a chunk it has seen).
         */
        static byte[] shifted(byte[] recording, long nanos) {
            byte[] copy = recording.clone();
            ByteBuffer b = ByteBuffer.wrap(copy);
            for (int at = 0; at < copy.length; at += (int) b.getLong(at + 8)) {
                b.putLong(at + 32, b.getLong(at + 32) + nanos);
            }
            return copy;
        }

        /** hashscope.jfc with 1 ms sampling, every monitor/park stall, TLAB events and 20,000 allocation samples/s. */
        static String denser(String jfc) {
            Map<String, String> r = new HashMap<>();
            r.put("method-sampling-java-interval\">10 ms", "method-sampling-java-interval\">1 ms");
            r.put("method-sampling-native-interval\">20 ms", "method-sampling-native-interval\">1 ms");
            r.put("locking-threshold\">100 us", "locking-threshold\">0 ms");
            r.put("allocation-profiling\">1000/s", "allocation-profiling\">20000/s");
            for (Map.Entry<String, String> e : r.entrySet()) {
                jfc = jfc.replace(e.getKey(), e.getValue());
            }
            return jfc.replaceAll("(<event name=\"jdk.ObjectAllocation(InNew|Outside)TLAB\">\\s*<setting name=\"enabled\""
                    + " control=\"gc-enabled-high\">)false", "$1true");
        }
    }
}
