package dev.hashscope.samples;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Account balances done right, as the control: ConcurrentHashMaps sized for their final number of
 * entries up front (no resize while running), keys with a well-spread hash (sequential {@code Long}
 * ids: one per bin, no chains, no trees), and counters that are updated in place ({@link LongAdder})
 * instead of being replaced through a locking {@code merge}/{@code compute}.
 */
final class Ledger {

    private final ConcurrentMap<Long, LongAdder> balances;
    private final ConcurrentMap<Long, Long> lastTransfer;

    Ledger(Long[] accountIds) {
        // ConcurrentHashMap(n) sizes the table for n entries without resizing.
        balances = new ConcurrentHashMap<>(accountIds.length);
        lastTransfer = new ConcurrentHashMap<>(accountIds.length);
        for (Long id : accountIds) {
            balances.put(id, new LongAdder());
            lastTransfer.put(id, 0L);
        }
    }

    /** Hot call site: a lock-free get, then an in-place, striped add. */
    void credit(Long accountId, long amountCents) {
        balances.get(accountId).add(amountCents);
    }

    /** Read call site: lock-free. */
    long balanceOf(Long accountId) {
        return balances.get(accountId).sum();
    }

    /**
     * A plain put: takes the bin's lock, but with one key per bin across 262,144 bins, two threads
     * almost never want the same bin at once, so the lock is uncontended. Amounts are pre-boxed.
     */
    void recordLastTransfer(Long accountId, Long amountCents) {
        lastTransfer.put(accountId, amountCents);
    }

    int accounts() {
        return balances.size();
    }
}
