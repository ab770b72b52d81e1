package dev.hashscope.bench;

import dev.hashscope.event.fast.FastRecordingReader;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the CPU of one Hashscope read goes: the delivering thread (symbols, detectors, trees) against the rest
 * of the process (the parser thread, GC, JIT). CPU time, unlike wall time, holds up on a machine shared with
 * other builds, so it is what tells whether a change to the delivering side paid.
 *
 * <pre>
 *   java -Xmx150m -cp "$CP" dev.hashscope.bench.CpuSplit FILE [ROUNDS] [trees]
 * </pre>
 */
public final class CpuSplit {
    private CpuSplit() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        boolean treesOnly = args.length > 2 && args[2].equals("trees");
        var threads = ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int r = 0; r <= rounds; r++) {
            long wall = System.nanoTime();
            long mine = threads.getCurrentThreadCpuTime();
            long all = os.getProcessCpuTime();
            long sink = treesOnly ? ParserBenchmark.treesOnly(new FastRecordingReader(), file)
                    : ParserBenchmark.analyzeWithTrees(new FastRecordingReader(), file);
            mine = threads.getCurrentThreadCpuTime() - mine;
            all = os.getProcessCpuTime() - all;
            wall = System.nanoTime() - wall;
            System.out.printf(Locale.ROOT, "%s round %d: wall %5.0f ms, delivering thread %5.0f ms CPU, rest of the"
                            + " process %5.0f ms CPU (%d)%n", r == 0 ? "warm-up" : "timed", r, wall / 1e6, mine / 1e6,
                    (all - mine) / 1e6, sink);
        }
    }
}
