package dev.hashscope.app.analysis;

import java.util.Locale;

/** A span of the recording, seconds from its start; {@code from < to}. */
public record TimeRange(double fromSeconds, double toSeconds) {
    public TimeRange {
        if (!(fromSeconds < toSeconds) || Double.isNaN(fromSeconds) || Double.isInfinite(toSeconds)) {
            throw new IllegalArgumentException("empty time range: " + fromSeconds + " .. " + toSeconds);
        }
    }

    /** The range between two points in either order, or null when they coincide. */
    public static TimeRange between(double a, double b) {
        double from = Math.min(a, b);
        double to = Math.max(a, b);
        return from < to ? new TimeRange(from, to) : null;
    }

    public double length() {
        return toSeconds - fromSeconds;
    }

    /** "1.20 s – 2.45 s". */
    public String label() {
        return String.format(Locale.ROOT, "%.2f s – %.2f s", fromSeconds, toSeconds);
    }
}
