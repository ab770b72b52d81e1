package dev.hashscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hashscope.app.analysis.AnalysisRequest;
import dev.hashscope.app.analysis.AnalysisSnapshot;
import dev.hashscope.app.analysis.RecordingAnalysis;
import dev.hashscope.app.task.BackgroundTask;
import dev.hashscope.app.task.TaskCallbacks;
import dev.hashscope.app.task.TaskContext;
import dev.hashscope.app.task.TaskHandle;
import dev.hashscope.app.task.TaskRunner;
import dev.hashscope.detect.Analyzer;
import dev.hashscope.detect.Finding;
import dev.hashscope.detect.Severity;
import dev.hashscope.event.RecordingReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Early results of a long read: published while the file is read, they must not change the final result (asking
 * detectors mid-read must be harmless), and cancelling after some were shown must put the views back to the last
 * complete analysis, never leave a half-read file on screen.
 */
class EarlyResultsTest {
    @Test
    void earlyResultsArriveDuringTheReadAndLeaveTheFinalResultUnchanged() throws Exception {
        RecordingAnalysis eager = new RecordingAnalysis(Analyzer.loadDetectors(), RecordingReader.standard(),
                Duration.ZERO);
        List<AnalysisSnapshot> early = new ArrayList<>();
        TaskContext ctx = new TaskContext() {
            @Override
            public boolean isCancelled() {
                return false;
            }

            @Override
            public void progress(double fraction) {
            }

            @Override
            public void partial(Object value) {
                early.add((AnalysisSnapshot) value);
            }
        };
        AnalysisRequest request = AnalysisRequest.of(Samples.hashtable());
        AnalysisSnapshot last = eager.analyze(request, null, ctx);
        AnalysisSnapshot plain = new RecordingAnalysis().analyze(request, null, new TaskContext() {
            @Override
            public boolean isCancelled() {
                return false;
            }

            @Override
            public void progress(double fraction) {
            }
        });

        assertTrue(early.size() >= 3, "early results during the read: " + early.size());
        assertEquals(titles(plain.result().findings()), titles(last.result().findings()),
                "asking for early results changed nothing in the final one");
        assertEquals(plain.tree(dev.hashscope.flame.FlameKind.LOCK).eventCount(),
                last.tree(dev.hashscope.flame.FlameKind.LOCK).eventCount());
        AnalysisSnapshot lastEarly = early.get(early.size() - 1);
        assertTrue(lastEarly.result().findings().stream().noneMatch(f -> f.severity() == Severity.NOT_APPLICABLE));
        assertTrue(lastEarly.tree(dev.hashscope.flame.FlameKind.LOCK).eventCount()
                <= last.tree(dev.hashscope.flame.FlameKind.LOCK).eventCount());
        assertTrue(lastEarly.result().findings().stream().anyMatch(f -> f.severity() == Severity.WARNING),
                "the contention shows before the read ends");
    }

    @Test
    void cancellingAfterEarlyResultsPutsTheViewsBackToTheLastCompleteAnalysis() throws Exception {
        AnalysisSnapshot previous = complete(Samples.get("healthy-control.jfr"));
        AnalysisSnapshot earlyOfNext = complete(Samples.hashtable());

        ScriptedRunner runner = new ScriptedRunner();
        MainViewModel vm = new MainViewModel(runner, new RecordingAnalysis(), null);
        vm.open(previous.request().file());
        runner.last.succeeded(previous);
        List<String> before = titles(vm.findings().findings());

        vm.open(earlyOfNext.request().file());
        runner.last.partial(earlyOfNext);
        assertFalse(titles(vm.findings().findings()).equals(before), "early results are shown");
        assertTrue(vm.statusProperty().get().contains("results so far"), vm.statusProperty().get());
        assertTrue(vm.busyProperty().get());

        vm.cancel();
        assertEquals(before, titles(vm.findings().findings()), "back to the last complete analysis");
        assertEquals(previous.request().file(), vm.snapshotProperty().get().request().file());
    }

    private static AnalysisSnapshot complete(java.nio.file.Path file) throws Exception {
        assertNotNull(file);
        return new RecordingAnalysis().analyze(AnalysisRequest.of(file), null, new TaskContext() {
            @Override
            public boolean isCancelled() {
                return false;
            }

            @Override
            public void progress(double fraction) {
            }
        });
    }

    private static List<String> titles(List<Finding> findings) {
        return findings.stream().map(f -> f.detector() + ": " + f.title()).toList();
    }

    /** Keeps the callbacks of the newest task; the test plays the outcomes on its own thread. */
    private static final class ScriptedRunner implements TaskRunner {
        TaskCallbacks<AnalysisSnapshot> last;

        @Override
        @SuppressWarnings("unchecked")
        public <T> TaskHandle run(BackgroundTask<T> task, TaskCallbacks<T> callbacks) {
            last = (TaskCallbacks<AnalysisSnapshot>) callbacks;
            return new TaskHandle() {
                private boolean cancelled;

                @Override
                public void cancel() {
                    cancelled = true;
                }

                @Override
                public boolean isCancelled() {
                    return cancelled;
                }
            };
        }
    }
}
