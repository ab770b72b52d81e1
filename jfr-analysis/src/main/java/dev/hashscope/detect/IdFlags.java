package dev.hashscope.detect;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * A yes/no per dense id (stack, class-name string, method), worked out by {@code rule} the first time an id
 * is asked about and remembered, so per-event tests on names cost one array read. Negative ids are no.
 */
public final class IdFlags {
    private final IntPredicate rule;
    /** 0 not yet asked, 1 yes, 2 no. */
    private byte[] flags = new byte[0];

    public IdFlags(IntPredicate rule) {
        this.rule = rule;
    }

    public boolean test(int id) {
        if (id < 0) {
            return false;
        }
        if (id >= flags.length) {
            flags = Arrays.copyOf(flags, Math.max(id + 1, Math.max(64, flags.length * 2)));
        }
        byte f = flags[id];
        if (f == 0) {
            f = (byte) (rule.test(id) ? 1 : 2);
            flags[id] = f;
        }
        return f == 1;
    }
}
