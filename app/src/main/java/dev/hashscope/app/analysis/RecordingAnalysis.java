package dev.hashscope.app.analysis;

import dev.hashscope.app.task.TaskContext;
import dev.hashscope.buckets.BucketHistoryBuilder;
import dev.hashscope.detect.AnalysisResult;
import dev.hashscope.detect.Analyzer;
import dev.hashscope.detect.Detector;
import dev.hashscope.event.EventSink;
import dev.hashscope.event.FilteredSink;
import dev.hashscope.event.RecordingReader;
import dev.hashscope.event.UnreadableRecordingException;
import dev.hashscope.flame.EventFilter;
import dev.hashscope.flame.FlameTreeBuilder;
import dev.hashscope.locks.LockTableBuilder;
import dev.hashscope.timeline.Timeline;
import dev.hashscope.timeline.TimelineBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * The app's one call into the engine: a request in, an {@link AnalysisSnapshot} out, in one pass over the file
 * (detectors, call trees, lock table and timeline share it). Only when a time range is set and no timeline of
 * the same threads is at hand does it read the file a second time for the timeline, which always covers the
 * whole recording. Stateless; safe to call from several threads.
 */
public final class RecordingAnalysis {
    /** How often a long read publishes its results so far. */
    public static final java.time.Duration EARLY_RESULTS_EVERY = java.time.Duration.ofMillis(1500);

    private final List<Detector> detectors;
    private final RecordingReader reader;
    private final long earlyEveryNanos;

    /** Every registered detector, the standard reader. */
    public RecordingAnalysis() {
        this(Analyzer.loadDetectors(), RecordingReader.standard());
    }

    public RecordingAnalysis(List<Detector> detectors, RecordingReader reader) {
        this(detectors, reader, EARLY_RESULTS_EVERY);
    }

    /** @param earlyEvery how often a read publishes its results so far ({@link TaskContext#partial}) */
    public RecordingAnalysis(List<Detector> detectors, RecordingReader reader, java.time.Duration earlyEvery) {
        this.detectors = List.copyOf(detectors);
        this.reader = reader;
        this.earlyEveryNanos = earlyEvery.toNanos();
    }

    /**
     * @param knownTimeline the timeline of the same file and threads from an earlier snapshot, or null
     * @throws java.util.concurrent.CancellationException when {@code context} was cancelled meanwhile
     */
    public AnalysisSnapshot analyze(AnalysisRequest request, Timeline knownTimeline, TaskContext context)
            throws UnreadableRecordingException {
        long t0 = System.nanoTime();
        EventFilter filter = request.filter();
        boolean timelineInMainPass = request.range() == null;
        boolean secondPass = !timelineInMainPass && knownTimeline == null;
        context.checkCancelled();

        FlameTreeBuilder flames = new FlameTreeBuilder(EventFilter.ALL);
        LockTableBuilder locks = new LockTableBuilder();
        TimelineBuilder timeline = new TimelineBuilder();
        BucketHistoryBuilder buckets = new BucketHistoryBuilder();
        List<EventSink> views = new ArrayList<>(List.of(flames, locks, buckets));
        if (timelineInMainPass) {
            views.add(timeline);
        }
        // Early results of a big file: every so often, between two events, what was read so far is published as
        // a snapshot (only without a time range: then the timeline is built in this pass too).
        Analyzer.SoFar[] soFar = new Analyzer.SoFar[1];
        long[] lastEarly = {System.nanoTime()};
        Runnable early = () -> {
            if (!timelineInMainPass || soFar[0] == null || System.nanoTime() - lastEarly[0] < earlyEveryNanos) {
                return;
            }
            context.partial(new AnalysisSnapshot(request, soFar[0].findings(), flames.trees(), timeline.timeline(),
                    locks.table(), buckets.history(), (System.nanoTime() - t0) / 1_000_000));
            lastEarly[0] = System.nanoTime();
        };
        ProgressSink progress = new ProgressSink(context, 0, secondPass ? 0.8 : 1, early);
        Analyzer analyzer = new Analyzer(detectors, (file, sink) -> reader.read(file, EventSink.all(progress, sink)));
        AnalysisResult result = analyzer.analyze(request.file(), filter, views, s -> soFar[0] = s);

        Timeline tl = knownTimeline;
        if (timelineInMainPass) {
            tl = timeline.timeline();
        } else if (secondPass) {
            TimelineBuilder whole = new TimelineBuilder();
            reader.read(request.file(), EventSink.all(new ProgressSink(context, 0.8, 1),
                    FilteredSink.of(request.threadFilterOnly(), whole)));
            tl = whole.timeline();
        }
        context.checkCancelled();
        return new AnalysisSnapshot(request, result, flames.trees(), tl, locks.table(), buckets.history(),
                (System.nanoTime() - t0) / 1_000_000);
    }
}
