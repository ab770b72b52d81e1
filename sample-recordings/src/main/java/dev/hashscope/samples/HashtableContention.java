package dev.hashscope.samples;

import java.util.SplittableRandom;

/**
 * Pathology: maps behind one global lock ({@link java.util.Hashtable} and
 * {@code Collections.synchronizedMap}) shared by several writer threads.
 *
 * <p>Four request threads each update stock through {@link Inventory#record} (a Hashtable) and then
 * touch a session through {@link SessionRegistry#touch} (a synchronizedMap), so both monitors have four
 * contenders. With four runnable threads on a two-core machine a lock owner is regularly descheduled
 * while holding the monitor, and waiters block for hundreds of microseconds to milliseconds:
 * {@code jdk.JavaMonitorEnter} events with monitorClass {@code java.util.Hashtable} (top frame
 * {@code Hashtable.merge}) and {@code java.util.Collections$SynchronizedMap} (top frame
 * {@code Collections$SynchronizedMap.compute}). Keys are spread over 50k entries on purpose: the
 * contention is on the single monitor, not on any one key, which is what distinguishes this from a
 * hot-key problem.
 */
public final class HashtableContention {

    private static final int SKUS = 50_000;
    private static final int SESSIONS = 50_000;
    private static final int THREADS = 4;

    public static void main(String[] args) {
        String[] skus = names("SKU-", SKUS);
        String[] sessionIds = names("session-", SESSIONS);
        Inventory inventory = new Inventory(skus);
        SessionRegistry registry = new SessionRegistry(sessionIds);
        // Warm-up on main: load and link both call sites before the workers start, so the recording has
        // no class-loading lock waits at start-up.
        inventory.record(skus[0], 0);
        registry.touch(sessionIds[0], 0);

        long deadline = Workers.deadline();
        Workers workers = Workers.create();
        for (int i = 0; i < THREADS; i++) {
            long seed = 1_000 + i; // fixed per-thread seeds: same key sequence every run
            workers.add("order-worker-" + i, () -> serveOrders(inventory, registry, skus, sessionIds, seed, deadline));
        }
        workers.runAll("HashtableContention");
        System.out.printf("inventory=%d sessions=%d%n", inventory.size(), registry.size());
    }

    /** One "request" = a stock update and a session touch, i.e. one call on each globally locked map. */
    private static String serveOrders(Inventory inventory, SessionRegistry registry, String[] skus, String[] sessionIds,
                                    long seed, long deadline) {
        SplittableRandom random = new SplittableRandom(seed);
        long requests = 0;
        while (Workers.before(deadline)) {
            inventory.record(skus[random.nextInt(skus.length)], random.nextInt(-5, 6));
            registry.touch(sessionIds[random.nextInt(sessionIds.length)], requests);
            requests++;
        }
        return String.format("%d requests", requests);
    }

    static String[] names(String prefix, int count) {
        String[] names = new String[count];
        for (int i = 0; i < count; i++) {
            names[i] = prefix + i;
        }
        return names;
    }

    private HashtableContention() {
    }
}
