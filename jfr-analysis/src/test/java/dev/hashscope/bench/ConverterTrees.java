package dev.hashscope.bench;

import java.nio.file.Path;
import one.convert.Arguments;
import one.convert.FlameGraph;
import one.convert.JfrToFlame;

/**
 * async-profiler's converter (benchmark only), used as its users do: one pass per flame graph (CPU,
 * allocation, and locks, where it puts monitor and park stalls together).
 */
final class ConverterTrees {
    private ConverterTrees() {
    }

    static long read(Path file) throws Exception {
        long n = 0;
        for (String kind : new String[]{"--cpu", "--alloc", "--lock"}) {
            FlameGraph g = JfrToFlame.parse(file.toString(), new Arguments(kind));
            n += g.hashCode() & 1;
        }
        return n;
    }
}
