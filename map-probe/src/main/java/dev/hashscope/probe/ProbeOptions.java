package dev.hashscope.probe;

import java.time.Duration;
import java.util.Locale;

/**
 * The agent's options, parsed from the agent argument string {@code key=value,key=value}.
 *
 * <ul>
 *   <li>{@code period} (default {@code 10s}): how often the probe scans; {@code ms}, {@code s}, {@code m}, {@code h} units.</li>
 *   <li>{@code minSize} (default 64): tables with fewer entries are not reported.</li>
 *   <li>{@code maxObjects} (default 200000): objects the reachability walk may visit per scan.</li>
 *   <li>{@code walkBudget} (default {@code 200ms}): wall time the walk may take per scan.</li>
 *   <li>{@code maxMaps} (default 2000): tables measured per scan (the first found, shortest paths first).</li>
 *   <li>{@code maxEntries} (default 1000000): entries whose hashes a table's distinct-hash ratio and remixed
 *       histogram are computed from; bigger tables still get exact bucket counts.</li>
 *   <li>{@code vector} (default 4096): most values in a table's chain-length vector.</li>
 *   <li>{@code includeJdk} (default false): also walk static fields of {@code java.*}, {@code jdk.*},
 *       {@code sun.*} and {@code com.sun.*} classes.</li>
 *   <li>{@code jfr} (default true): emit {@code hashscope.MapBuckets} events after each scan.</li>
 *   <li>{@code jmx} (default true): register the {@code dev.hashscope:type=MapProbe} MXBean.</li>
 *   <li>{@code maxCpu} (default {@code 1%}): after a scan the probe waits at least {@code 100/maxCpu - 1} times
 *       the CPU time it took (99 times by default), so scanning never takes more than this share of a core.</li>
 * </ul>
 */
public record ProbeOptions(Duration period, int minSize, int maxObjects, Duration walkBudget, int maxMaps,
                           int maxEntries, int vectorLength, boolean includeJdk, boolean jfr, boolean jmx,
                           double maxCpuPercent) {

    public static final ProbeOptions DEFAULTS = new ProbeOptions(Duration.ofSeconds(10), 64, 200_000,
            Duration.ofMillis(200), 2000, 1_000_000, 4096, false, true, true, 1.0);

    public ProbeOptions {
        if (period.toMillis() < 10) {
            throw new IllegalArgumentException("period must be at least 10ms");
        }
        if (!(maxCpuPercent > 0 && maxCpuPercent <= 100)) {
            throw new IllegalArgumentException("maxCpu must be a percentage above 0 and at most 100");
        }
        if (minSize < 0 || maxObjects < 1 || maxMaps < 1 || maxEntries < 1 || vectorLength < 1) {
            throw new IllegalArgumentException("sizes and budgets must be positive");
        }
    }

    /** Parses {@code period=10s,minSize=64}; {@code null} or empty gives the defaults. */
    public static ProbeOptions parse(String args) {
        ProbeOptions o = DEFAULTS;
        if (args == null || args.isBlank()) {
            return o;
        }
        for (String part : args.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("option '" + p + "' is not key=value");
            }
            String key = p.substring(0, eq).trim();
            String value = p.substring(eq + 1).trim();
            o = switch (key) {
                case "period" -> new ProbeOptions(duration(key, value), o.minSize, o.maxObjects, o.walkBudget,
                        o.maxMaps, o.maxEntries, o.vectorLength, o.includeJdk, o.jfr, o.jmx, o.maxCpuPercent);
                case "minSize" -> new ProbeOptions(o.period, integer(key, value), o.maxObjects, o.walkBudget,
                        o.maxMaps, o.maxEntries, o.vectorLength, o.includeJdk, o.jfr, o.jmx, o.maxCpuPercent);
                case "maxObjects" -> new ProbeOptions(o.period, o.minSize, integer(key, value), o.walkBudget,
                        o.maxMaps, o.maxEntries, o.vectorLength, o.includeJdk, o.jfr, o.jmx, o.maxCpuPercent);
                case "walkBudget" -> new ProbeOptions(o.period, o.minSize, o.maxObjects, duration(key, value),
                        o.maxMaps, o.maxEntries, o.vectorLength, o.includeJdk, o.jfr, o.jmx, o.maxCpuPercent);
                case "maxMaps" -> new ProbeOptions(o.period, o.minSize, o.maxObjects, o.walkBudget,
                        integer(key, value), o.maxEntries, o.vectorLength, o.includeJdk, o.jfr, o.jmx, o.maxCpuPercent);
                case "maxEntries" -> new ProbeOptions(o.period, o.minSize, o.maxObjects, o.walkBudget,
                        o.maxMaps, integer(key, value), o.vectorLength, o.includeJdk, o.jfr, o.jmx, o.maxCpuPercent);
                case "vector" -> new ProbeOptions(o.period, o.minSize, o.maxObjects, o.walkBudget,
                        o.maxMaps, o.maxEntries, integer(key, value), o.includeJdk, o.jfr, o.jmx, o.maxCpuPercent);
                case "includeJdk" -> new ProbeOptions(o.period, o.minSize, o.maxObjects, o.walkBudget,
                        o.maxMaps, o.maxEntries, o.vectorLength, bool(key, value), o.jfr, o.jmx, o.maxCpuPercent);
                case "jfr" -> new ProbeOptions(o.period, o.minSize, o.maxObjects, o.walkBudget,
                        o.maxMaps, o.maxEntries, o.vectorLength, o.includeJdk, bool(key, value), o.jmx, o.maxCpuPercent);
                case "jmx" -> new ProbeOptions(o.period, o.minSize, o.maxObjects, o.walkBudget,
                        o.maxMaps, o.maxEntries, o.vectorLength, o.includeJdk, o.jfr, bool(key, value), o.maxCpuPercent);
                case "maxCpu" -> new ProbeOptions(o.period, o.minSize, o.maxObjects, o.walkBudget, o.maxMaps,
                        o.maxEntries, o.vectorLength, o.includeJdk, o.jfr, o.jmx, percent(key, value));
                default -> throw new IllegalArgumentException("unknown option '" + key + "' (known: period, "
                        + "minSize, maxObjects, walkBudget, maxMaps, maxEntries, vector, includeJdk, jfr, jmx, maxCpu)");
            };
        }
        return o;
    }

    private static int integer(String key, String value) {
        try {
            return Integer.parseInt(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, got '" + value + "'");
        }
    }

    private static double percent(String key, String value) {
        try {
            return Double.parseDouble(value.endsWith("%") ? value.substring(0, value.length() - 1) : value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a percentage like 1% or 0.5, got '" + value + "'");
        }
    }

    /** How long to wait after a scan that took {@code scanCpuNanos}, so scans use at most maxCpu of a core. */
    long pauseNanosAfter(long scanCpuNanos) {
        double factor = 100.0 / maxCpuPercent - 1;
        return Math.max(period.toNanos(), (long) (scanCpuNanos * factor));
    }

    private static boolean bool(String key, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false, got '" + value + "'");
        };
    }

    static Duration duration(String key, String value) {
        String v = value.toLowerCase(Locale.ROOT);
        try {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            } else if (v.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
            } else if (v.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
            } else if (v.endsWith("h")) {
                return Duration.ofHours(Long.parseLong(v.substring(0, v.length() - 1)));
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException(key + " must be a duration like 500ms, 10s, 1m or 1h, got '" + value + "'");
    }

    @Override
    public String toString() {
        return "period=" + period.toMillis() + "ms,minSize=" + minSize + ",maxObjects=" + maxObjects
                + ",walkBudget=" + walkBudget.toMillis() + "ms,maxMaps=" + maxMaps + ",maxEntries=" + maxEntries
                + ",vector=" + vectorLength + ",includeJdk=" + includeJdk + ",jfr=" + jfr + ",jmx=" + jmx
                + ",maxCpu=" + maxCpuPercent + "%";
    }
}
