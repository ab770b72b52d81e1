package dev.hashscope.app.analysis;

import dev.hashscope.buckets.BucketHistory;
import dev.hashscope.detect.AnalysisResult;
import dev.hashscope.event.RecordingLayout;
import dev.hashscope.flame.FlameKind;
import dev.hashscope.flame.FlameTree;
import dev.hashscope.locks.LockTable;
import dev.hashscope.timeline.Timeline;
import java.util.EnumMap;
import java.util.Map;

/**
 * Everything the views show for one request, computed in one go off the UI thread and published whole:
 * the findings, the four call trees, the lock table and the map probe's bucket snapshots under the request's
 * filter, and the timeline of the
 * same threads over the whole recording (so a different range can be chosen on it). Immutable.
 *
 * @param elapsedMillis how long reading and analysing took
 */
public record AnalysisSnapshot(AnalysisRequest request, AnalysisResult result, Map<FlameKind, FlameTree> trees,
                               Timeline timeline, LockTable locks, BucketHistory buckets,
                               long elapsedMillis) {
    public AnalysisSnapshot {
        trees = Map.copyOf(new EnumMap<>(trees));
        buckets = buckets == null ? BucketHistory.EMPTY : buckets;
    }

    public FlameTree tree(FlameKind kind) {
        FlameTree t = trees.get(kind);
        return t != null ? t : FlameTree.empty(kind);
    }

    public RecordingLayout layout() {
        return result.recording().layout();
    }

    public double durationSeconds() {
        return layout().durationNanos() / 1e9;
    }
}
