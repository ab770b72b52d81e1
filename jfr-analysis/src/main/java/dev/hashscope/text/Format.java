package dev.hashscope.text;

import java.util.Locale;

/** Human-readable numbers for reports and terminal output ("1.5 MB", "2.3 ms", "41.2%"). */
public final class Format {
    private Format() {
    }

    public static String bytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        double v = b;
        String[] units = {"KB", "MB", "GB", "TB"};
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    public static String nanos(long ns) {
        if (ns < 1_000) {
            return ns + " ns";
        }
        if (ns < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f us", ns / 1e3);
        }
        if (ns < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.1f ms", ns / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f s", ns / 1e9);
    }

    /** A fraction 0..1 as a percentage with one decimal: "41.2%". */
    public static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    /** Seconds with one decimal: "12.4 s". */
    public static String seconds(double s) {
        return String.format(Locale.ROOT, "%.1f s", s);
    }

    /** A count with thousands separators: "12,345". */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
