package dev.hashscope.event.fast;

/**
 * Converts ticks to epoch nanoseconds with one chunk header's values, with the JDK's arithmetic
 * ({@code jdk.jfr.internal.consumer.TimeConverter}: a double divisor, truncation toward zero).
 */
final class TimeBase {
    private final long startTicks;
    private final long startNanos;
    private final double divisor;
    private final boolean nanoTicks;

    TimeBase(long startTicks, long startNanos, long ticksPerSecond) {
        this.startTicks = startTicks;
        this.startNanos = startNanos;
        this.divisor = (double) ticksPerSecond / 1_000_000_000L;
        this.nanoTicks = divisor == 1.0;
    }

    long timestamp(long ticks) {
        long delta = ticks - startTicks;
        // Linux JVMs count in nanoseconds: a divisor of exactly 1 leaves every delta below 2^53 (about 104
        // days) unchanged in double arithmetic, so the division, once per event, can be skipped exactly.
        if (nanoTicks && delta > -EXACT && delta < EXACT) {
            return startNanos + delta;
        }
        return startNanos + (long) (delta / divisor);
    }

    private static final long EXACT = 1L << 53;

    long timespan(long ticks) {
        return (long) (ticks / divisor);
    }

    /**
     * {@code nanos(getDuration(field))} of JdkRecordingReader: the JDK's unit conversion, then negative
     * durations to 0 and overflow to {@code Long.MAX_VALUE / 4}.
     */
    long durationNanos(long value, String unit) {
        if (value == Long.MIN_VALUE) {
            return 0;
        }
        long nanos;
        try {
            nanos = switch (unit) {
                case "MICROSECONDS" -> 1000L * value;
                case "SECONDS" -> Math.multiplyExact(value, 1_000_000_000L);
                case "MILLISECONDS" -> Math.addExact(Math.multiplyExact(Math.floorDiv(value, 1000L), 1_000_000_000L),
                        Math.floorMod(value, 1000L) * 1_000_000L);
                case "TICKS" -> timespan(value);
                default -> value;
            };
        } catch (ArithmeticException overflow) {
            return value < 0 ? 0 : Long.MAX_VALUE / 4;
        }
        return nanos < 0 ? 0 : nanos;
    }

    /** {@code nanos(getInstant(field))} of JdkRecordingReader (epoch seconds × 10^9 + nanos, wrapping as it does). */
    long instantNanos(long value, String unit) {
        if (value == Long.MIN_VALUE) {
            return -31557014167219200L * 1_000_000_000L; // Instant.MIN
        }
        if (unit.equals("TICKS")) {
            return timestamp(value);
        }
        return Math.floorDiv(value, 1000L) * 1_000_000_000L + Math.floorMod(value, 1000L) * 1_000_000L;
    }
}
