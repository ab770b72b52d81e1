package dev.hashscope.samples;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * Recorded with the map probe: the control for {@link ProbedPoorHash}. Four threads read pre-sized maps with
 * well-spread keys ({@link AccountDirectory}): chains of one or two entries, no trees, tables between a third and
 * three quarters full, no map contention. Nothing for {@code map.poor-hash}, {@code map.oversized} or
 * {@code map.hot-bucket} to report.
 */
public final class ProbedHealthy {
    private static final int THREADS = 4;

    public static void main(String[] args) {
        Long[] ids = new Long[AccountDirectory.ACCOUNTS];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = 1_000_000_000L + i;
            AccountDirectory.BALANCES.put(ids[i], new LongAdder());
        }
        String[] skus = new String[AccountDirectory.SKUS];
        for (int i = 0; i < skus.length; i++) {
            skus[i] = String.format("SKU-%06d", i);
            AccountDirectory.SKU_PRICES.put(skus[i], 100 + i % 900);
        }
        AccountDirectory.credit(ids[0], 0);
        AccountDirectory.price(skus[0]);

        long deadline = Workers.deadline();
        Workers workers = Workers.create();
        for (int i = 0; i < THREADS; i++) {
            long seed = 11_000 + i;
            workers.add("checkout-" + i, () -> checkout(ids, skus, seed, deadline));
        }
        workers.runAll("ProbedHealthy");
        System.out.printf("accounts=%d skus=%d%n", AccountDirectory.BALANCES.size(), AccountDirectory.SKU_PRICES.size());
    }

    private static String checkout(Long[] ids, String[] skus, long seed, long deadline) {
        SplittableRandom random = new SplittableRandom(seed);
        long orders = 0;
        long total = 0;
        while (Workers.before(deadline)) {
            Integer price = AccountDirectory.price(skus[random.nextInt(skus.length)]);
            AccountDirectory.credit(ids[random.nextInt(ids.length)], price);
            total += price;
            orders++;
            total ^= Workers.work(total, 50);
        }
        return String.format("%d orders, checksum %d", orders, total);
    }

    private ProbedHealthy() {
    }
}
