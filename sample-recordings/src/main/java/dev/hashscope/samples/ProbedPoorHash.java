package dev.hashscope.samples;

import java.util.SplittableRandom;

/**
 * Recorded with the map probe ({@code -javaagent:hashscope-map-probe.jar}): a ConcurrentHashMap whose key
 * ({@link TradeKey}) hashes to 12 values fills up from 0 to 24,000 trades while four threads read and write it,
 * so the probe's snapshots show the 12 bins growing into trees (the time × chain-length heatmap) and the
 * writers contend on those bins ({@code JavaMonitorEnter} on {@code ConcurrentHashMap$TreeBin}). Next to it, a
 * session cache that was filled with 300,000 entries at start-up and then cleared keeps its 524,288 buckets
 * for 200 sessions ({@code map.oversized}).
 */
public final class ProbedPoorHash {
    private static final int DESKS = 12;
    private static final int TRADES = 24_000;
    private static final int THREADS = 4;
    private static final int WRITE_EVERY = 4;

    public static void main(String[] args) {
        for (long i = 0; i < 300_000; i++) {
            TradeLedger.SESSIONS.put(i, "session");
        }
        TradeLedger.SESSIONS.clear(); // a HashMap never shrinks: the table keeps its 524,288 buckets
        for (long i = 0; i < 200; i++) {
            TradeLedger.SESSIONS.put(i, "session");
        }
        TradeKey[] keys = new TradeKey[TRADES];
        for (int i = 0; i < TRADES; i++) {
            keys[i] = new TradeKey(i % DESKS, 50_000_000L + i);
        }
        TradeLedger.open(keys[0], 1);
        TradeLedger.quantity(keys[0]);

        long start = System.nanoTime();
        long deadline = Workers.deadline();
        Workers workers = Workers.create();
        for (int i = 0; i < THREADS; i++) {
            long seed = 9_000 + i;
            workers.add("trade-booker-" + i, () -> book(keys, seed, start, deadline));
        }
        workers.runAll("ProbedPoorHash");
        System.out.printf("trades=%d sessions=%d%n", TradeLedger.OPEN_TRADES.size(), TradeLedger.SESSIONS.size());
    }

    /** Trades open over the first 80% of the run, so the table degenerates while it is being watched. */
    private static String book(TradeKey[] keys, long seed, long start, long deadline) {
        SplittableRandom random = new SplittableRandom(seed);
        long ops = 0;
        long found = 0;
        double fillNanos = Workers.RUN_NANOS * 0.8;
        while (Workers.before(deadline)) {
            int open = (int) Math.min(keys.length, 1 + keys.length * ((System.nanoTime() - start) / fillNanos));
            TradeKey key = keys[random.nextInt(open)];
            if (random.nextInt(WRITE_EVERY) == 0) {
                TradeLedger.open(key, random.nextLong(1, 1_000));
            } else if (TradeLedger.quantity(key) != null) {
                found++;
            }
            ops++;
        }
        return String.format("%d operations, %d found", ops, found);
    }

    private ProbedPoorHash() {
    }
}
