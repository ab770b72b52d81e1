package dev.hashscope.flame;

import java.util.regex.Pattern;

/**
 * Which events count: by thread name and by time since the recording started.
 *
 * <p>An event counts when its start lies in {@code [fromNanos, toNanos)} and its thread's name matches
 * {@code threadPattern} anywhere ({@link java.util.regex.Matcher#find()}, so "worker" matches
 * "pool-1-worker-3"). A blocking event is placed at its start: a 2 s stall that began before the range is
 * not counted in it.
 *
 * @param threadPattern null for every thread
 * @param fromNanos     offset from the recording start, inclusive
 * @param toNanos       offset from the recording start, exclusive; {@link Long#MAX_VALUE} for the end
 */
public record EventFilter(Pattern threadPattern, long fromNanos, long toNanos) {
    public static final EventFilter ALL = new EventFilter(null, Long.MIN_VALUE, Long.MAX_VALUE);

    public EventFilter {
        if (fromNanos > toNanos) {
            throw new IllegalArgumentException("time range is empty: from " + fromNanos + " > to " + toNanos);
        }
    }

    /** A filter from command-line values: seconds as decimals, null where not given. */
    public static EventFilter of(String threadRegex, Double fromSeconds, Double toSeconds) {
        return new EventFilter(threadRegex == null ? null : Pattern.compile(threadRegex),
                fromSeconds == null ? Long.MIN_VALUE : Math.round(fromSeconds * 1e9),
                toSeconds == null ? Long.MAX_VALUE : Math.round(toSeconds * 1e9));
    }

    public boolean filtersTime() {
        return fromNanos != Long.MIN_VALUE || toNanos != Long.MAX_VALUE;
    }

    public boolean acceptsOffset(long offsetNanos) {
        return offsetNanos >= fromNanos && offsetNanos < toNanos;
    }

    public boolean acceptsThreadName(String name) {
        return threadPattern == null || threadPattern.matcher(name == null ? "" : name).find();
    }
}
