package dev.hashscope.event;

import java.util.Map;

/**
 * What a reader saw: the number of events of every type in the recording (including types Hashscope
 * does not decode), and the layout it read.
 */
public record ReadStats(RecordingLayout layout, Map<String, Long> eventCounts) {
    public ReadStats {
        eventCounts = Map.copyOf(eventCounts);
    }

    public long count(String eventType) {
        return eventCounts.getOrDefault(eventType, 0L);
    }
}
