package dev.hashscope.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.concurrent.locks.ReentrantLock;
import jdk.jfr.Recording;

/**
 * Records, in the test JVM, workloads whose events are known in advance: contention made deterministic
 * by waiting until the other thread is really blocked before letting go.
 */
public final class InProcessRecording {
    private InProcessRecording() {
    }

    /** A recording with one Hashtable stall, one ReentrantLock park, some CPU samples and allocations. */
    public static Path contentionAndWork(Path dir) throws Exception {
        Path file = dir.resolve("in-process.jfr");
        // JFR's sampler now and then takes almost no samples of a short burst in a test JVM that has run many
        // tests before (seen a few times in full builds, never alone): record again rather than hand the
        // tests a recording without the CPU samples they compare.
        for (int attempt = 0; attempt < 3; attempt++) {
            record(file);
            if (count(file, "jdk.ExecutionSample") > 5) {
                break;
            }
        }
        return file;
    }

    private static long count(Path file, String type) throws java.io.IOException {
        long n = 0;
        try (jdk.jfr.consumer.RecordingFile rf = new jdk.jfr.consumer.RecordingFile(file)) {
            while (rf.hasMoreEvents()) {
                if (rf.readEvent().getEventType().getName().equals(type)) {
                    n++;
                }
            }
        }
        return n;
    }

    private static void record(Path file) throws Exception {
        try (Recording r = new Recording()) {
            r.enable("jdk.JavaMonitorEnter").withThreshold(Duration.ofMillis(1)).withStackTrace();
            r.enable("jdk.ThreadPark").withThreshold(Duration.ofMillis(1)).withStackTrace();
            r.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            r.enable("jdk.ObjectAllocationSample").with("throttle", "1000/s");
            r.enable("jdk.GarbageCollection");
            r.enable("jdk.ActiveSetting");
            r.start();
            hashtableStall();
            parkStall();
            burnCpuAndAllocate(Duration.ofMillis(400));
            System.gc();
            r.stop();
            r.dump(file);
        }
    }

    /** Thread "hs-waiter" blocks in Hashtable.put while "hs-holder" holds the table's monitor. */
    public static void hashtableStall() throws InterruptedException {
        Hashtable<String, Integer> table = new Hashtable<>();
        Thread waiter = new Thread(() -> table.put("k", 1), "hs-waiter");
        Thread holder = new Thread(() -> {
            synchronized (table) {
                waiter.start();
                awaitState(waiter, Thread.State.BLOCKED);
                sleep(30);
            }
        }, "hs-holder");
        holder.start();
        holder.join();
        waiter.join();
    }

    /** Thread "hs-parker" parks in ReentrantLock.lock while "hs-locker" holds the lock. */
    public static void parkStall() throws InterruptedException {
        ReentrantLock lock = new ReentrantLock();
        Thread parker = new Thread(() -> {
            lock.lock();
            lock.unlock();
        }, "hs-parker");
        lock.lock();
        try {
            parker.start();
            awaitState(parker, Thread.State.WAITING);
            sleep(30);
        } finally {
            lock.unlock();
        }
        parker.join();
    }

    static volatile Object sink;

    /**
     * Runs for {@code d} of this thread's CPU time (not wall time: on a loaded machine, as when the build runs
     * test JVMs side by side, 400 ms of wall time was at times too little CPU for JFR to take five samples),
     * and for at most ten times {@code d} of wall time.
     */
    public static void burnCpuAndAllocate(Duration d) {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        boolean cpuClock = threads.isCurrentThreadCpuTimeSupported();
        long cpuEnd = cpuClock ? threads.getCurrentThreadCpuTime() + d.toNanos() : 0;
        long end = System.nanoTime() + (cpuClock ? 10 * d.toNanos() : d.toNanos());
        long x = 0;
        while (System.nanoTime() < end && (!cpuClock || threads.getCurrentThreadCpuTime() < cpuEnd)) {
            for (int i = 0; i < 10_000; i++) {
                x += i * 31L ^ (x >>> 3);
            }
            sink = new long[256];
        }
        sink = x;
    }

    private static void awaitState(Thread t, Thread.State state) {
        while (t.getState() != state) {
            Thread.onSpinWait();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Concatenates files: several recordings in one file is a valid JFR file of several chunks. */
    public static Path concat(Path out, Path... parts) throws IOException {
        try (var os = Files.newOutputStream(out)) {
            for (Path p : parts) {
                Files.copy(p, os);
            }
        }
        return out;
    }
}
