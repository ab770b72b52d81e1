package dev.hashscope.samples;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.HashMap;
import java.util.Map;

/**
 * Feature flags in a copy-on-write map: reads are a plain {@code get} on an immutable snapshot held in a
 * volatile field; every write copies the whole map ({@code new HashMap<>(current)}), changes the copy
 * and swaps it in. Fine for a handful of rarely changing entries; with tens of thousands of entries and
 * frequent writes each write allocates and rehashes the whole map (allocation samples under
 * {@code HashMap.<init>} → {@code putMapEntries}), and the old copies become garbage at once.
 */
final class FeatureFlags {

    private static final VarHandle SNAPSHOT;

    static {
        try {
            SNAPSHOT = MethodHandles.lookup().findVarHandle(FeatureFlags.class, "snapshot", Map.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The current snapshot; never mutated after publication. */
    private volatile Map<String, Flag> snapshot;

    FeatureFlags(Map<String, Flag> initial) {
        this.snapshot = new HashMap<>(initial);
    }

    /**
     * The call site the analysis should name: copy, put, swap. The compare-and-set retry keeps
     * concurrent writers from losing each other's updates (without a lock, so that this recording's
     * signal is allocation, not monitor contention); a lost race costs one more full copy.
     */
    void set(String name, Flag flag) {
        while (true) {
            Map<String, Flag> current = snapshot;
            Map<String, Flag> next = new HashMap<>(current); // full copy per write: the pathology
            next.put(name, flag);
            if (SNAPSHOT.compareAndSet(this, current, next)) {
                return;
            }
        }
    }

    /** Reader call site: lock-free and cheap, which is why this pattern gets chosen in the first place. */
    boolean isEnabled(String name) {
        Flag flag = snapshot.get(name);
        return flag != null && flag.enabled();
    }

    int size() {
        return snapshot.size();
    }

    record Flag(boolean enabled, int rolloutPercent) {
    }
}
