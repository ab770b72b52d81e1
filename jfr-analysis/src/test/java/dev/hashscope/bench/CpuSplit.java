package dev.hashscope.bench;

import dev.hashscope.event.fast.FastRecordingReader;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the CPU of one Hashscope read goes: the delivering thread (symbols, detectors, trees) against the rest
 * of the process (the parser thread, GC, JIT). CPU time, unlike wall time, holds up on a machine shared with
 * other builds, so it is what tells whether a change to the delivering side paid; the bytes that thread
 * allocated do not depend on the machine's load at all.
 *
 * <pre>
 *   java -Xmx150m -cp "$CP" dev.hashscope.bench.CpuSplit FILE [ROUNDS] [trees|one-thread|deliver]
 * </pre>
 */
public final class CpuSplit {
    private CpuSplit() {
    }

    private static long[] gcCountAndMillis() {
        long[] out = new long[2];
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            out[0] += gc.getCollectionCount();
            out[1] += gc.getCollectionTime();
        }
        return out;
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        boolean treesOnly = args.length > 2 && args[2].equals("trees");
        // "one-thread": parse on the delivering thread too, so that its CPU is parser + delivery and the rest
        // of the process is GC and JIT alone.
        boolean parallel = !(args.length > 2 && args[2].equals("one-thread"));
        // "deliver": every kind decoded and delivered to a sink that folds nothing (the reader's own cost).
        boolean deliverOnly = args.length > 2 && args[2].equals("deliver");
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int r = 0; r <= rounds; r++) {
            long wall = System.nanoTime();
            long mine = threads.getCurrentThreadCpuTime();
            long all = os.getProcessCpuTime();
            long allocated = threads.getThreadAllocatedBytes(self);
            long[] gc = gcCountAndMillis();
            FastRecordingReader reader = new FastRecordingReader(parallel);
            long sink = treesOnly ? ParserBenchmark.treesOnly(reader, file)
                    : deliverOnly ? ParserBenchmark.deliverOnly(reader, file, java.util.EnumSet.allOf(
                            dev.hashscope.event.EventKind.class))
                    : ParserBenchmark.analyzeWithTrees(reader, file);
            mine = threads.getCurrentThreadCpuTime() - mine;
            all = os.getProcessCpuTime() - all;
            allocated = threads.getThreadAllocatedBytes(self) - allocated;
            long[] gcAfter = gcCountAndMillis();
            wall = System.nanoTime() - wall;
            long parser = reader.lastParserCpuNanos();
            System.out.printf(Locale.ROOT, "%s round %d: wall %5.0f ms, delivering thread %5.0f ms CPU, %5.0f MB allocated;"
                            + " parser thread %5.0f ms CPU; rest of the process %5.0f ms CPU; %d collections, %d ms (%d)%n",
                    r == 0 ? "warm-up" : "timed", r, wall / 1e6, mine / 1e6, allocated / 1e6,
                    parser < 0 ? 0 : parser / 1e6, (all - mine - Math.max(0, parser)) / 1e6, gcAfter[0] - gc[0],
                    gcAfter[1] - gc[1], sink);
        }
    }
}
