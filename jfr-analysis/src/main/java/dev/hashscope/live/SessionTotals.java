package dev.hashscope.live;

import java.util.Map;

/**
 * What a live session received from its start, whatever the rolling window has forgotten. Immutable.
 *
 * @param events            events received, of every type
 * @param eventCounts       events received by JFR type name (decoded by Hashscope or not)
 * @param firstEventNanos   epoch ns of the earliest event, 0 before the first
 * @param lastEventNanos    epoch ns of the newest event, 0 before the first
 * @param monitorBlockedNanos thread time blocked entering monitors (events above the recording's threshold)
 * @param parkedNanos       thread time parked (above the threshold)
 * @param allocatedBytes    allocation estimated from the sampled allocation events' weights
 * @param gcPauses          garbage collections
 * @param gcPauseNanos      their summed pause time
 */
public record SessionTotals(long events, Map<String, Long> eventCounts, long firstEventNanos, long lastEventNanos,
                            long monitorBlockedNanos, long parkedNanos, long allocatedBytes, long gcPauses,
                            long gcPauseNanos) {
    public static final SessionTotals NONE = new SessionTotals(0, Map.of(), 0, 0, 0, 0, 0, 0, 0);

    public SessionTotals {
        eventCounts = Map.copyOf(eventCounts);
    }

    /** Seconds between the first and the newest event. */
    public double spanSeconds() {
        return events == 0 ? 0 : (lastEventNanos - firstEventNanos) / 1e9;
    }
}
