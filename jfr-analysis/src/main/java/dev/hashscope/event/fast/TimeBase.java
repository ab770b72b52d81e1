package dev.hashscope.event.fast;

/**
 * Converts ticks to epoch nanoseconds with one chunk header's values, with the JDK's arithmetic
 * ({@code jdk.jfr.internal.consumer.TimeConverter}: a double divisor, truncation toward zero).
 */
final class TimeBase {
    private final long startTicks;
    private final long startNanos;
    private final double divisor;

    TimeBase(long startTicks, long startNanos, long ticksPerSecond) {
        this.startTicks = startTicks;
        this.startNanos = startNanos;
        this.divisor = (double) ticksPerSecond / 1_000_000_000L;
    }

    long timestamp(long ticks) {
        return startNanos + (long) ((ticks - startTicks) / divisor);
    }

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
