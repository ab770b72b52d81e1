package dev.hashscope.samples;

import java.util.HashMap;
import java.util.Map;

/**
 * Builds a by-id index over a batch of customers. The bug under diagnosis: the HashMap is created
 * with the default capacity although the final size is known up front, so filling it to ~500k entries
 * doubles the table 16 → 1,048,576 (17 resizes), each {@code HashMap.resize} allocating a new table
 * (the last ones megabytes, outside the TLAB) and rehashing every entry into it. The fix is
 * {@code HashMap.newHashMap(n)} (JDK 19+) or {@code new HashMap<>((int) (n / 0.75f) + 1)}.
 */
final class IndexBuilder {

    /** The call site the analysis should name: the un-sized map is created and filled here. */
    static Map<Long, Customer> build(Customer[] customers) {
        Map<Long, Customer> byId = new HashMap<>(); // no initial capacity: the pathology
        for (Customer customer : customers) {
            byId.put(customer.id(), customer);
        }
        return byId;
    }

    /** A customer record; the id is boxed once, at creation, so that building the index boxes nothing. */
    record Customer(Long id, String name, int segment) {
    }

    private IndexBuilder() {
    }
}
