package dev.hashscope.summary;

import dev.hashscope.event.JvmInfo;
import dev.hashscope.event.RecordingLayout;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * What a recording holds, for the {@code summary} command and for deciding which analyses apply.
 *
 * @param jvm         the recorded JVM, or null when the recording has no {@code jdk.JVMInformation}
 * @param eventCounts events per type, every type that occurs
 * @param settings    settings in force per event type, e.g. {@code jdk.JavaMonitorEnter -> {threshold=100 us}};
 *                    where several recordings overlapped, the most permissive value of each
 * @param threadCount threads that appear in decoded events
 * @param support     for each analysis, whether the recording supports it
 */
public record RecordingSummary(RecordingLayout layout, JvmInfo jvm, SortedMap<String, Long> eventCounts,
                               Map<String, Map<String, String>> settings, int threadCount, List<Support> support) {

    /**
     * Whether one analysis is possible, and on how many events.
     *
     * @param enabledEvents the capability's event types that the recording's settings enabled: with zero
     *                      events this means "recorded, nothing happened", not "not recorded"
     */
    public record Support(Capability capability, long events, String eventTypes, List<String> enabledEvents) {
        public Support {
            enabledEvents = List.copyOf(enabledEvents);
        }

        /** The recording has the events, or had them enabled (so their absence is a result). */
        public boolean supported() {
            return events > 0 || !enabledEvents.isEmpty();
        }
    }
}
