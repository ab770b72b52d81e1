package dev.hashscope.samples;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Starts a fixed set of named platform threads, waits for all of them, and reports how long they ran.
 *
 * <p>Thread names matter: the analysis shows them as the owner / previous owner of a contended map lock,
 * so each worker gets a name that says which call site it drives (e.g. {@code inventory-writer-1}).
 * Threads are simply started one after another rather than released by a latch, because a latch would
 * itself produce {@code jdk.ThreadPark} events that have nothing to do with maps. Each worker returns a
 * one-line summary that the main thread prints after all have finished: workers printing concurrently
 * would contend on {@code System.out}'s lock and add monitor events unrelated to the pathology. (For the
 * same reason worker code formats with {@code String.format} rather than {@code +}: the first use of each
 * string concatenation site links an invokedynamic call site, and threads doing that at the same moment
 * contend on JDK-internal locks.)
 */
final class Workers {

    /** Wall time each workload's measured phase runs for; with JVM and JFR start-up this gives ~5 s. */
    /**
     * How long each workload runs: 4.5 s for the committed recordings; tests that stream a workload live set
     * {@code -Dhashscope.sample.seconds} to keep it running until they stop it.
     */
    static final long RUN_NANOS = (long) (Double.parseDouble(System.getProperty("hashscope.sample.seconds", "4.5"))
            * 1e9);

    private final List<Thread> threads = new ArrayList<>();
    private final List<String> summaries = new ArrayList<>();

    /** Adds a worker thread; {@code body} runs the worker and returns a one-line summary of what it did. */
    Workers add(String name, Supplier<String> body) {
        int slot = summaries.size();
        summaries.add(String.format("%s: did not finish", name));
        threads.add(new Thread(() -> {
            // Each worker writes only its own slot of a list that no longer changes size, and
            // Thread.join() in runAll makes the write visible to main: no lock needed (nor wanted).
            summaries.set(slot, String.format("%s: %s", name, body.get()));
        }, name));
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
        double seconds = (System.nanoTime() - start) / 1e9;
        summaries.forEach(System.out::println);
        System.out.printf("%s: %d threads ran %.2f s%n", workload, threads.size(), seconds);
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
        // Load the classes every worker loop uses on the main thread first: four workers loading a class
        // at the same moment wait on the class loader's lock, which would show up as monitor events.
        new SplittableRandom(0).nextInt(1);
        String.format("%d", 0L);
        return new Workers();
    }
}
