package dev.hashscope.app;

import dev.hashscope.detect.Unit;
import dev.hashscope.flame.FlameKind;
import java.util.Locale;

/** Numbers the way the app shows them: "1.5 MB", "2.3 ms", "41.2%", "12,345". */
public final class Units {
    private Units() {
    }

    public static String bytes(double b) {
        if (b < 1024) {
            return String.format(Locale.ROOT, "%.0f B", b);
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double v = b;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    public static String nanos(double ns) {
        if (ns < 1_000) {
            return String.format(Locale.ROOT, "%.0f ns", ns);
        }
        if (ns < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f µs", ns / 1e3);
        }
        if (ns < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.1f ms", ns / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f s", ns / 1e9);
    }

    public static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    public static String seconds(double s) {
        return String.format(Locale.ROOT, "%.2f s", s);
    }

    /** A value in an evidence unit. */
    public static String of(double v, Unit unit) {
        if (unit == null) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return switch (unit) {
            case NANOS -> nanos(v);
            case BYTES -> bytes(v);
            case BYTES_PER_SECOND -> bytes(v) + "/s";
            case FRACTION -> percent(v);
            case SECONDS -> seconds(v);
            case COUNT -> count(Math.round(v));
            case NONE -> String.format(Locale.ROOT, "%,.2f", v);
        };
    }

    /** A flame tree weight: samples, bytes or blocked time. */
    public static String weight(FlameKind kind, long w) {
        return switch (kind) {
            case CPU -> count(w) + (w == 1 ? " sample" : " samples");
            case ALLOC -> bytes(w);
            case LOCK, PARK -> nanos(w);
        };
    }

    /** What the kind is called in the app. */
    public static String kindName(FlameKind kind) {
        return switch (kind) {
            case CPU -> "CPU";
            case ALLOC -> "Allocation";
            case LOCK -> "Lock";
            case PARK -> "Park";
        };
    }

    /** {@code Inventory.record:28} for {@code dev.hashscope.samples.Inventory.record:28}: the package is in the tooltip. */
    public static String shortFrame(String frame) {
        if (frame == null) {
            return "";
        }
        int colon = frame.lastIndexOf(':');
        String name = colon > 0 ? frame.substring(0, colon) : frame;
        int method = name.lastIndexOf('.');
        int cls = method > 0 ? name.lastIndexOf('.', method - 1) : -1;
        return cls >= 0 ? frame.substring(cls + 1) : frame;
    }

    /**
     * A map operation as the evidence names it ({@code COMPUTE_IF_ABSENT}) the way it is called in code
     * ({@code computeIfAbsent}); names it does not know as they are.
     */
    public static String operation(String name) {
        if (name == null || name.isEmpty() || !name.equals(name.toUpperCase(Locale.ROOT))) {
            return name == null ? "" : name;
        }
        return switch (name) {
            case "CONTAINS" -> "containsKey";
            case "CONSTRUCT" -> "<init>";
            case "ITERATE" -> "iteration";
            case "OTHER" -> "call";
            default -> {
                StringBuilder sb = new StringBuilder();
                for (String part : name.toLowerCase(Locale.ROOT).split("_")) {
                    sb.append(sb.length() == 0 || part.isEmpty() ? part
                            : Character.toUpperCase(part.charAt(0)) + part.substring(1));
                }
                yield sb.toString();
            }
        };
    }
}
