package dev.hashscope.detect;

import dev.hashscope.util.LongObjectMap;
import java.util.BitSet;

/**
 * What happened at one call site: event count, summed weight, durations as a {@link LogHistogram}, the
 * threads involved, and the heaviest stack as its representative. Fixed size per site, mergeable.
 */
public final class SiteAggregate {
    private final LogHistogram durations = new LogHistogram();
    private final BitSet threads = new BitSet();
    /** Representative-stack candidates; primitive, since {@link #add} runs once per event. */
    private final IntLongMap weightByStack = new IntLongMap();
    private long count;
    private long weight;
    private long firstNanos = Long.MAX_VALUE;
    private long lastNanos = Long.MIN_VALUE;

    /** One event of {@code weight} (for blocking events its duration, recorded in the histogram too). */
    public void add(int stack, long weight, int thread, long timeNanos, boolean isDuration) {
        count++;
        this.weight += weight;
        if (isDuration) {
            durations.record(weight);
        }
        if (thread >= 0) {
            threads.set(thread);
        }
        // Bounded: representative stacks are kept for at most 64 distinct stacks per site.
        weightByStack.addIfRoom(stack, weight, 64);
        firstNanos = Math.min(firstNanos, timeNanos);
        lastNanos = Math.max(lastNanos, timeNanos);
    }

    public void merge(SiteAggregate o) {
        count += o.count;
        weight += o.weight;
        durations.merge(o.durations);
        threads.or(o.threads);
        weightByStack.addAll(o.weightByStack);
        firstNanos = Math.min(firstNanos, o.firstNanos);
        lastNanos = Math.max(lastNanos, o.lastNanos);
    }

    /** Merges every site of {@code from} into the site of the same key in {@code into}, or adds it there. */
    public static void mergeAll(LongObjectMap<SiteAggregate> into, LongObjectMap<SiteAggregate> from) {
        from.forEach((key, site) -> {
            SiteAggregate mine = into.get(key);
            if (mine == null) {
                into.put(key, site);
            } else {
                mine.merge(site);
            }
        });
    }

    public long count() {
        return count;
    }

    public long weight() {
        return weight;
    }

    public LogHistogram durations() {
        return durations;
    }

    public int threadCount() {
        return threads.cardinality();
    }

    public long firstNanos() {
        return firstNanos;
    }

    public long lastNanos() {
        return lastNanos;
    }

    /** The stack carrying most weight here, or -1. */
    public int heaviestStack() {
        long[] best = {-1, Long.MIN_VALUE};
        weightByStack.forEach((stack, weight) -> {
            // Ties go to the lower stack id, so the choice does not depend on hash order.
            if (weight > best[1] || (weight == best[1] && stack < best[0])) {
                best[0] = stack;
                best[1] = weight;
            }
        });
        return (int) best[0];
    }

    /**
     * As evidence. Percentiles are filled for duration sites only.
     *
     * @param share this site's weight over all the detector saw, 0..1
     */
    public Evidence.CallSite toCallSite(AnalysisContext ctx, String frame, String mapKind, String operation,
                                        Unit unit, double share) {
        boolean timed = durations.count() > 0;
        return new Evidence.CallSite(frame, mapKind, operation,
                ctx.stackLabels(heaviestStack(), Evidence.CallSite.MAX_STACK), count, weight, unit,
                timed ? durations.percentile(0.50) : null, timed ? durations.percentile(0.99) : null,
                timed ? durations.max() : null, threadCount(), share);
    }
}
