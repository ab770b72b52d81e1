package dev.hashscope.util;

/**
 * Open-addressing map from long to a non-null object, for lookups keyed by packed ids on per-event paths (the
 * detectors' tables, the fast reader's constant pools and metadata): no boxed keys, no allocation once the key
 * is present. No removal.
 */
public final class LongObjectMap<V> {
    private long[] keys;
    private Object[] values;
    private int size;
    private int mask;

    public LongObjectMap() {
        this(8);
    }

    public LongObjectMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
        keys = new long[cap];
        values = new Object[cap];
        mask = cap - 1;
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    /** The value for {@code key}, or null. */
    @SuppressWarnings("unchecked")
    public V get(long key) {
        int i = slot(key, mask);
        Object v;
        while ((v = values[i]) != null) {
            if (keys[i] == key) {
                return (V) v;
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    /** Stores a non-null value, replacing any. */
    public void put(long key, V value) {
        if (value == null) {
            throw new IllegalArgumentException("null value");
        }
        int i = slot(key, mask);
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

    public int size() {
        return size;
    }

    public interface Visitor<V> {
        void visit(long key, V value);
    }

    /** Calls {@code visitor} with every entry, in no particular order. */
    @SuppressWarnings("unchecked")
    public void forEach(Visitor<V> visitor) {
        for (int i = 0; i < keys.length; i++) {
            if (values[i] != null) {
                visitor.visit(keys[i], (V) values[i]);
            }
        }
    }

    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new Object[oldKeys.length * 2];
        mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != null) {
                int j = slot(oldKeys[i], mask);
                while (values[j] != null) {
                    j = (j + 1) & mask;
                }
                keys[j] = oldKeys[i];
                values[j] = oldValues[i];
            }
        }
    }
}
