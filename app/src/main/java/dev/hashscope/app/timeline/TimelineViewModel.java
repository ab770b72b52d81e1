package dev.hashscope.app.timeline;

import dev.hashscope.app.analysis.AnalysisSnapshot;
import dev.hashscope.app.analysis.TimeRange;
import dev.hashscope.detect.Evidence;
import dev.hashscope.detect.Finding;
import dev.hashscope.timeline.Timeline;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The timeline of the current file and threads, the selected range, the bursts the diagnosis found (windows of
 * {@code alloc.jitter} and {@code latency.spikes} findings), and the windows of the selected finding.
 */
public final class TimelineViewModel {
    static final List<String> BURST_DETECTORS = List.of("alloc.jitter", "latency.spikes");

    private final ReadOnlyObjectWrapper<Timeline> timeline = new ReadOnlyObjectWrapper<>(this, "timeline",
            Timeline.EMPTY);
    private final ReadOnlyObjectWrapper<TimeRange> range = new ReadOnlyObjectWrapper<>(this, "range");
    private final ObservableList<Evidence.TimeWindow> bursts = FXCollections.observableArrayList();
    private final ObservableList<Evidence.TimeWindow> highlighted = FXCollections.observableArrayList();
    private final ObservableList<Evidence.TimeWindow> readOnlyBursts = FXCollections.unmodifiableObservableList(bursts);
    private final ObservableList<Evidence.TimeWindow> readOnlyHighlighted =
            FXCollections.unmodifiableObservableList(highlighted);
    private final ReadOnlyStringWrapper findingCaption = new ReadOnlyStringWrapper(this, "findingCaption", "");
    private final Consumer<TimeRange> rangeRequests;
    /** A finding window at least this share of the recording is not drawn. */
    static final double WIDE = 0.6;

    /** @param rangeRequests where a selected range (null: reset) goes to be applied to every view */
    public TimelineViewModel(Consumer<TimeRange> rangeRequests) {
        this.rangeRequests = rangeRequests;
    }

    public ReadOnlyObjectProperty<Timeline> timelineProperty() {
        return timeline.getReadOnlyProperty();
    }

    /** The range every view is filtered to, or null for the whole recording. */
    public ReadOnlyObjectProperty<TimeRange> rangeProperty() {
        return range.getReadOnlyProperty();
    }

    public ObservableList<Evidence.TimeWindow> bursts() {
        return readOnlyBursts;
    }

    /** The selected finding's windows that are narrow enough to draw. */
    public ObservableList<Evidence.TimeWindow> highlighted() {
        return readOnlyHighlighted;
    }

    /** The user dragged from {@code a} to {@code b} seconds. */
    public void select(double a, double b) {
        TimeRange r = TimeRange.between(a, b);
        if (r != null) {
            rangeRequests.accept(r);
        }
    }

    public void reset() {
        rangeRequests.accept(null);
    }

    /** The range the app is (about to be) filtered to. */
    public void showRange(TimeRange r) {
        range.set(r);
    }

    public void apply(AnalysisSnapshot s) {
        timeline.set(s == null || s.timeline() == null ? Timeline.EMPTY : s.timeline());
        range.set(s == null ? null : s.request().range());
        bursts.setAll(s == null ? List.of() : s.result().findings().stream()
                .filter(f -> BURST_DETECTORS.contains(f.detector()))
                .flatMap(f -> f.evidence().windows().stream())
                .toList());
    }

    /**
     * Marks the windows of the selected finding. Windows covering most of the recording are not drawn (a band
     * over the whole chart would hide the bursts and say nothing); the caption names them instead.
     */
    public void highlight(Finding f) {
        List<Evidence.TimeWindow> all = f == null ? List.of() : f.evidence().windows();
        double duration = timeline.get().durationSeconds();
        highlighted.setAll(all.stream()
                .filter(w -> duration <= 0 || w.endSeconds() - w.startSeconds() < WIDE * duration).toList());
        if (all.isEmpty()) {
            findingCaption.set("");
            return;
        }
        String spans = all.stream().limit(3)
                .map(w -> String.format(java.util.Locale.ROOT, "%.2f–%.2f s", w.startSeconds(), w.endSeconds()))
                .collect(java.util.stream.Collectors.joining(", "));
        findingCaption.set("Selected finding: " + spans + (all.size() > 3 ? " and " + (all.size() - 3) + " more" : "")
                + (highlighted.isEmpty() ? " (most of the recording)" : ""));
    }

    /** Where the selected finding happened, in words; empty when it has no time windows. */
    public ReadOnlyStringProperty findingCaptionProperty() {
        return findingCaption.getReadOnlyProperty();
    }
}
