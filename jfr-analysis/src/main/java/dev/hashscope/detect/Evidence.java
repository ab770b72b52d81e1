package dev.hashscope.detect;

import java.util.List;

/**
 * What a finding rests on, as typed values a report can render and a UI can navigate to: the call sites
 * with their stacks, the monitors, the time windows, and the numbers.
 */
public record Evidence(List<Metric> metrics, List<CallSite> callSites, List<Monitor> monitors,
                       List<TimeWindow> windows, List<String> notes) {
    public static final Evidence NONE = new Evidence(List.of(), List.of(), List.of(), List.of(), List.of());

    public Evidence {
        metrics = List.copyOf(metrics);
        callSites = List.copyOf(callSites);
        monitors = List.copyOf(monitors);
        windows = List.copyOf(windows);
        notes = List.copyOf(notes);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A named number: "blocked total" 1.2e9 NANOS. */
    public record Metric(String name, double value, Unit unit) {
    }

    /**
     * One place in the user's code and what happened there.
     *
     * @param frame     the call site, {@code com.acme.Inventory.record:28} (first frame outside the map code)
     * @param mapKind   {@code Hashtable}, {@code ConcurrentHashMap}, ... or null where no map is on the stack
     * @param operation {@code put}, {@code computeIfAbsent}, ... or null
     * @param stack     a representative stack, top frame first, at most {@link #MAX_STACK} frames
     * @param count     events at this site
     * @param weight    their summed weight in {@code unit} (blocked nanoseconds, bytes, samples)
     * @param p50Nanos  median duration for blocking events, else null; likewise p99 and max
     * @param threads   distinct threads involved
     * @param share     this site's weight over the detector's whole weight, 0..1
     */
    public record CallSite(String frame, String mapKind, String operation, List<String> stack, long count,
                           double weight, Unit unit, Long p50Nanos, Long p99Nanos, Long maxNanos, int threads,
                           double share) {
        public static final int MAX_STACK = 16;

        public CallSite {
            stack = List.copyOf(stack.size() > MAX_STACK ? stack.subList(0, MAX_STACK) : stack);
        }
    }

    /**
     * One lock object.
     *
     * @param holderFrame where the previous owner was when the waiter got the lock (its stack's top user
     *                    frame), when the recording tells; else null
     */
    public record Monitor(String className, long address, long count, long totalNanos, long maxNanos,
                          String holderFrame) {
    }

    /** A span of the recording, seconds from its start. */
    public record TimeWindow(double startSeconds, double endSeconds, String label) {
    }

    /** Collects evidence in the order it is added. */
    public static final class Builder {
        private final java.util.ArrayList<Metric> metrics = new java.util.ArrayList<>();
        private final java.util.ArrayList<CallSite> callSites = new java.util.ArrayList<>();
        private final java.util.ArrayList<Monitor> monitors = new java.util.ArrayList<>();
        private final java.util.ArrayList<TimeWindow> windows = new java.util.ArrayList<>();
        private final java.util.ArrayList<String> notes = new java.util.ArrayList<>();

        public Builder metric(String name, double value, Unit unit) {
            metrics.add(new Metric(name, value, unit));
            return this;
        }

        public Builder callSite(CallSite c) {
            callSites.add(c);
            return this;
        }

        public Builder monitor(Monitor m) {
            monitors.add(m);
            return this;
        }

        public Builder window(TimeWindow w) {
            windows.add(w);
            return this;
        }

        public Builder note(String n) {
            notes.add(n);
            return this;
        }

        public Evidence build() {
            return new Evidence(metrics, callSites, monitors, windows, notes);
        }
    }
}
