package dev.hashscope.detect.rules;

import dev.hashscope.event.AllocationSample;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The tallies of the two allocation event sources. Sampled ({@code jdk.ObjectAllocationSample}) and TLAB
 * events estimate the same bytes, so they are kept apart and never summed: the sampled ones are used when
 * the recording has any, else the TLAB ones.
 */
final class AllocationSources<T extends AllocationTotals> {
    /** The evidence note of a TLAB-based estimate. */
    static final String TLAB_NOTE =
            "From TLAB events: a sample in a new TLAB weighs the whole TLAB, so byte totals are estimates.";

    private final T sampled;
    private final T tlab;

    AllocationSources(Supplier<T> tally) {
        this.sampled = tally.get();
        this.tlab = tally.get();
    }

    /** Counts {@code e} in its source's totals and returns that source's tally, for the per-site work. */
    T add(AllocationSample e) {
        T t = e.source() == AllocationSample.Source.SAMPLED ? sampled : tlab;
        t.add(e);
        return t;
    }

    /** Merges each source's tally with {@code merge}, which must merge the totals too. */
    void merge(AllocationSources<T> o, BiConsumer<T, T> merge) {
        merge.accept(sampled, o.sampled);
        merge.accept(tlab, o.tlab);
    }

    /** Whether {@link #pick} gives the sampled events: the recording has some, or it has no TLAB events either. */
    boolean sampledPicked() {
        return sampled.events > 0 || tlab.events == 0;
    }

    /** The one source to report from. */
    T pick() {
        return sampledPicked() ? sampled : tlab;
    }
}
