package dev.hashscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hashscope.app.analysis.RecordingAnalysis;
import dev.hashscope.app.analysis.TimeRange;
import dev.hashscope.app.flame.FlameGraphView;
import dev.hashscope.app.task.FxTaskRunner;
import dev.hashscope.detect.Finding;
import dev.hashscope.flame.FlameKind;
import java.awt.geom.Rectangle2D;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.geometry.Point2D;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The app as a user drives it, headless (Monocle): the real view-models, the real engine, the FX task runner.
 * Waits only with TestFX's helpers, for a condition evaluated on the FX thread.
 */
@ExtendWith(ApplicationExtension.class)
class AppFlowTest {
    private FxTaskRunner runner;
    private MainViewModel vm;
    private MainView view;

    @TempDir
    Path tmp;

    @Start
    void start(Stage stage) {
        runner = new FxTaskRunner();
        vm = new MainViewModel(runner, new RecordingAnalysis(), null);
        view = new MainView(vm);
        stage.setScene(HashscopeApp.scene(view));
        stage.setWidth(1280);
        stage.setHeight(800);
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        runner.shutdown();
        FxToolkit.cleanupStages();
    }

    @Test
    void openingTheSampleShowsItsTopFindingFirstInTheList(FxRobot robot) {
        open(robot, Samples.hashtable());

        Finding top = fx(() -> vm.findings().findings().get(0));
        assertEquals("map.monitor-contention", top.detector());
        assertTrue(top.title().startsWith("Hashtable contention at Inventory.record"), top.title());
        String firstRow = fx(() -> robot.lookup("#findings-list .finding-cell").queryAllAs(ListCell.class).stream()
                .filter(c -> c.getIndex() == 0).findFirst()
                .map(c -> ((Label) c.lookup(".finding-title")).getText()).orElse("(no first row)"));
        assertEquals(top.title(), firstRow);
        assertEquals(top.title(), fx(() -> robot.lookup(".details-title").queryAs(Label.class).getText()));
        assertEquals(FlameKind.LOCK, fx(() -> vm.flame().kindProperty().get()), "moved to the finding's evidence");
    }

    @Test
    void theArrowKeysWalkTheFindingsAndEscResetsTheFlameZoom(FxRobot robot) {
        open(robot, Samples.hashtable());
        FlameGraphView graph = view.flameView().graph();
        assertNotEquals(0, fx(() -> graph.zoomNodeProperty().get()), "zoomed to the top finding's call site");
        robot.interact(() -> view.findingsView().list().requestFocus());

        robot.type(KeyCode.DOWN);
        waitUntil(() -> vm.findings().selected() == vm.findings().findings().get(1));

        robot.type(KeyCode.ESCAPE);
        waitUntil(() -> graph.zoomNodeProperty().get() == 0);
    }

    @Test
    void searchingTheFlameGraphHighlightsMatches(FxRobot robot) {
        open(robot, Samples.hashtable());
        FlameGraphView graph = view.flameView().graph();
        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        robot.write("Hashtable.merge");
        waitUntil(() -> graph.matchCountProperty().get() > 0);
        assertEquals("Hashtable.merge", fx(() -> graph.searchProperty().get()));
        assertTrue(fx(() -> graph.matchedShareProperty().get()) > 0);
    }

    @Test
    void draggingATimeRangeOnTheTimelineFiltersTheFlameGraphAndResetRestoresIt(FxRobot robot) {
        open(robot, Samples.hashtable());
        long whole = fx(() -> vm.flame().totalProperty().get());
        assertTrue(whole > 0);

        Point2D[] ends = fx(() -> {
            var canvas = view.timelineView().viewer().getCanvas();
            Rectangle2D area = view.timelineView().viewer().getRenderingInfo().getPlotInfo().getDataArea();
            double y = area.getCenterY();
            return new Point2D[]{canvas.localToScreen(area.getMinX() + area.getWidth() * 0.25, y),
                    canvas.localToScreen(area.getMinX() + area.getWidth() * 0.5, y)};
        });
        robot.drag(ends[0], MouseButton.PRIMARY).moveTo(ends[1]).drop();

        waitUntil(() -> vm.snapshotProperty().get().request().range() != null && !vm.busyProperty().get());
        TimeRange r = fx(() -> vm.timeRangeProperty().get());
        double duration = fx(() -> vm.snapshotProperty().get().durationSeconds());
        assertEquals(duration * 0.25, r.fromSeconds(), duration * 0.02, r.toString());
        assertEquals(duration * 0.5, r.toSeconds(), duration * 0.02, r.toString());
        long inRange = fx(() -> vm.flame().totalProperty().get());
        assertTrue(inRange > 0 && inRange < whole, inRange + " of " + whole);
        assertEquals(inRange, fx(() -> view.flameView().graph().treeProperty().get().total(0)),
                "the flame graph shows the filtered tree");
        assertTrue(fx(() -> robot.lookup("#range-label").queryAs(Label.class).getText()).startsWith(r.label()));

        robot.clickOn("#reset-range");
        waitUntil(() -> vm.snapshotProperty().get().request().range() == null && !vm.busyProperty().get());
        assertEquals(whole, fx(() -> vm.flame().totalProperty().get()));
    }

    @Test
    void aBadFileShowsAnErrorDialogAndTheAppStillOpensAGoodOne(FxRobot robot) throws Exception {
        Path empty = Samples.empty(tmp);
        robot.interact(() -> vm.open(empty));
        waitUntil(() -> errorDialog() != null);
        DialogPane dialog = fx(this::errorDialog);
        assertEquals("Cannot open empty.jfr", fx(dialog::getHeaderText));
        String message = fx(dialog::getContentText);
        assertTrue(message.contains("empty") && !message.contains("\n"), message);
        robot.clickOn(fx(() -> dialog.lookupButton(ButtonType.OK)));
        waitUntil(() -> errorDialog() == null);

        open(robot, Samples.get("hashmap-resize-storm.jfr"));
        assertEquals("map.resize-churn", fx(() -> vm.findings().findings().get(0).detector()));
    }

    @Test
    void exportsFindingsFlameGraphAndTimeline(FxRobot robot) throws Exception {
        open(robot, Samples.hashtable());
        Path json = tmp.resolve("f.json");
        Path md = tmp.resolve("f.md");
        Path flamePng = tmp.resolve("flame.png");
        Path flameHtml = tmp.resolve("flame.html");
        Path timelinePng = tmp.resolve("timeline.png");
        fx(() -> {
            view.exportFindingsJson(json);
            view.exportFindingsMarkdown(md);
            view.exportFlamePng(flamePng);
            view.exportFlameHtml(flameHtml);
            view.exportTimelinePng(timelinePng);
            return null;
        });
        String report = java.nio.file.Files.readString(json);
        assertTrue(report.contains("\"schema\": \"hashscope.report/1\"") && report.contains("map.monitor-contention"));
        assertTrue(java.nio.file.Files.readString(md).contains("Hashtable contention"));
        assertTrue(java.nio.file.Files.readString(flameHtml).contains("<html"));
        for (Path png : new Path[]{flamePng, timelinePng}) {
            byte[] b = java.nio.file.Files.readAllBytes(png);
            assertTrue(b.length > 1000 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G', png + " is a PNG");
        }
    }

    @Test
    void theThreadFilterFieldFiltersEveryView(FxRobot robot) {
        open(robot, Samples.hashtable());
        long all = fx(() -> vm.snapshotProperty().get().tree(FlameKind.CPU).total(0));
        robot.clickOn("#thread-filter").write("order-worker-0").type(KeyCode.ENTER);
        waitUntil(() -> "order-worker-0".equals(vm.snapshotProperty().get().request().threadRegex())
                && !vm.busyProperty().get());
        long one = fx(() -> vm.snapshotProperty().get().tree(FlameKind.CPU).total(0));
        assertTrue(one > 0 && one < all, one + " of " + all);
        assertTrue(fx(() -> vm.locks().rows().stream().allMatch(r -> r.threads() == 1)));
    }

    private DialogPane errorDialog() {
        for (Window w : Window.getWindows()) {
            if (w.isShowing() && w.getScene() != null && w.getScene().getRoot() instanceof DialogPane d
                    && "error-dialog".equals(d.getId())) {
                return d;
            }
        }
        return null;
    }

    @Test
    void theTimelineStaysLegibleWhenTheTabsAreDraggedOverIt(FxRobot robot) {
        open(robot, Samples.hashtable());
        javafx.scene.Node timeline = fx(() -> {
            view.tabs().getSelectionModel().select(2); // Buckets, whose charts want the most height
            javafx.scene.Node node = view.tabs();
            while (!(node instanceof javafx.scene.control.SplitPane)) {
                node = node.getParent();
            }
            javafx.scene.control.SplitPane right = (javafx.scene.control.SplitPane) node;
            right.setDividerPositions(0.97);
            return right.getItems().get(1);
        });
        WaitForAsyncUtils.waitForFxEvents();
        double height = fx(() -> timeline.getLayoutBounds().getHeight());
        assertTrue(height >= MainView.TIMELINE_MIN_HEIGHT - 1, "timeline " + height + " px high");
    }

    private void open(FxRobot robot, Path file) {
        robot.interact(() -> vm.open(file));
        waitUntil(() -> !vm.busyProperty().get() && vm.snapshotProperty().get() != null
                && vm.snapshotProperty().get().request().file().equals(file));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Waits (TestFX) until {@code condition}, evaluated on the FX thread, holds. */
    private static void waitUntil(Supplier<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(condition::get));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("condition not met within 60 s", e);
        }
    }

    /** Reads a value on the FX thread. */
    private static <T> T fx(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

}
