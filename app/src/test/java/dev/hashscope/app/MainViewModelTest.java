package dev.hashscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hashscope.app.analysis.AnalysisSnapshot;
import dev.hashscope.app.analysis.RecordingAnalysis;
import dev.hashscope.app.analysis.TimeRange;
import dev.hashscope.app.task.DirectTaskRunner;
import dev.hashscope.detect.Finding;
import dev.hashscope.detect.Severity;
import dev.hashscope.flame.FlameKind;
import dev.hashscope.locks.LockTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The app's state and commands, run on the test thread with a {@link DirectTaskRunner}: no FX toolkit. */
class MainViewModelTest {
    private final MainViewModel vm = new MainViewModel(new DirectTaskRunner(), new RecordingAnalysis(), null);

    @TempDir
    Path tmp;

    @Test
    void openingTheHashtableSampleRanksHashtableContentionFirstAndMovesTheViewsToIt() {
        vm.open(Samples.hashtable());

        assertFalse(vm.busyProperty().get());
        Finding top = vm.findings().findings().get(0);
        assertEquals("map.monitor-contention", top.detector());
        assertEquals(Severity.WARNING, top.severity());
        assertTrue(top.title().contains("Hashtable"), top.title());
        assertTrue(top.evidence().callSites().get(0).frame().startsWith("dev.hashscope.samples.Inventory.record"));
        assertSame(top, vm.findings().selected(), "the top finding is selected");
        // Selecting it moved the flame graph to the lock tree and asked for its call site.
        assertEquals(FlameKind.LOCK, vm.flame().kindProperty().get());
        assertEquals(top.evidence().callSites().get(0).frame(), vm.flame().callSiteProperty().get().frame());
        assertTrue(vm.flame().totalProperty().get() > 0);
        // Its stalls span the whole recording: named in the caption, not drawn as a band over everything.
        assertTrue(vm.timeline().highlighted().isEmpty());
        assertTrue(vm.timeline().findingCaptionProperty().get().endsWith("(most of the recording)"),
                vm.timeline().findingCaptionProperty().get());
        assertTrue(vm.timeline().timelineProperty().get().windowCount() > 50);
        LockTable.Row lock = vm.locks().rows().get(0);
        assertTrue(lock.monitorClass().startsWith("java.util."), lock.toString());
        assertSame(lock, vm.locks().selectedProperty().get());
        assertTrue(vm.locks().monitorTreeProperty().get().total(0) > 0);
        assertEquals("hashtable-contention.jfr — Hashscope", vm.titleProperty().get());
        assertEquals("", vm.sampleNoteProperty().get(), "a file the user opened is not the sample");
        assertEquals("", vm.truncationNoteProperty().get());
        assertTrue(vm.rangeLabelProperty().get().startsWith("whole recording"), vm.rangeLabelProperty().get());
    }

    @Test
    void theBundledSampleOpensWithANoteSayingSo() {
        vm.openSample();
        assertNull(vm.errorProperty().get(), () -> vm.errorProperty().get().message());
        assertEquals(BundledSample.NOTE, vm.sampleNoteProperty().get());
        assertEquals("map.monitor-contention", vm.findings().findings().get(0).detector());
        assertTrue(vm.titleProperty().get().contains("bundled sample"));
        vm.open(Samples.get("hashmap-resize-storm.jfr"));
        assertEquals("", vm.sampleNoteProperty().get(), "the note goes with the sample");
    }

    @Test
    void aTimeRangeFiltersTheFindingsTreesAndLocksButTheTimelineKeepsTheWholeRecording() {
        vm.open(Samples.hashtable());
        long allLock = vm.flame().totalProperty().get();
        long allWaits = vm.locks().rows().stream().mapToLong(LockTable.Row::count).sum();
        int windows = vm.timeline().timelineProperty().get().windowCount();
        Finding selected = vm.findings().selected();

        vm.selectTimeRange(2.0, 1.0);

        assertEquals(new TimeRange(1.0, 2.0), vm.timeRangeProperty().get());
        assertEquals(new TimeRange(1.0, 2.0), vm.timeline().rangeProperty().get());
        assertEquals(new TimeRange(1.0, 2.0), vm.snapshotProperty().get().request().range());
        long rangeLock = vm.flame().totalProperty().get();
        assertTrue(rangeLock > 0 && rangeLock < allLock, rangeLock + " of " + allLock);
        assertTrue(vm.locks().rows().stream().mapToLong(LockTable.Row::count).sum() < allWaits);
        assertEquals(windows, vm.timeline().timelineProperty().get().windowCount(), "the timeline is not cut");
        assertEquals(FlameKind.LOCK, vm.flame().kindProperty().get());
        assertEquals(selected.evidence().callSites().get(0).frame(), vm.flame().callSiteProperty().get().frame(),
                "the flame graph stays at the finding's call site");
        assertEquals(selected.title(), vm.findings().selected().title(), "the same finding stays selected");
        assertEquals(vm.findings().selected().evidence().windows(), vm.timeline().highlighted(),
                "within the range its stalls are a narrow window, drawn on the timeline");
        assertTrue(vm.rangeLabelProperty().get().startsWith("1.00 s – 2.00 s"), vm.rangeLabelProperty().get());

        vm.resetTimeRange();
        assertNull(vm.timeRangeProperty().get());
        assertEquals(allLock, vm.flame().totalProperty().get());
    }

    @Test
    void aRangeIsClampedToTheRecordingAndTheWholeRecordingMeansNoRange() {
        vm.open(Samples.hashtable());
        double d = vm.snapshotProperty().get().durationSeconds();
        vm.selectTimeRange(-5, 2);
        assertEquals(new TimeRange(0, 2), vm.timeRangeProperty().get());
        vm.selectTimeRange(-1, d + 10);
        assertNull(vm.timeRangeProperty().get());
    }

    @Test
    void theThreadFilterAppliesToEveryViewAndABadRegexChangesNothing() {
        vm.open(Samples.hashtable());
        long allCpu = vm.snapshotProperty().get().tree(FlameKind.CPU).total(0);
        AnalysisSnapshot before = vm.snapshotProperty().get();

        assertFalse(vm.setThreadFilter("order-worker-(["));
        assertTrue(vm.threadFilterErrorProperty().get().startsWith("Invalid regular expression"));
        assertSame(before, vm.snapshotProperty().get());

        assertTrue(vm.setThreadFilter("no-such-thread"));
        assertEquals("", vm.threadFilterErrorProperty().get());
        assertEquals("no-such-thread", vm.threadFilterProperty().get());
        assertEquals(0, vm.flame().totalProperty().get());
        assertTrue(vm.locks().rows().isEmpty());
        assertEquals(0, vm.snapshotProperty().get().tree(FlameKind.CPU).total(0));

        vm.setThreadFilter("");
        assertEquals(allCpu, vm.snapshotProperty().get().tree(FlameKind.CPU).total(0));
    }

    @Test
    void badFilesGiveAOneLineErrorAndTheShownRecordingStays() throws Exception {
        vm.open(Samples.hashtable());
        AnalysisSnapshot good = vm.snapshotProperty().get();
        List<MainViewModel.LoadError> errors = new ArrayList<>();
        vm.errorProperty().addListener((o, was, e) -> errors.add(e));

        vm.open(Samples.empty(tmp));
        vm.open(Samples.notJfr(tmp));
        vm.open(Samples.cutShort(tmp));
        vm.open(tmp.resolve("missing.jfr"));

        assertEquals(4, errors.size(), errors.toString());
        for (MainViewModel.LoadError e : errors) {
            assertFalse(e.message().isBlank());
            assertFalse(e.message().contains("\n"), e.message());
            assertFalse(e.message().startsWith("internal error"), e.message());
        }
        assertTrue(errors.get(0).message().contains("empty"), errors.get(0).message());
        assertEquals("empty.jfr", errors.get(0).fileName());
        assertSame(good, vm.snapshotProperty().get(), "the good recording is still shown");
        assertEquals(good.request(), vm.requestedProperty().get());
        assertFalse(vm.busyProperty().get());

        vm.open(Samples.get("hashmap-resize-storm.jfr"));
        assertEquals("map.resize-churn", vm.findings().findings().get(0).detector());
    }

    @Test
    void aTruncatedButReadableRecordingSaysWhatWasSkipped() throws Exception {
        vm.open(Samples.truncatedTail(tmp));
        assertNull(vm.errorProperty().get());
        String note = vm.truncationNoteProperty().get();
        assertTrue(note.startsWith("Truncated recording: read 1 complete chunk"), note);
        assertTrue(note.contains("skipped"), note);
        assertEquals("map.monitor-contention", vm.findings().findings().get(0).detector());
        vm.dismissTruncationNote();
        assertEquals("", vm.truncationNoteProperty().get());
    }

    @Test
    void openedFilesAreRememberedNewestFirst() throws Exception {
        java.util.prefs.Preferences node = java.util.prefs.Preferences.userRoot()
                .node("dev/hashscope/test/" + System.nanoTime());
        try {
            MainViewModel withRecent = new MainViewModel(new DirectTaskRunner(), new RecordingAnalysis(),
                    new RecentFiles(node));
            withRecent.open(Samples.hashtable());
            withRecent.open(Samples.get("hashmap-resize-storm.jfr"));
            withRecent.open(Samples.empty(tmp));
            withRecent.openSample();
            assertEquals(List.of(Samples.get("hashmap-resize-storm.jfr").toAbsolutePath().normalize(),
                    Samples.hashtable().toAbsolutePath().normalize()), withRecent.recentFiles());
            MainViewModel restarted = new MainViewModel(new DirectTaskRunner(), new RecordingAnalysis(),
                    new RecentFiles(node));
            assertEquals(withRecent.recentFiles(), restarted.recentFiles(), "kept in the preferences");
            restarted.forgetRecentFiles();
            assertTrue(restarted.recentFiles().isEmpty());
        } finally {
            node.removeNode();
        }
    }

    @Test
    void selectingAnotherFindingMovesTheFlameGraphToItsKind() {
        vm.open(Samples.hashtable());
        Finding boxing = vm.findings().findings().stream().filter(f -> f.detector().equals("map.boxing"))
                .filter(f -> !f.evidence().callSites().isEmpty()).findFirst().orElse(null);
        assertNotNull(boxing, "the sample boxes its keys: " + vm.findings().findings());
        vm.findings().select(boxing);
        assertEquals(FlameKind.ALLOC, vm.flame().kindProperty().get());
        assertEquals(boxing.evidence().callSites().get(0).frame(), vm.flame().callSiteProperty().get().frame());
        long serial = vm.flame().callSiteProperty().get().serial();
        vm.findings().select(boxing);
        assertEquals(serial, vm.flame().callSiteProperty().get().serial(), "re-selecting is not a new request");
        vm.flame().setKind(FlameKind.CPU);
        assertNotEquals(0, vm.flame().totalProperty().get());
    }
}
