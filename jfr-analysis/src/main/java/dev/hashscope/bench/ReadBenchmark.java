package dev.hashscope.bench;

import dev.hashscope.event.JdkRecordingReader;
import dev.hashscope.event.RecordingReader;
import dev.hashscope.event.UnreadableRecordingException;
import dev.hashscope.flame.EventFilter;
import dev.hashscope.flame.FlameKind;
import dev.hashscope.flame.FlameTree;
import dev.hashscope.flame.FlameTreeBuilder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Times "read a recording and build the four call trees" for Hashscope and for references measured in
 * the same run, and reports ratios, which survive a shared, noisy machine better than absolute times.
 * The comparison with the JMC parser and async-profiler's converter, each in a fresh JVM with its peak heap,
 * is the benchmark-only {@code dev.hashscope.bench.ParserBenchmark} in the test sources (docs/benchmarks.md).
 */
public final class ReadBenchmark {
    private final Path file;
    private final int rounds;
    private final PrintStream out;

    public ReadBenchmark(Path file, int rounds, PrintStream out) {
        this.file = file;
        this.rounds = rounds;
        this.out = out;
    }

    /** One timed variant. */
    private interface Variant {
        void run() throws Exception;
    }

    public void run() throws IOException, UnreadableRecordingException {
        long size = Files.size(file);
        out.printf(Locale.ROOT, "bench %s (%.1f MB), 1 warm-up + %d measured rounds, variants interleaved%n",
                file, size / 1e6, rounds);

        Map<FlameKind, Long> ours = new EnumMap<>(FlameKind.class);
        Variant hashscope = () -> {
            FlameTreeBuilder b = new FlameTreeBuilder(EventFilter.ALL);
            RecordingReader.standard().read(file, b);
            for (FlameKind k : FlameKind.values()) {
                FlameTree t = b.tree(k);
                ours.put(k, t.total(t.root()));
            }
        };
        long[] consumed = new long[1];
        Variant readOnly = () -> consumed[0] += readEvents(file);
        Variant readStacks = () -> consumed[0] += readAndResolveStacks(file);
        ConsumerApiTrees[] reference = new ConsumerApiTrees[1];
        Variant naiveTrees = () -> reference[0] = ConsumerApiTrees.read(file);
        Variant onJdkParser = () -> {
            FlameTreeBuilder b = new FlameTreeBuilder(EventFilter.ALL);
            new JdkRecordingReader().read(file, b);
        };

        String[] names = {"jdk.jfr.consumer: read every event", "jdk.jfr.consumer: read + walk every stack",
                "jdk.jfr.consumer: read + 4 trees (naive)", "hashscope: fast reader + 4 trees",
                "hashscope: JdkRecordingReader + 4 trees"};
        Variant[] variants = {readOnly, readStacks, naiveTrees, hashscope, onJdkParser};
        List<long[]> times = new ArrayList<>();
        for (int v = 0; v < variants.length; v++) {
            times.add(new long[rounds]);
        }
        try {
            for (Variant v : variants) {
                v.run();
            }
            // Interleave the variants so that machine noise spreads over all of them alike.
            for (int r = 0; r < rounds; r++) {
                for (int v = 0; v < variants.length; v++) {
                    System.gc();
                    long t0 = System.nanoTime();
                    variants[v].run();
                    times.get(v)[r] = System.nanoTime() - t0;
                }
            }
        } catch (IOException | UnreadableRecordingException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }

        long base = median(times.get(0));
        for (int v = 0; v < variants.length; v++) {
            long m = median(times.get(v));
            out.printf(Locale.ROOT, "  %-44s median %8.1f ms  %7.1f MB/s  time ratio vs first line %.2f%n",
                    names[v], m / 1e6, size / 1e6 / (m / 1e9), (double) m / base);
        }
        long hs = median(times.get(3));
        long naive = median(times.get(2));
        out.printf(Locale.ROOT, "  hashscope speed-up over the naive jdk.jfr.consumer trees: %.2fx%n", (double) naive / hs);
        boolean same = true;
        for (FlameKind k : FlameKind.values()) {
            long ref = reference[0].rootTotal(k);
            if (ref != ours.get(k)) {
                same = false;
                out.printf("  MISMATCH %s: hashscope %d, reference %d%n", k.cliName(), ours.get(k), ref);
            }
        }
        out.println(same ? "  tree totals identical to the reference for cpu, alloc, lock, park" : "  TOTALS DIFFER");
    }

    /** The floor of anything built on the JDK parser: read every event, look at nothing. */
    static long readEvents(Path file) throws IOException {
        long n = 0;
        try (RecordingFile rf = new RecordingFile(file)) {
            while (rf.hasMoreEvents()) {
                rf.readEvent();
                n++;
            }
        }
        return n;
    }

    /** What a flame-graph consumer of the JDK API does at least: read each event and walk its stack's methods. */
    static long readAndResolveStacks(Path file) throws IOException {
        long n = 0;
        try (RecordingFile rf = new RecordingFile(file)) {
            while (rf.hasMoreEvents()) {
                RecordedEvent e = rf.readEvent();
                RecordedStackTrace st = e.getStackTrace();
                if (st != null) {
                    for (RecordedFrame f : st.getFrames()) {
                        n += f.getMethod().getName().length();
                    }
                }
                n++;
            }
        }
        return n;
    }

    static long median(long[] xs) {
        long[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
