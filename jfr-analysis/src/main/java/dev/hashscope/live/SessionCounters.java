package dev.hashscope.live;

import dev.hashscope.event.AllocationSample;
import dev.hashscope.event.CpuLoad;
import dev.hashscope.event.EventSink;
import dev.hashscope.event.ExecutionSample;
import dev.hashscope.event.GcPause;
import dev.hashscope.event.MonitorBlocked;
import dev.hashscope.event.ThreadPark;
import java.util.Map;

/** Folds every decoded event of a session into {@link SessionTotals}; constant memory. */
final class SessionCounters implements EventSink {
    private long first;
    private long last;
    private long blocked;
    private long parked;
    private long sampledBytes;
    private long tlabBytes;
    private long gcs;
    private long gcNanos;

    @Override
    public void executionSample(ExecutionSample e) {
        time(e.timeNanos());
    }

    @Override
    public void monitorBlocked(MonitorBlocked e) {
        time(e.startNanos());
        blocked += e.durationNanos();
    }

    @Override
    public void threadPark(ThreadPark e) {
        time(e.startNanos());
        parked += e.durationNanos();
    }

    @Override
    public void allocation(AllocationSample e) {
        time(e.timeNanos());
        if (e.source() == AllocationSample.Source.SAMPLED) {
            sampledBytes += e.weightBytes();
        } else {
            tlabBytes += e.weightBytes();
        }
    }

    @Override
    public void gcPause(GcPause e) {
        time(e.startNanos());
        gcs++;
        gcNanos += e.sumOfPausesNanos();
    }

    @Override
    public void cpuLoad(CpuLoad e) {
        time(e.timeNanos());
    }

    private void time(long t) {
        if (first == 0 || t < first) {
            first = t;
        }
        if (t > last) {
            last = t;
        }
    }

    /** @param eventCounts every event received by type (from the decoder, which also counts undecoded types) */
    SessionTotals totals(Map<String, Long> eventCounts) {
        long events = eventCounts.values().stream().mapToLong(Long::longValue).sum();
        // Sampled weights and TLAB sizes are two estimates of one quantity, never summed (as in the detectors).
        long allocated = sampledBytes > 0 ? sampledBytes : tlabBytes;
        return new SessionTotals(events, eventCounts, first, last, blocked, parked, allocated, gcs, gcNanos);
    }
}
