package dev.hashscope.event.fast;

/** Open-addressing map from long to object (no boxing of keys); {@code null} when absent. */
final class LongObjectMap<V> {
    private long[] keys;
    private Object[] values;
    private int size;
    private int mask;

    LongObjectMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
        keys = new long[cap];
        values = new Object[cap];
        mask = cap - 1;
    }

    private static int hash(long k) {
        long h = k * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    @SuppressWarnings("unchecked")
    V get(long key) {
        int i = hash(key) & mask;
        Object v;
        while ((v = values[i]) != null) {
            if (keys[i] == key) {
                return (V) v;
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    /** Stores a non-null value. */
    void put(long key, V value) {
        int i = hash(key) & mask;
        while (values[i] != null) {
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
        if (++size * 2 > keys.length) {
            grow();
        }
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new Object[oldKeys.length * 2];
        mask = keys.length - 1;
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != null) {
                @SuppressWarnings("unchecked")
                V v = (V) oldValues[i];
                put(oldKeys[i], v);
            }
        }
    }

    interface Visitor<V> {
        void visit(long key, V value);
    }

    @SuppressWarnings("unchecked")
    void forEach(Visitor<V> visitor) {
        for (int i = 0; i < keys.length; i++) {
            if (values[i] != null) {
                visitor.visit(keys[i], (V) values[i]);
            }
        }
    }
}
