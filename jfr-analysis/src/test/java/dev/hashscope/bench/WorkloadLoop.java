package dev.hashscope.bench;

import java.lang.reflect.Method;

/**
 * Runs the sample workloads ({@code sample-recordings}) one after another until a time is up, in one JVM,
 * so that one recording covers all of them: {@code WorkloadLoop SECONDS [Workload ...]}.
 */
public final class WorkloadLoop {
    static final String[] DEFAULT = {"HashtableContention", "PoorHashConcurrentMap", "ComputeIfAbsentHotKey",
            "ResizeStorm", "CopyOnWriteMap", "BoxingChurn", "HealthyControl"};

    private WorkloadLoop() {
    }

    public static void main(String[] args) throws Exception {
        long seconds = Long.parseLong(args[0]);
        String[] workloads = args.length > 1 ? java.util.Arrays.copyOfRange(args, 1, args.length) : DEFAULT;
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        for (int i = 0; System.nanoTime() < deadline; i++) {
            Method main = Class.forName("dev.hashscope.samples." + workloads[i % workloads.length])
                    .getMethod("main", String[].class);
            main.invoke(null, (Object) new String[0]);
        }
    }
}
