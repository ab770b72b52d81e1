package dev.hashscope.samples;

import java.util.SplittableRandom;

/**
 * Pathology: {@code ConcurrentHashMap.computeIfAbsent} with a slow mapping function on hot keys.
 *
 * <p>Four pricing threads keep asking {@link QuoteCache#priceFor} for four hot symbols. An invalidator
 * thread drops one of them every 4 ms (round robin), so each symbol goes missing every 16 ms. The
 * first thread to miss runs the ~3 ms loader while holding the bin lock; the others that want the same
 * symbol block on that lock: {@code jdk.JavaMonitorEnter} events with monitorClass
 * {@code ConcurrentHashMap$ReservationNode} (empty bin) or {@code ConcurrentHashMap$Node} (shared
 * bin), top frame {@code ConcurrentHashMap.computeIfAbsent}, previousOwner another pricing thread.
 */
public final class ComputeIfAbsentHotKey {

    static final String[] HOT_SYMBOLS = {"ACME", "GLOBEX", "INITECH", "UMBRELLA"};
    private static final int THREADS = 4;
    private static final long INVALIDATE_EVERY_MILLIS = 4;
    /** CPU work per priced request besides the cache lookup (a few microseconds). */
    private static final int REQUEST_WORK = 2_000;

    public static void main(String[] args) {
        QuoteCache cache = new QuoteCache();
        // Warm-up on main: load and link the classes on the hot path before the workers start, so the
        // recording has no class-loading lock waits at start-up.
        for (String symbol : HOT_SYMBOLS) {
            cache.priceFor(symbol);
        }
        long deadline = Workers.deadline();
        Workers workers = Workers.create();
        for (int i = 0; i < THREADS; i++) {
            long seed = 3_000 + i;
            workers.add("pricing-worker-" + i, () -> priceOrders(cache, seed, deadline));
        }
        workers.add("quote-invalidator", () -> invalidate(cache, deadline));
        workers.runAll("ComputeIfAbsentHotKey");
    }

    private static String priceOrders(QuoteCache cache, long seed, long deadline) {
        SplittableRandom random = new SplittableRandom(seed);
        long requests = 0;
        long checksum = 0;
        while (Workers.before(deadline)) {
            QuoteCache.Quote quote = cache.priceFor(HOT_SYMBOLS[random.nextInt(HOT_SYMBOLS.length)]);
            checksum += Workers.work(quote.priceCents(), REQUEST_WORK);
            requests++;
        }
        return String.format("%d requests (checksum %d)", requests, checksum & 0xFFFF);
    }

    private static String invalidate(QuoteCache cache, long deadline) {
        long invalidations = 0;
        while (Workers.before(deadline)) {
            cache.invalidate(HOT_SYMBOLS[(int) (invalidations % HOT_SYMBOLS.length)]);
            invalidations++;
            // Thread.sleep rather than LockSupport.parkNanos: a sleep this short is below the
            // jdk.ThreadSleep threshold, whereas a park would add jdk.ThreadPark events unrelated to maps.
            sleep(INVALIDATE_EVERY_MILLIS);
        }
        return String.format("%d invalidations", invalidations);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ComputeIfAbsentHotKey() {
    }
}
