package dev.hashscope.probe;

/**
 * A hash table found in the heap: the object that owns the bucket array ({@code owner}, a HashMap,
 * ConcurrentHashMap, Hashtable or WeakHashMap), how it is laid out, and what the program holds it as
 * ({@code kind}: wrappers and sets first, {@code Collections$SynchronizedMap>HashMap}).
 */
record TableRef(Object owner, TableLayout layout, String kind) {
}
