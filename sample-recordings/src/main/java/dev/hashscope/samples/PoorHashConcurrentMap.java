package dev.hashscope.samples;

import java.util.SplittableRandom;

/**
 * Pathology: a ConcurrentHashMap whose key type has a collapsing {@code hashCode} ({@link OrderKey}:
 * 12 distinct hashes for 24,000 distinct keys).
 *
 * <p>Every bin that is used overflows to a red-black tree ({@code ConcurrentHashMap$TreeBin} /
 * {@code TreeNode}), and because the key is not Comparable the tree cannot be searched by order:
 * CPU goes to {@code TreeBin.find} / {@code TreeNode.findTreeNode} / {@code TreeBin.putTreeVal}.
 * Four threads placing and looking up orders then also contend on the few bin locks: writers hold a
 * bin's monitor for a whole tree walk, so other writers to that desk wait ({@code jdk.JavaMonitorEnter}
 * on {@code ConcurrentHashMap$TreeBin}, top frame {@code ConcurrentHashMap.putVal}). Readers do not
 * take the monitor; they show up in execution samples instead ({@code TreeBin.find}).
 */
public final class PoorHashConcurrentMap {

    static final String[] DESKS = {
        "rates", "fx", "credit", "equities", "commodities", "munis",
        "mbs", "converts", "etf", "options", "futures", "repo"};
    private static final int ORDERS_PER_DESK = 2_000;
    private static final int THREADS = 4;
    /** One in this many operations is a write; the rest are reads, as in a typical order book. */
    private static final int WRITE_EVERY = 4;

    public static void main(String[] args) {
        OrderKey[] keys = new OrderKey[DESKS.length * ORDERS_PER_DESK];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = new OrderKey(DESKS[i % DESKS.length], 10_000_000L + i);
        }
        OrderBook book = new OrderBook();
        // Pre-fill, so the measured phase is steady state: every bin already a tree.
        for (OrderKey key : keys) {
            book.place(key, new OrderBook.Order(key, 100, 10_000));
        }
        book.lookup(keys[0]); // warm-up: load the read path's classes on main, not in four workers at once

        long deadline = Workers.deadline();
        Workers workers = Workers.create();
        for (int i = 0; i < THREADS; i++) {
            long seed = 2_000 + i;
            workers.add("order-matcher-" + i, () -> matchOrders(book, keys, seed, deadline));
        }
        workers.runAll("PoorHashConcurrentMap");
        System.out.printf("orders=%d%n", book.size());
    }

    private static String matchOrders(OrderBook book, OrderKey[] keys, long seed, long deadline) {
        SplittableRandom random = new SplittableRandom(seed);
        long ops = 0;
        long filled = 0;
        while (Workers.before(deadline)) {
            OrderKey key = keys[random.nextInt(keys.length)];
            if (random.nextInt(WRITE_EVERY) == 0) {
                book.place(key, new OrderBook.Order(key, random.nextInt(1, 1_000), random.nextLong(1, 1_000_000)));
            } else if (book.lookup(key) != null) {
                filled++;
            }
            ops++;
        }
        return String.format("%d operations, %d found", ops, filled);
    }

    private PoorHashConcurrentMap() {
    }
}
