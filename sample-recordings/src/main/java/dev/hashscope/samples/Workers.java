package dev.hashscope.samples;

import java.util.ArrayList;
import java.util.List;

/**
 * Starts a fixed set of named platform threads, waits for all of them, and reports how long they ran.
 *
 * <p>Thread names matter: the analysis shows them as the owner / previous owner of a contended map lock,
 * so each worker gets a name that says which call site it drives (e.g. {@code inventory-writer-1}).
 * Threads are simply started one after another rather than released by a latch, because a latch would
 * itself produce {@code jdk.ThreadPark} events that have nothing to do with maps.
 */
final class Workers {

    /** Wall time each workload's measured phase runs for; with JVM and JFR start-up this gives ~5 s. */
    static final long RUN_NANOS = 4_500_000_000L;

    private final List<Thread> threads = new ArrayList<>();

    Workers add(String name, Runnable body) {
        Thread t = new Thread(body, name);
        threads.add(t);
        return this;
    }

    /** Runs all added threads to completion and prints a one-line summary for the record script's log. */
    void runAll(String workload) {
        long start = System.nanoTime();
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + t.getName(), e);
            }
        }
        System.out.printf("%s: %d threads ran %.2f s%n", workload, threads.size(), (System.nanoTime() - start) / 1e9);
    }

    /** A deadline {@link #RUN_NANOS} from now; workers poll it so every workload runs for the same wall time. */
    static long deadline() {
        return System.nanoTime() + RUN_NANOS;
    }

    static boolean before(long deadline) {
        return System.nanoTime() - deadline < 0;
    }

    /**
     * Burns roughly {@code iterations} cheap arithmetic steps and returns a value the JIT cannot discard.
     * Used to model "the rest of the request" between map calls, so workers are not 100% map calls.
     */
    static long work(long seed, int iterations) {
        long x = seed | 1;
        for (int i = 0; i < iterations; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        return x;
    }

    private Workers() {
    }

    static Workers create() {
        return new Workers();
    }
}
