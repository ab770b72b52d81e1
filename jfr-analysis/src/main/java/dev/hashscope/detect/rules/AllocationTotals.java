package dev.hashscope.detect.rules;

import dev.hashscope.event.AllocationSample;

/**
 * All allocation of one event source: its bytes, its events and the span they cover. The allocation
 * detectors extend it with their own per-site maps, and {@link AllocationSources} keeps one per source.
 */
class AllocationTotals {
    long bytes;
    long events;
    long firstNanos = Long.MAX_VALUE;
    long lastNanos = Long.MIN_VALUE;

    /** Counts {@code e} in the totals; the per-site bookkeeping stays with the detector. */
    void add(AllocationSample e) {
        bytes += e.weightBytes();
        events++;
        firstNanos = Math.min(firstNanos, e.timeNanos());
        lastNanos = Math.max(lastNanos, e.timeNanos());
    }

    void mergeTotals(AllocationTotals o) {
        bytes += o.bytes;
        events += o.events;
        firstNanos = Math.min(firstNanos, o.firstNanos);
        lastNanos = Math.max(lastNanos, o.lastNanos);
    }

    /** Seconds the allocation events cover; at least one, so a burst at one instant is not an infinite rate. */
    double seconds() {
        return events == 0 ? 1 : Math.max(1.0, (lastNanos - firstNanos) / 1e9);
    }

    /** {@code part} over all bytes, 0 where nothing was allocated. */
    double share(long part) {
        return bytes == 0 ? 0 : (double) part / bytes;
    }
}
