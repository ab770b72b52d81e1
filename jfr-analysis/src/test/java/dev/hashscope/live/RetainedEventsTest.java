package dev.hashscope.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hashscope.event.EventSink;
import dev.hashscope.event.ExecutionSample;
import dev.hashscope.event.MonitorBlocked;
import dev.hashscope.event.RecordingSetting;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetainedEventsTest {
    private static final long S = 1_000_000_000L;

    @Test
    void dropsEventsOlderThanTheWindowBeforeTheNewest() {
        RetainedEvents r = new RetainedEvents(10 * S, 1000);
        for (int i = 0; i <= 30; i++) {
            r.executionSample(new ExecutionSample(i * S, 0, 0));
        }
        // Newest at 30 s, window 10 s: 20..30 stay.
        assertEquals(11, r.size());
        assertEquals(20, r.dropped());
        assertEquals(19 * S, r.completeFromNanos());
        assertEquals(List.of(20L, 21L, 30L), times(r, 20, 21, 30));
    }

    @Test
    void dropsTheOldestBeyondTheEventCap() {
        RetainedEvents r = new RetainedEvents(1000 * S, 5);
        for (int i = 0; i < 8; i++) {
            r.monitorBlocked(new MonitorBlocked(i * S, 1, 0, 0, 0, 0, 0));
        }
        assertEquals(5, r.size());
        assertEquals(3, r.dropped());
        assertEquals(2 * S, r.completeFromNanos());
    }

    @Test
    void replaysSettingsFirstAndEventsInArrivalOrderOnlyOfTheKindsASinkWants() {
        RetainedEvents r = new RetainedEvents(100 * S, 100);
        r.executionSample(new ExecutionSample(1, 0, 0));
        r.setting(new RecordingSetting("jdk.JavaMonitorEnter", "threshold", "10 ms"));
        r.monitorBlocked(new MonitorBlocked(2, 5, 0, 0, 0, 0, 0));
        r.setting(new RecordingSetting("jdk.JavaMonitorEnter", "threshold", "100 us"));
        List<String> seen = new ArrayList<>();
        r.replay(new EventSink() {
            @Override
            public java.util.Set<dev.hashscope.event.EventKind> kinds() {
                return java.util.EnumSet.of(dev.hashscope.event.EventKind.MONITOR_BLOCKED,
                        dev.hashscope.event.EventKind.SETTING);
            }

            @Override
            public void setting(RecordingSetting e) {
                seen.add("setting " + e.value());
            }

            @Override
            public void monitorBlocked(MonitorBlocked e) {
                seen.add("blocked " + e.startNanos());
            }

            @Override
            public void executionSample(ExecutionSample e) {
                seen.add("sample " + e.timeNanos());
            }
        });
        // The newest value of a setting, once; the execution sample is not a kind this sink wants.
        assertEquals(List.of("setting 100 us", "blocked 2"), seen);
    }

    @Test
    void rejectsBoundsThatKeepNothing() {
        assertThrows(IllegalArgumentException.class, () -> new RetainedEvents(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new RetainedEvents(S, 0));
    }

    private static List<Long> times(RetainedEvents r, int... pick) {
        List<Long> all = new ArrayList<>();
        r.replay(new EventSink() {
            @Override
            public void executionSample(ExecutionSample e) {
                all.add(e.timeNanos() / S);
            }
        });
        List<Long> out = new ArrayList<>();
        for (int p : pick) {
            out.add(all.contains((long) p) ? (long) p : -1L);
        }
        return out;
    }
}
