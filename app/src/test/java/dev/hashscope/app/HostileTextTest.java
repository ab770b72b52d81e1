package dev.hashscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hashscope.app.analysis.AnalysisSnapshot;
import dev.hashscope.app.analysis.RecordingAnalysis;
import dev.hashscope.app.task.BackgroundTask;
import dev.hashscope.app.task.FxTaskRunner;
import dev.hashscope.app.task.TaskCallbacks;
import dev.hashscope.app.task.TaskHandle;
import dev.hashscope.app.task.TaskRunner;
import dev.hashscope.detect.AnalysisResult;
import dev.hashscope.detect.Evidence;
import dev.hashscope.detect.Finding;
import dev.hashscope.detect.Unit;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Names from a recording that look like markup are shown as the text they are: the finding's title in the list
 * and the details, its call site in the evidence table and the row's tooltip. The finding is the real analysis's
 * top finding with hostile names put in (the engine's own outputs are checked on a real recording in
 * jfr-analysis: {@code HostileNamesTest}).
 */
@ExtendWith(ApplicationExtension.class)
class HostileTextTest {
    static final String CLASS = "com.evil.<img src=x onerror=alert('c')>\"q\"&amp;|`b`*e*";
    static final String FRAME = CLASS + ".run:1";
    static final String TITLE = "Hashtable contention at <script>alert(\"x\")</script> & 'q' | `b` *e* [a](b)";

    private FxTaskRunner fx;
    private MainViewModel vm;

    @Start
    void start(Stage stage) {
        fx = new FxTaskRunner();
        TaskRunner hostile = new TaskRunner() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> TaskHandle run(BackgroundTask<T> task, TaskCallbacks<T> callbacks) {
                return fx.run(task, new TaskCallbacks<T>() {
                    @Override
                    public void succeeded(T value) {
                        callbacks.succeeded((T) withHostileFinding((AnalysisSnapshot) value));
                    }

                    @Override
                    public void failed(Throwable error) {
                        callbacks.failed(error);
                    }
                });
            }
        };
        vm = new MainViewModel(hostile, new RecordingAnalysis(), null);
        stage.setScene(HashscopeApp.scene(new MainView(vm)));
        stage.setWidth(1280);
        stage.setHeight(800);
        stage.show();
    }

    static AnalysisSnapshot withHostileFinding(AnalysisSnapshot s) {
        Finding top = s.result().findings().get(0);
        Evidence ev = Evidence.builder().callSite(new Evidence.CallSite(FRAME, "Hashtable", "put",
                List.of("java.util.Hashtable.put:475", FRAME), 3, 3e6, Unit.NANOS, 1_000_000L, 1_000_000L, 1_000_000L,
                1, 1.0)).build();
        Finding hostile = Finding.scored(top.detector(), 88, TITLE, "at " + FRAME, "why", "fix " + CLASS, ev);
        AnalysisResult r = new AnalysisResult(s.result().recording(), s.result().filter(), List.of(hostile));
        return new AnalysisSnapshot(s.request(), r, s.trees(), s.timeline(), s.locks(), s.buckets(), s.elapsedMillis());
    }

    @AfterEach
    void stop() throws Exception {
        fx.shutdown();
        FxToolkit.cleanupStages();
    }

    @Test
    void markupInNamesIsShownAsText(FxRobot robot) throws Exception {
        robot.interact(() -> vm.open(Samples.hashtable()));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> onFx(() -> !vm.busyProperty().get()
                && vm.snapshotProperty().get() != null));
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(TITLE, onFx(() -> robot.lookup(".details-title").queryAs(Label.class).getText()));
        assertEquals(TITLE, onFx(() -> robot.lookup("#findings-list .finding-cell").queryAllAs(ListCell.class)
                .stream().filter(c -> c.getIndex() == 0).findFirst()
                .map(c -> ((Label) c.lookup(".finding-title")).getText()).orElse("(no row)")));
        String shown = onFx(() -> robot.lookup("#call-sites-table .table-cell").queryAllAs(TableCell.class).stream()
                .map(c -> c.getText()).filter(t -> t != null && t.contains("onerror")).findFirst().orElse("(none)"));
        assertTrue(shown.contains("<img src=x onerror=alert('c')>\"q\"&amp;|`b`*e*"), shown);
        String tooltip = onFx(() -> {
            TableView<?> t = robot.lookup("#call-sites-table").queryAs(TableView.class);
            return t.lookupAll(".table-row-cell").stream().map(n -> (TableRow<?>) n)
                    .filter(r -> r.getTooltip() != null).map(r -> r.getTooltip().getText()).findFirst()
                    .orElse("(none)");
        });
        assertTrue(tooltip.startsWith(FRAME), tooltip);
    }

    private static <T> T onFx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(30, TimeUnit.SECONDS);
    }
}
