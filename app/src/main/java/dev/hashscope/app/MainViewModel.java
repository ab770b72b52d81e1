package dev.hashscope.app;

import dev.hashscope.app.analysis.AnalysisRequest;
import dev.hashscope.app.analysis.AnalysisSnapshot;
import dev.hashscope.app.analysis.RecordingAnalysis;
import dev.hashscope.app.analysis.TimeRange;
import dev.hashscope.app.findings.EvidenceTarget;
import dev.hashscope.app.findings.FindingsViewModel;
import dev.hashscope.app.flametab.FlameTabViewModel;
import dev.hashscope.app.locks.LocksViewModel;
import dev.hashscope.app.task.TaskCallbacks;
import dev.hashscope.app.task.TaskHandle;
import dev.hashscope.app.task.TaskRunner;
import dev.hashscope.app.timeline.TimelineViewModel;
import dev.hashscope.event.RecordingLayout;
import dev.hashscope.event.UnreadableRecordingException;
import dev.hashscope.summary.RecordingSummary;
import dev.hashscope.timeline.Timeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The app's state: which recording, which filter (threads, time range), the analysis shown, and whether one is
 * running. Every change of file or filter starts a new analysis through the {@link TaskRunner}; the one running
 * before is cancelled, and a generation counter makes sure only the newest request's outcome is ever applied,
 * whatever order results arrive in. Results are immutable {@link AnalysisSnapshot}s handed to the child
 * view-models whole. Needs no FX toolkit: call it from one thread (the FX thread in the app, the test thread
 * in tests).
 */
public final class MainViewModel {
    private static final System.Logger LOG = System.getLogger(MainViewModel.class.getName());

    /** A file that could not be opened; the serial makes the same error twice a change. */
    public record LoadError(String fileName, String message, long serial) {
    }

    private final TaskRunner runner;
    private final RecordingAnalysis analysis;
    private final RecentFiles recentStore;

    private final FindingsViewModel findings = new FindingsViewModel();
    private final FlameTabViewModel flame = new FlameTabViewModel();
    private final LocksViewModel locks = new LocksViewModel();
    private final dev.hashscope.app.buckets.BucketsViewModel buckets = new dev.hashscope.app.buckets.BucketsViewModel();
    private final TimelineViewModel timeline = new TimelineViewModel(this::setTimeRange);
    private final ViewErrors viewErrors = new ViewErrors();

    private final ReadOnlyObjectWrapper<AnalysisSnapshot> snapshot = new ReadOnlyObjectWrapper<>(this, "snapshot");
    private final ReadOnlyObjectWrapper<AnalysisRequest> requested = new ReadOnlyObjectWrapper<>(this, "requested");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status",
            "Open a recording with File → Open (Ctrl+O) or drag a .jfr file here.");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "Hashscope");
    private final ReadOnlyStringWrapper threadFilter = new ReadOnlyStringWrapper(this, "threadFilter", "");
    private final ReadOnlyStringWrapper threadFilterError = new ReadOnlyStringWrapper(this, "threadFilterError", "");
    private final ReadOnlyObjectWrapper<TimeRange> timeRange = new ReadOnlyObjectWrapper<>(this, "timeRange");
    private final ReadOnlyStringWrapper rangeLabel = new ReadOnlyStringWrapper(this, "rangeLabel", "");
    private final ReadOnlyStringWrapper sampleNote = new ReadOnlyStringWrapper(this, "sampleNote", "");
    private final ReadOnlyStringWrapper truncationNote = new ReadOnlyStringWrapper(this, "truncationNote", "");
    private final ReadOnlyObjectWrapper<LoadError> error = new ReadOnlyObjectWrapper<>(this, "error");
    private final ObservableList<Path> recent = FXCollections.observableArrayList();
    private final ObservableList<Path> readOnlyRecent = FXCollections.unmodifiableObservableList(recent);

    private long generation;
    private long errorSerial;
    /** The views show early results of the running work, not {@link #snapshot}. */
    private boolean earlyShown;
    private TaskHandle running;

    /**
     * Where a live session's views come from instead of a file: its requests carry {@link #LIVE_FILE} and are
     * answered by {@link LiveFeed#analyze}. Null when no session is shown.
     */
    private LiveFeed live;

    /** The pseudo file of live requests; never read. */
    public static final Path LIVE_FILE = Path.of("live-session.jfr");

    /** Computes a live session's view for a request (off the UI thread), and describes it for the status line. */
    public interface LiveFeed {
        AnalysisSnapshot analyze(AnalysisRequest request) throws Exception;

        String describe(AnalysisSnapshot s);

        /** The view no longer shows this session (a file was opened instead). */
        void left();
    }

    /** @param recentStore where recent files are kept, or null to keep none */
    public MainViewModel(TaskRunner runner, RecordingAnalysis analysis, RecentFiles recentStore) {
        this.runner = runner;
        this.analysis = analysis;
        this.recentStore = recentStore;
        if (recentStore != null) {
            recent.setAll(recentStore.list());
        }
        findings.navigationProperty().addListener((o, was, target) -> navigate(target));
        findings.selectedProperty().addListener((o, was, f) -> timeline.highlight(f));
    }

    // ---- commands ----

    /** Opens a recording; the filters start over. */
    public void open(Path file) {
        leaveLive();
        submit(new AnalysisRequest(file, String.valueOf(file.getFileName()), false, "", null));
    }

    /** Opens the sample recording bundled with the app. */
    public void openSample() {
        Path f;
        try {
            f = BundledSample.file();
        } catch (java.io.UncheckedIOException e) {
            reportError(BundledSample.DISPLAY_NAME, e.getCause().getMessage());
            return;
        }
        leaveLive();
        submit(new AnalysisRequest(f, BundledSample.DISPLAY_NAME, true, "", null));
    }

    /**
     * Keeps only threads whose name matches {@code regex} anywhere (empty: all threads), in every view.
     *
     * @return false when the regex is invalid (nothing changes; {@link #threadFilterErrorProperty} says why)
     */
    public boolean setThreadFilter(String regex) {
        String r = regex == null ? "" : regex.trim();
        try {
            Pattern.compile(r);
        } catch (PatternSyntaxException e) {
            threadFilterError.set("Invalid regular expression: " + e.getDescription());
            return false;
        }
        threadFilterError.set("");
        AnalysisRequest current = requested.get();
        if (current == null) {
            threadFilter.set(r);
            return true;
        }
        if (!r.equals(current.threadRegex())) {
            submit(current.withThreadRegex(r));
        }
        return true;
    }

    /** Filters every view to {@code range} (null: the whole recording); clamped to the recording. */
    public void setTimeRange(TimeRange range) {
        AnalysisRequest current = requested.get();
        if (current == null) {
            return;
        }
        TimeRange r = range;
        AnalysisSnapshot s = snapshot.get();
        if (r != null && s != null && s.request().file().equals(current.file())) {
            double end = Math.max(s.durationSeconds(), r.fromSeconds());
            r = TimeRange.between(Math.max(0, r.fromSeconds()), Math.min(end, r.toSeconds()));
            if (r != null && r.fromSeconds() <= 0 && r.toSeconds() >= s.durationSeconds()) {
                r = null;
            }
        }
        if (java.util.Objects.equals(r, current.range())) {
            return;
        }
        submit(current.withRange(r));
    }

    public void selectTimeRange(double fromSeconds, double toSeconds) {
        TimeRange r = TimeRange.between(fromSeconds, toSeconds);
        if (r != null) {
            setTimeRange(r);
        }
    }

    public void resetTimeRange() {
        setTimeRange(null);
    }

    /** Stops the running analysis; the views keep showing the last complete one. */
    public void cancel() {
        if (running != null) {
            running.cancel();
            running = null;
        }
        if (busy.get()) {
            dropEarly();
            generation++;
            busy.set(false);
            progress.set(0);
            AnalysisSnapshot s = snapshot.get();
            setRequested(s == null ? null : s.request());
            status.set(s == null ? "Cancelled." : "Cancelled; showing the previous analysis. " + describe(s));
        }
    }

    /** Shows a live session from now on; the filters start over. */
    public void showLive(String displayName, LiveFeed feed) {
        LiveFeed before = live;
        live = feed;
        if (before != null && before != feed) {
            before.left();
        }
        submit(new AnalysisRequest(LIVE_FILE, displayName, false, "", null));
    }

    /**
     * Recomputes the live view for the request in force, quietly (no progress bar): new events arrived. Skipped
     * while a computation runs; the next notice catches up.
     */
    public void refreshLive() {
        AnalysisRequest current = requested.get();
        if (live != null && running == null && current != null && isLive(current)) {
            submit(current, true);
        }
    }

    /** True while the views show a live session (streaming or not). */
    public boolean showingLive() {
        AnalysisRequest r = requested.get();
        return live != null && r != null && isLive(r);
    }

    /** Puts a message in the status line (live sessions report their state there). */
    public void status(String message) {
        status.set(message);
    }

    /** Reports an error as a dialog, the views unchanged. */
    public void error(String what, String message) {
        reportError(what, message);
    }

    private static boolean isLive(AnalysisRequest r) {
        return LIVE_FILE.equals(r.file());
    }

    private void leaveLive() {
        if (live != null) {
            LiveFeed l = live;
            live = null;
            l.left();
        }
    }

    public void forgetRecentFiles() {
        if (recentStore != null) {
            recent.setAll(recentStore.clear());
        }
    }

    public void dismissSampleNote() {
        sampleNote.set("");
    }

    public void dismissTruncationNote() {
        truncationNote.set("");
    }

    // ---- the one place work starts and results land ----

    private void submit(AnalysisRequest request) {
        submit(request, false);
    }

    private void submit(AnalysisRequest request, boolean quiet) {
        if (running != null) {
            running.cancel();
        }
        long gen = ++generation;
        dropEarly();
        AnalysisSnapshot shown = snapshot.get();
        Timeline known = shown != null && shown.request().sameFileAndThreads(request) ? shown.timeline() : null;
        setRequested(request);
        LiveFeed feed = isLive(request) ? live : null;
        if (!quiet) {
            busy.set(true);
            progress.set(-1);
            status.set((shown != null && shown.request().file().equals(request.file()) ? "Analysing " : "Reading ")
                    + request.displayName() + " …");
        }
        running = runner.run(ctx -> feed != null ? feed.analyze(request) : analysis.analyze(request, known, ctx),
                new TaskCallbacks<>() {
            @Override
            public void progress(double fraction) {
                if (gen == generation) {
                    progress.set(fraction);
                }
            }

            @Override
            public void partial(AnalysisSnapshot value) {
                if (gen == generation) {
                    showEarly(value);
                }
            }

            @Override
            public void succeeded(AnalysisSnapshot value) {
                if (gen == generation) {
                    running = null;
                    show(value);
                }
            }

            @Override
            public void failed(Throwable e) {
                if (gen == generation) {
                    running = null;
                    fail(request, e);
                }
            }

            @Override
            public void cancelled() {
                // Only stale work is cancelled without cancel() having already settled the state.
            }
        });
    }

    private void show(AnalysisSnapshot s) {
        earlyShown = false;
        AnalysisSnapshot before = snapshot.get();
        boolean newFile = before == null || !before.request().file().equals(s.request().file());
        snapshot.set(s);
        setRequested(s.request());
        // The views get their data first, so that the finding selected next can move them to its evidence.
        applyViews(s);
        busy.set(false);
        progress.set(1);
        status.set(isLive(s.request()) && live != null ? live.describe(s) : describe(s));
        title.set(s.request().displayName() + " — Hashscope");
        if (newFile) {
            sampleNote.set(s.request().sample() ? BundledSample.NOTE : "");
            truncationNote.set(truncation(s.layout()));
            if (!s.request().sample() && !isLive(s.request()) && recentStore != null) {
                recent.setAll(recentStore.add(s.request().file()));
            }
        }
    }

    /**
     * The results so far of a long read: the views show them while the bar goes on; the snapshot (and with it
     * what filters and ranges are computed against) stays the last complete one until the read ends.
     */
    private void showEarly(AnalysisSnapshot s) {
        earlyShown = true;
        applyViews(s);
        long warnings = s.result().findings().stream()
                .filter(f -> f.severity() == dev.hashscope.detect.Severity.WARNING).count();
        status.set(String.format(Locale.ROOT, "Reading %s … showing the results so far (%d warning%s after %.1f s)",
                s.request().displayName(), warnings, warnings == 1 ? "" : "s", s.elapsedMillis() / 1000.0));
    }

    /** The views back to the last complete snapshot (or empty), when early results of unfinished work were shown. */
    private void dropEarly() {
        if (earlyShown) {
            earlyShown = false;
            applyViews(snapshot.get());
        }
    }

    /** Each view separately: a view that fails on this result says so, and the others still show it. */
    private void applyViews(AnalysisSnapshot s) {
        viewErrors.apply(ViewErrors.View.FLAME, () -> flame.apply(s));
        viewErrors.apply(ViewErrors.View.LOCKS,
                () -> locks.apply(s == null ? dev.hashscope.locks.LockTable.EMPTY : s.locks()));
        viewErrors.apply(ViewErrors.View.BUCKETS,
                () -> buckets.apply(s == null ? dev.hashscope.buckets.BucketHistory.EMPTY : s.buckets()));
        viewErrors.apply(ViewErrors.View.TIMELINE, () -> timeline.apply(s));
        viewErrors.apply(ViewErrors.View.FINDINGS, () -> findings.apply(s == null ? null : s.result()));
    }

    private void fail(AnalysisRequest request, Throwable e) {
        dropEarly();
        busy.set(false);
        progress.set(0);
        AnalysisSnapshot s = snapshot.get();
        setRequested(s == null ? null : s.request());
        String message = e instanceof UnreadableRecordingException ? e.getMessage()
                : "internal error: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage());
        if (!(e instanceof UnreadableRecordingException)) {
            // A bug, not a bad file: the dialog shows one line, the log keeps the stack trace for a report.
            LOG.log(System.Logger.Level.ERROR, "analysis of " + request.displayName() + " failed", e);
        }
        if (recentStore != null && !request.sample() && !isLive(request) && !Files.exists(request.file())) {
            recent.setAll(recentStore.remove(request.file()));
        }
        status.set(s == null ? "Could not open " + request.displayName() + "." : describe(s));
        reportError(request.displayName(), message);
    }

    private void reportError(String fileName, String message) {
        error.set(new LoadError(fileName, message, ++errorSerial));
    }

    private void setRequested(AnalysisRequest r) {
        requested.set(r);
        threadFilter.set(r == null ? "" : r.threadRegex());
        timeRange.set(r == null ? null : r.range());
        timeline.showRange(r == null ? null : r.range());
        AnalysisSnapshot s = snapshot.get();
        boolean known = s != null && r != null && s.request().file().equals(r.file());
        String of = known ? String.format(Locale.ROOT, " of %.2f s", s.durationSeconds()) : "";
        String whole = r != null && isLive(r) ? "live window" : "whole recording";
        rangeLabel.set(r == null ? "" : r.range() == null
                ? (known ? String.format(Locale.ROOT, "%s (%.2f s)", whole, s.durationSeconds()) : whole)
                : r.range().label() + of);
    }

    private void navigate(EvidenceTarget target) {
        if (target != null) {
            flame.showEvidence(target.kind(), target.frame());
        }
    }

    static String describe(AnalysisSnapshot s) {
        RecordingSummary r = s.result().recording();
        String jvm = r.jvm() == null ? "" : " on " + r.jvm().shortVersion();
        return String.format(Locale.ROOT, "%s: %.2f s recorded%s · %s · analysed in %.1f s",
                s.request().displayName(), s.durationSeconds(), jvm, Units.bytes(s.layout().fileSize()),
                s.elapsedMillis() / 1000.0);
    }

    /** What a truncated recording lost, for a non-modal note; empty for an intact one. */
    static String truncation(RecordingLayout l) {
        if (!l.truncated()) {
            return "";
        }
        int chunks = l.chunks().size();
        return String.format(Locale.ROOT,
                "Truncated recording: read %d complete chunk%s (%s); skipped the last %s after byte %,d%s.",
                chunks, chunks == 1 ? "" : "s", Units.bytes(l.completeBytes()), Units.bytes(l.skippedBytes()),
                l.completeBytes(), l.skipReason() == null ? "" : " (" + l.skipReason() + ")");
    }

    // ---- state ----

    public FindingsViewModel findings() {
        return findings;
    }

    public FlameTabViewModel flame() {
        return flame;
    }

    public LocksViewModel locks() {
        return locks;
    }

    public dev.hashscope.app.buckets.BucketsViewModel buckets() {
        return buckets;
    }

    public TimelineViewModel timeline() {
        return timeline;
    }

    /** Per view, why it could not show the current analysis (empty while it shows it). */
    public ViewErrors viewErrors() {
        return viewErrors;
    }

    /** The analysis the views show; null before the first one. */
    public ReadOnlyObjectProperty<AnalysisSnapshot> snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }

    /** The file and filter being analysed, or shown when nothing runs; null before anything was opened. */
    public ReadOnlyObjectProperty<AnalysisRequest> requestedProperty() {
        return requested.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** 0..1, or -1 while the amount of work is not known yet. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** The thread regex in force (or being applied); empty for all threads. */
    public ReadOnlyStringProperty threadFilterProperty() {
        return threadFilter.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty threadFilterErrorProperty() {
        return threadFilterError.getReadOnlyProperty();
    }

    /** The time range in force (or being applied); null for the whole recording. */
    public ReadOnlyObjectProperty<TimeRange> timeRangeProperty() {
        return timeRange.getReadOnlyProperty();
    }

    /** "whole recording (4.74 s)" or "1.20 s – 2.40 s of 4.74 s"; empty before a recording is open. */
    public ReadOnlyStringProperty rangeLabelProperty() {
        return rangeLabel.getReadOnlyProperty();
    }

    /** The bundled-sample explanation while the sample is shown, else empty. */
    public ReadOnlyStringProperty sampleNoteProperty() {
        return sampleNote.getReadOnlyProperty();
    }

    /** What was skipped of a truncated recording, else empty. */
    public ReadOnlyStringProperty truncationNoteProperty() {
        return truncationNote.getReadOnlyProperty();
    }

    /** The newest error opening a file; the views keep showing what they showed before. */
    public ReadOnlyObjectProperty<LoadError> errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ObservableList<Path> recentFiles() {
        return readOnlyRecent;
    }
}
