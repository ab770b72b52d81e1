package dev.hashscope.samples;

import java.util.SplittableRandom;

/**
 * Pathology: boxed counters in hot loops ({@code Map<Integer, Long>} updated per event).
 *
 * <p>Four event-processing threads, each with its own {@link ClickCounter} and {@link SizeHistogram}
 * (per-thread maps: no sharing, no locks, so the recording's signal is allocation only). The maps reach
 * their final size within milliseconds, so there are no resizes afterwards; what remains is
 * {@code Integer.valueOf} and {@code Long.valueOf} allocating on every update: allocation samples of
 * {@code java.lang.Integer} / {@code java.lang.Long} under {@code ClickCounter.record} and
 * {@code SizeHistogram.add}, and a high young-GC rate for a program whose live data is tiny.
 */
public final class BoxingChurn {

    private static final int THREADS = 4;
    private static final int FIRST_PRODUCT_ID = 10_000;
    private static final int PRODUCTS = 20_000;
    private static final int MIN_RESPONSE_BYTES = 16 * 1024;
    private static final int MAX_RESPONSE_BYTES = 1024 * 1024;

    public static void main(String[] args) {
        // Warm-up on main: load both call sites' classes before four workers would do so at once.
        new ClickCounter().record(FIRST_PRODUCT_ID);
        new SizeHistogram().add(MIN_RESPONSE_BYTES);

        long deadline = Workers.deadline();
        Workers workers = Workers.create();
        for (int i = 0; i < THREADS; i++) {
            long seed = 6_000 + i;
            workers.add("event-processor-" + i, () -> processEvents(seed, deadline));
        }
        workers.runAll("BoxingChurn");
    }

    private static String processEvents(long seed, long deadline) {
        SplittableRandom random = new SplittableRandom(seed);
        ClickCounter clicks = new ClickCounter();
        SizeHistogram sizes = new SizeHistogram();
        long events = 0;
        while (Workers.before(deadline)) {
            // Skewed popularity (min of two draws), like real click streams.
            int product = FIRST_PRODUCT_ID + Math.min(random.nextInt(PRODUCTS), random.nextInt(PRODUCTS));
            clicks.record(product);
            sizes.add(random.nextInt(MIN_RESPONSE_BYTES, MAX_RESPONSE_BYTES));
            events++;
        }
        return String.format("%d events, %d clicks counted, %d size buckets", events, clicks.total(), sizes.buckets());
    }

    private BoxingChurn() {
    }
}
