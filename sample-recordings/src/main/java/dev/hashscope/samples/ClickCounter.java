package dev.hashscope.samples;

import java.util.HashMap;
import java.util.Map;

/**
 * Click counts per product id in a {@code HashMap<Integer, Long>}. Product ids are in the tens of
 * thousands, outside the {@code Integer} cache (-128..127), so every call boxes a fresh {@code Integer}
 * key, and every count above 127 boxes a fresh {@code Long}: two allocations per increment, in a hot
 * loop, for what is logically an {@code int → long} counter (fix: a primitive map, an {@code long[]}
 * indexed by id, or a mutable counter value).
 */
final class ClickCounter {

    private final Map<Integer, Long> clicks = new HashMap<>();

    /** The call site the analysis should name: {@code Integer.valueOf} for the key, {@code Long.valueOf} in {@code Long::sum}. */
    void record(int productId) {
        clicks.merge(productId, 1L, Long::sum);
    }

    long total() {
        long total = 0;
        for (long c : clicks.values()) {
            total += c;
        }
        return total;
    }
}
