package dev.hashscope.timeline;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A recording's activity over time, in fixed windows from its start: what a timeline chart draws.
 * Immutable: arrays are copied in and out.
 */
public final class Timeline {
    /** The per-window series. */
    public enum Series {
        /** Bytes allocated per second, all allocation sites. */
        ALLOCATION_RATE("allocation, all", "bytes/s"),
        /** Bytes allocated per second by stacks inside a map operation. */
        MAP_ALLOCATION_RATE("allocation in map operations", "bytes/s"),
        /** Milliseconds the application was stopped by GC in the window. */
        GC_PAUSE("GC pause", "ms"),
        /** Thread-milliseconds spent blocked entering monitors in the window, summed over threads. */
        LOCK_BLOCKED("lock-blocked", "ms"),
        /** Thread-milliseconds spent parked in the window, summed over threads. */
        PARK("parked", "ms");

        private final String label;
        private final String unit;

        Series(String label, String unit) {
            this.label = label;
            this.unit = unit;
        }

        public String label() {
            return label;
        }

        public String unit() {
            return unit;
        }
    }

    /** One {@code jdk.CPULoad} reading, seconds from the recording start; loads are fractions of all cores. */
    public record CpuPoint(double seconds, double jvm, double machine) {
    }

    /** One stop-the-world pause, seconds from the recording start. */
    public record Pause(double startSeconds, double durationSeconds) {
    }

    public static final Timeline EMPTY = new Timeline(0, 0.1, new EnumMap<>(Series.class), List.of(), List.of());

    private final double durationSeconds;
    private final double windowSeconds;
    private final Map<Series, double[]> series;
    private final List<CpuPoint> cpu;
    private final List<Pause> pauses;

    /**
     * @param durationSeconds the recording's length
     * @param windowSeconds   width of one window; window {@code i} covers {@code [i*w, (i+1)*w)}
     * @param series          per-window values; missing series count as all zero
     */
    public Timeline(double durationSeconds, double windowSeconds, Map<Series, double[]> series, List<CpuPoint> cpu,
                    List<Pause> pauses) {
        if (!(windowSeconds > 0)) {
            throw new IllegalArgumentException("window must be positive: " + windowSeconds);
        }
        this.durationSeconds = durationSeconds;
        this.windowSeconds = windowSeconds;
        int n = 0;
        for (double[] v : series.values()) {
            n = Math.max(n, v.length);
        }
        Map<Series, double[]> copy = new EnumMap<>(Series.class);
        for (Series s : Series.values()) {
            double[] v = series.get(s);
            copy.put(s, v == null ? new double[n] : Arrays.copyOf(v, n));
        }
        this.series = copy;
        this.cpu = List.copyOf(cpu);
        this.pauses = List.copyOf(pauses);
    }

    public double durationSeconds() {
        return durationSeconds;
    }

    public double windowSeconds() {
        return windowSeconds;
    }

    public int windowCount() {
        return series.get(Series.ALLOCATION_RATE).length;
    }

    /** Where window {@code i} starts, seconds from the recording start. */
    public double windowStart(int i) {
        return i * windowSeconds;
    }

    public double value(Series s, int window) {
        return series.get(s)[window];
    }

    /** A copy of one series. */
    public double[] values(Series s) {
        return series.get(s).clone();
    }

    /** The largest value of a series, 0 when empty. */
    public double max(Series s) {
        double m = 0;
        for (double v : series.get(s)) {
            m = Math.max(m, v);
        }
        return m;
    }

    public List<CpuPoint> cpu() {
        return cpu;
    }

    public List<Pause> pauses() {
        return pauses;
    }
}
