package dev.hashscope.bench;

import dev.hashscope.flame.EventFilter;
import dev.hashscope.live.JvmConnector;
import dev.hashscope.live.LiveException;
import dev.hashscope.live.LiveSession;
import dev.hashscope.live.LiveSnapshot;
import dev.hashscope.live.LiveTarget;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Live pipeline benchmark: end-to-end latency (an event's end in the target → decoded here; same host, same
 * clock) and the event rate the pipeline sustains. For each offered rate a child JVM runs {@link AllocationStorm} with
 * JFR's allocation sampling throttled to that rate; Hashscope streams it for a warm-up and a measured period and reports the received rate,
 * the arrival lag of the most recent 4,096 events (p50/p99/max) and the time of one snapshot of the whole window.
 * JFR's throttle emits roughly, not exactly, the offered rate, so "kept up" is judged by the lag: a pipeline that
 * falls behind accumulates lag through the run; "kept up" means the p99 lag stayed under 4 s at half-time and at
 * the end (the JDK's download thread alone adds up to 1 s whenever the target had nothing new, see docs/live.md).
 *
 * <pre>mvn -q -pl jfr-analysis -am test-compile && java -cp "jfr-analysis/target/test-classes:jfr-analysis/target/classes:$(ls jfr-analysis/target/lib/*.jar | tr '\n' :)" dev.hashscope.bench.LiveBenchmark 20 5000,20000,50000,100000</pre>
 */
public final class LiveBenchmark {
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        List<Integer> rates = new ArrayList<>();
        for (String r : (args.length > 1 ? args[1] : "5000,20000,50000,100000").split(",")) {
            rates.add(Integer.parseInt(r.trim()));
        }
        System.out.printf(Locale.ROOT, "%-10s %12s %10s %10s %10s %10s %10s %12s %s%n", "offered/s", "received/s",
                "ratio", "all ev/s", "lag p50", "lag p99", "lag max", "snapshot", "events in window");
        for (int rate : rates) {
            run(rate, seconds);
        }
    }

    static void run(int rate, int seconds) throws Exception {
        Process child = start(rate);
        try {
            LiveSession.Options o = LiveSession.Options.defaults()
                    .withWindow(Duration.ofSeconds(seconds + 30), 5_000_000)
                    .withSettings(Map.of("jdk.ObjectAllocationSample#throttle", rate + "/s",
                            "jdk.ObjectAllocationSample#enabled", "true"));
            try (LiveSession s = LiveSession.start(connect(child.pid()), o, null)) {
                Thread.sleep(5000); // warm-up: JIT on both sides, first chunk
                long n0 = samples(s);
                long all0 = s.received();
                long t0 = System.nanoTime();
                long[] lagMid = null;
                for (int i = 0; i < seconds; i++) {
                    Thread.sleep(1000);
                    if (i == seconds / 2) {
                        lagMid = s.lagMillis();
                    }
                }
                long n1 = samples(s);
                long all1 = s.received();
                double elapsed = (System.nanoTime() - t0) / 1e9;
                long[] lag = s.lagMillis();
                long c0 = System.nanoTime();
                LiveSnapshot snap = s.snapshot(EventFilter.ALL);
                long snapMillis = (System.nanoTime() - c0) / 1_000_000;
                double received = (n1 - n0) / elapsed;
                double allEvents = (all1 - all0) / elapsed;
                // Falling behind accumulates: over the run the lag would pass several seconds and keep going.
                boolean growing = lag[1] > 4000 || lagMid != null && lagMid[1] > 4000;
                System.out.printf(Locale.ROOT, "%-10d %12.0f %9.2f× %10.0f %8d ms %8d ms %8d ms %9d ms %,d%s%n", rate,
                        received, received / rate, allEvents, lag[0], lag[1], lag[2], snapMillis, snap.retainedEvents(),
                        growing ? "  fell behind" : "  kept up");
            }
        } finally {
            child.destroyForcibly().waitFor();
        }
    }

    /** Allocation samples received so far (the totals are published about once a second). */
    private static long samples(LiveSession s) throws InterruptedException {
        Thread.sleep(1100);
        return s.totals().eventCounts().getOrDefault("jdk.ObjectAllocationSample", 0L);
    }

    private static Process start(int rate) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = new File(AllocationStorm.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
        return new ProcessBuilder(java, "-Xmx128m", "-XX:+UseSerialGC", "-XX:-ResizeTLAB", "-XX:TLABSize=2k", "-cp", cp, AllocationStorm.class.getName())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static dev.hashscope.live.JvmConnection connect(long pid) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (true) {
            try {
                return new JvmConnector(Duration.ofSeconds(10)).connect(new LiveTarget.Local(pid));
            } catch (LiveException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(300);
            }
        }
    }

    private LiveBenchmark() {
    }
}
