package dev.hashscope.samples;

import java.util.SplittableRandom;

/**
 * Control: the same shape of workload as the pathologies (four threads, ~5 s, shared maps, reads and
 * writes), done right, via {@link Ledger}. The analysis should find nothing to report here: no
 * monitor contention on map classes, no {@code HashMap.resize}/{@code ConcurrentHashMap} table
 * allocations after start-up, no treeified bins, and next to no allocation in the steady state (ids
 * and amounts are boxed once, up front).
 */
public final class HealthyControl {

    private static final int ACCOUNTS = 100_000;
    private static final int THREADS = 4;
    /** Distinct pre-boxed transfer amounts, so that the hot loop does not allocate Longs. */
    private static final int AMOUNTS = 1_024;

    public static void main(String[] args) {
        Long[] accountIds = new Long[ACCOUNTS];
        for (int i = 0; i < ACCOUNTS; i++) {
            accountIds[i] = 1_000_000_000L + i;
        }
        Long[] amounts = new Long[AMOUNTS];
        for (int i = 0; i < AMOUNTS; i++) {
            amounts[i] = 1_000L + 17L * i;
        }
        Ledger ledger = new Ledger(accountIds);
        // Warm-up on main: load the call sites' classes before four workers would do so at once.
        ledger.credit(accountIds[0], 0);
        ledger.recordLastTransfer(accountIds[0], amounts[0]);
        ledger.balanceOf(accountIds[0]);

        long deadline = Workers.deadline();
        Workers workers = Workers.create();
        for (int i = 0; i < THREADS; i++) {
            long seed = 7_000 + i;
            workers.add("ledger-worker-" + i, () -> postTransfers(ledger, accountIds, amounts, seed, deadline));
        }
        workers.runAll("HealthyControl");
        System.out.printf("accounts=%d%n", ledger.accounts());
    }

    private static String postTransfers(Ledger ledger, Long[] accountIds, Long[] amounts, long seed, long deadline) {
        SplittableRandom random = new SplittableRandom(seed);
        long transfers = 0;
        long checksum = 0;
        while (Workers.before(deadline)) {
            Long from = accountIds[random.nextInt(accountIds.length)];
            Long to = accountIds[random.nextInt(accountIds.length)];
            Long amount = amounts[random.nextInt(amounts.length)];
            ledger.credit(from, -amount);
            ledger.credit(to, amount);
            if ((transfers & 15) == 0) {
                // Every 16th transfer is also audited with a plain (bin-locking) put. Doing that on every
                // transfer would, on a 2-core machine running 4 threads, make two threads meet on the same
                // bin lock a few times per second by pure chance (and then wait for a CPU, i.e. for ms):
                // harmless, but not the "nothing to see" baseline this control is for.
                ledger.recordLastTransfer(to, amount);
                checksum += ledger.balanceOf(from);
            }
            transfers++;
        }
        return String.format("%d transfers (checksum %d)", transfers, checksum & 0xFFFF);
    }

    private HealthyControl() {
    }
}
