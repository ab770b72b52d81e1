package dev.hashscope.live;

import dev.hashscope.detect.AnalysisResult;
import dev.hashscope.flame.FlameKind;
import dev.hashscope.flame.FlameTree;
import dev.hashscope.locks.LockTable;
import dev.hashscope.timeline.Timeline;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One view of a live session, computed whole and immutable: the findings, call trees and lock table of the
 * retained events under a filter, the timeline of the same threads, and the whole-session totals.
 *
 * @param buckets             the hash tables a map probe in the target reported (empty without the probe)
 * @param retainedFromSeconds seconds from the session's start before which events were dropped from the rolling
 *                            window (0 while nothing was dropped)
 * @param retainedEvents      events in the rolling window
 * @param droppedEvents       events received but no longer in the window
 * @param methodTimings       JDK 25+ method timing of map methods, newest figures (empty when not recorded)
 * @param computeMillis       how long the replay took
 */
public record LiveSnapshot(TargetInfo target, LiveSession.Status status, AnalysisResult result,
                           Map<FlameKind, FlameTree> trees, Timeline timeline, LockTable locks,
                           dev.hashscope.buckets.BucketHistory buckets, SessionTotals totals,
                           double retainedFromSeconds, long retainedEvents, long droppedEvents,
                           List<MethodTiming> methodTimings, long computeMillis) {
    public LiveSnapshot {
        trees = Map.copyOf(new EnumMap<>(trees));
        methodTimings = List.copyOf(methodTimings);
    }
}
