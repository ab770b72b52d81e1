package dev.hashscope.samples;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Open orders by {@link OrderKey}. The map itself is the right choice (a ConcurrentHashMap); the key's
 * hash is what makes it slow: all entries sit in 12 treeified bins ({@code ConcurrentHashMap$TreeBin}),
 * so lookups are linear tree walks and writers to the same desk queue on that bin's lock.
 */
final class OrderBook {

    private final ConcurrentMap<OrderKey, Order> orders = new ConcurrentHashMap<>();

    /** Writer call site: put into a TreeBin = {@code putTreeVal} under the bin's monitor. */
    void place(OrderKey key, Order order) {
        orders.put(key, order);
    }

    /** Reader call site: {@code TreeBin.find} walks the collided tree (or its list when a writer holds it). */
    Order lookup(OrderKey key) {
        return orders.get(key);
    }

    int size() {
        return orders.size();
    }

    record Order(OrderKey key, int quantity, long priceCents) {
    }
}
