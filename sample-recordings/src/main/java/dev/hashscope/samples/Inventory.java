package dev.hashscope.samples;

import java.util.Hashtable;
import java.util.Map;

/**
 * Stock levels per SKU, kept in a legacy {@link Hashtable}. Every method of Hashtable is
 * {@code synchronized} on the table itself, so all writer threads serialize on one monitor no matter
 * which SKU they touch: this is the "one global lock" pathology.
 */
final class Inventory {

    // Hashtable, not ConcurrentHashMap: this is the code under diagnosis.
    private final Map<String, Integer> stock = new Hashtable<>();

    Inventory(String[] skus) {
        for (String sku : skus) {
            stock.put(sku, 1_000);
        }
    }

    /**
     * The call site the analysis should name. {@code Hashtable.merge} runs the remapping function while
     * holding the table's monitor, so the critical section is a lookup in a large table plus the
     * remapping; other writers wait on {@code java.util.Hashtable} meanwhile.
     */
    int record(String sku, int delta) {
        return stock.merge(sku, delta, Inventory::applyDelta);
    }

    // Runs inside the Hashtable monitor (see record); clamps at zero like a real stock ledger would.
    private static Integer applyDelta(Integer current, Integer delta) {
        int next = current + delta;
        return next < 0 ? 0 : next;
    }

    int size() {
        return stock.size();
    }
}
