package dev.hashscope.hardening;

import java.util.Hashtable;

/**
 * Bytecode template for {@link HostileNames}: loaded only under a renamed copy (class and method names that no
 * Java source can spell), never by this name. No lambdas and no references to its own type, so that its name
 * appears in the constant pool exactly once.
 */
public final class HostileTemplate {
    public static Hashtable<String, Long> table;
    public static Object sink;

    private HostileTemplate() {
    }

    /** Burns CPU and allocates for {@code millis}, then puts into {@link #table} (where a test makes it block). */
    public static long hostileWork(long millis) {
        long end = System.nanoTime() + millis * 1_000_000L;
        long x = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 10_000; i++) {
                x += i * 31L ^ (x >>> 3);
            }
            sink = new long[256];
        }
        table.put("k", x);
        return x;
    }
}
