package dev.hashscope.detect;

import java.util.Arrays;

/**
 * A value per dense id (stack, class, method ids from {@link dev.hashscope.event.Symbols} start at 0 and
 * have no gaps), in a plain array: what a detector works out once per stack, looked up per event without
 * hashing. Negative ids (no stack) have no slot: {@link #get} gives null and {@link #put} ignores them.
 */
public final class IdTable<V> {
    private Object[] values = new Object[0];

    @SuppressWarnings("unchecked")
    public V get(int id) {
        return id >= 0 && id < values.length ? (V) values[id] : null;
    }

    public void put(int id, V value) {
        if (id < 0) {
            return;
        }
        if (id >= values.length) {
            values = Arrays.copyOf(values, Math.max(id + 1, Math.max(64, values.length * 2)));
        }
        values[id] = value;
    }
}
