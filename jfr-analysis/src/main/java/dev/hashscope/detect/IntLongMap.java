package dev.hashscope.detect;

import java.util.Arrays;

/**
 * Open-addressing map from int to long, for per-event tallies keyed by interned ids (stacks, methods):
 * adding to a key neither boxes nor allocates once the key is present. No removal.
 */
public final class IntLongMap {
    private static final int FREE = Integer.MIN_VALUE;
    private int[] keys;
    private long[] values;
    private int size;
    private int mask;

    public IntLongMap() {
        this(8);
    }

    public IntLongMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
        keys = new int[cap];
        Arrays.fill(keys, FREE);
        values = new long[cap];
        mask = cap - 1;
    }

    private static int slot(int key, int mask) {
        int h = key * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }

    private int find(int key) {
        int i = slot(key, mask);
        int k;
        while ((k = keys[i]) != FREE) {
            if (k == key) {
                return i;
            }
            i = (i + 1) & mask;
        }
        return -1 - i;
    }

    public boolean containsKey(int key) {
        checkKey(key);
        return find(key) >= 0;
    }

    /** The value for {@code key}, or {@code absent}. */
    public long get(int key, long absent) {
        checkKey(key);
        int i = find(key);
        return i >= 0 ? values[i] : absent;
    }

    /** Adds {@code delta} to the key's value (0 when absent). */
    public void add(int key, long delta) {
        addIfRoom(key, delta, Integer.MAX_VALUE);
    }

    public int size() {
        return size;
    }

    /** Calls {@code visitor} with every entry, in no particular order. */
    public void forEach(Visitor visitor) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != FREE) {
                visitor.visit(keys[i], values[i]);
            }
        }
    }

    /**
     * Adds {@code delta} to the key's value if the key is present or the map has fewer than {@code maxKeys}
     * keys; otherwise does nothing. One probe, where {@code containsKey} then {@code add} took two.
     */
    public void addIfRoom(int key, long delta, int maxKeys) {
        checkKey(key);
        int i = find(key);
        if (i >= 0) {
            values[i] += delta;
            return;
        }
        if (size >= maxKeys) {
            return;
        }
        i = -1 - i;
        keys[i] = key;
        values[i] = delta;
        if (++size * 2 > keys.length) {
            grow();
        }
    }

    /** The sum of the values. */
    public long sum() {
        long sum = 0;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != FREE) {
                sum += values[i];
            }
        }
        return sum;
    }

    /** The entries by key, boxed: for reading once the events are in, not per event. */
    public java.util.TreeMap<Integer, Long> sorted() {
        java.util.TreeMap<Integer, Long> m = new java.util.TreeMap<>();
        forEach(m::put);
        return m;
    }

    /** Adds every entry of {@code other} to this map. */
    public void addAll(IntLongMap other) {
        for (int i = 0; i < other.keys.length; i++) {
            if (other.keys[i] != FREE) {
                add(other.keys[i], other.values[i]);
            }
        }
    }

    public interface Visitor {
        void visit(int key, long value);
    }

    private static void checkKey(int key) {
        if (key == FREE) {
            throw new IllegalArgumentException("key " + key + " is reserved");
        }
    }

    private void grow() {
        int[] oldKeys = keys;
        long[] oldValues = values;
        keys = new int[oldKeys.length * 2];
        Arrays.fill(keys, FREE);
        values = new long[oldKeys.length * 2];
        mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != FREE) {
                int j = slot(oldKeys[i], mask);
                while (keys[j] != FREE) {
                    j = (j + 1) & mask;
                }
                keys[j] = oldKeys[i];
                values[j] = oldValues[i];
            }
        }
    }
}
