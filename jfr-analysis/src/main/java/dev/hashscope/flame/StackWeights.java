package dev.hashscope.flame;

import java.util.Arrays;

/**
 * Summed weight and event count per interned stack id. Stack ids are dense, so this is two arrays;
 * memory grows with distinct stacks, never with events. Mergeable, so partial results (per chunk,
 * per thread) can be combined.
 */
public final class StackWeights {
    private long[] weight = new long[64];
    private long[] count = new long[64];
    private long noStackWeight;
    private long noStackCount;
    private long totalWeight;
    private long totalCount;

    /** Adds one event; {@code stack} may be {@link dev.hashscope.event.Symbols#NO_STACK}. */
    public void add(int stack, long w) {
        totalWeight += w;
        totalCount++;
        if (stack < 0) {
            noStackWeight += w;
            noStackCount++;
            return;
        }
        if (stack >= weight.length) {
            int n = Math.max(stack + 1, weight.length * 2);
            weight = Arrays.copyOf(weight, n);
            count = Arrays.copyOf(count, n);
        }
        weight[stack] += w;
        count[stack]++;
    }

    public void merge(StackWeights other) {
        for (int s = 0; s < other.weight.length; s++) {
            if (other.count[s] != 0) {
                if (s >= weight.length) {
                    weight = Arrays.copyOf(weight, Math.max(s + 1, weight.length * 2));
                    count = Arrays.copyOf(count, weight.length);
                }
                weight[s] += other.weight[s];
                count[s] += other.count[s];
            }
        }
        noStackWeight += other.noStackWeight;
        noStackCount += other.noStackCount;
        totalWeight += other.totalWeight;
        totalCount += other.totalCount;
    }

    /** Upper bound (exclusive) of stack ids that may have weight. */
    public int stackLimit() {
        return weight.length;
    }

    public long weight(int stack) {
        return stack < weight.length ? weight[stack] : 0;
    }

    public long count(int stack) {
        return stack < count.length ? count[stack] : 0;
    }

    public long noStackWeight() {
        return noStackWeight;
    }

    public long noStackCount() {
        return noStackCount;
    }

    public long totalWeight() {
        return totalWeight;
    }

    public long totalCount() {
        return totalCount;
    }
}
