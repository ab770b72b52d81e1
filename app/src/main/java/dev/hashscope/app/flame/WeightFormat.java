package dev.hashscope.app.flame;

import java.util.Locale;

/** Weights in their tree's unit ({@link dev.hashscope.flame.FlameKind#unit()}) the way people read them. */
final class WeightFormat {
    private WeightFormat() {
    }

    /** 1.25 ms, 3.4 KB, 1,234 samples. */
    static String format(long value, String unit) {
        return switch (unit) {
            case "ns" -> nanos(value);
            case "bytes" -> bytes(value);
            default -> String.format(Locale.ROOT, "%,d %s", value, unit);
        };
    }

    /** 12.34% of {@code of}, or "n/a" when it weighs nothing. */
    static String percent(double value, double of) {
        return of > 0 ? String.format(Locale.ROOT, "%.2f%%", 100 * value / of) : "n/a";
    }

    private static String nanos(long v) {
        if (v >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.2f s", v / 1e9);
        }
        if (v >= 1_000_000L) {
            return String.format(Locale.ROOT, "%.2f ms", v / 1e6);
        }
        if (v >= 1_000L) {
            return String.format(Locale.ROOT, "%.1f \u00b5s", v / 1e3);
        }
        return v + " ns";
    }

    private static String bytes(long v) {
        if (v >= 1L << 30) {
            return String.format(Locale.ROOT, "%.2f GB", v / (double) (1L << 30));
        }
        if (v >= 1L << 20) {
            return String.format(Locale.ROOT, "%.2f MB", v / (double) (1L << 20));
        }
        if (v >= 1L << 10) {
            return String.format(Locale.ROOT, "%.1f KB", v / (double) (1L << 10));
        }
        return v + " B";
    }
}
