package dev.hashscope.summary;

/** Parses JFR's duration setting values ("20 ms", "100 us", "0 ns", "1 s", "infinity"). */
public final class Durations {
    private Durations() {
    }

    /** Nanoseconds, or null when the value is not a duration. */
    public static Long parseNanos(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        if (v.equals("infinity")) {
            return Long.MAX_VALUE;
        }
        int space = v.indexOf(' ');
        String number = space < 0 ? v.replaceAll("[a-z]+$", "") : v.substring(0, space);
        String unit = space < 0 ? v.substring(number.length()) : v.substring(space + 1).trim();
        long n;
        try {
            n = Long.parseLong(number);
        } catch (NumberFormatException e) {
            return null;
        }
        long scale = switch (unit) {
            case "ns" -> 1L;
            case "us" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m", "min" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            case "d" -> 86_400_000_000_000L;
            default -> -1L;
        };
        return scale < 0 ? null : n * scale;
    }
}
