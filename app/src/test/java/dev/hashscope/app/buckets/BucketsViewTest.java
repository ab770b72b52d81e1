package dev.hashscope.app.buckets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hashscope.app.Samples;
import dev.hashscope.buckets.BucketHistory;
import dev.hashscope.buckets.BucketHistoryBuilder;
import dev.hashscope.buckets.WhatIf;
import dev.hashscope.event.RecordingReader;
import java.util.concurrent.Callable;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Buckets tab on the sample recorded with the map probe: the heatmaps render what the probe saw. */
@ExtendWith(ApplicationExtension.class)
class BucketsViewTest {
    private static BucketHistory history;
    private final BucketsViewModel vm = new BucketsViewModel();
    private BucketsView view;

    @BeforeAll
    static void read() throws Exception {
        BucketHistoryBuilder b = new BucketHistoryBuilder();
        RecordingReader.standard().read(Samples.get("map-probe-poor-hash.jfr"), b);
        history = b.history();
    }

    @Start
    void start(Stage stage) {
        view = new BucketsView(vm);
        stage.setScene(new Scene(view, 1200, 760));
        stage.show();
    }

    private static <T> T onFx(Callable<T> action) throws Exception {
        return WaitForAsyncUtils.asyncFx(action).get();
    }

    /** Pixels of a canvas that are neither blank nor the empty-bucket grey, counted per colour match. */
    private static int pixels(Canvas c, java.util.function.Predicate<Color> match) throws Exception {
        return onFx(() -> {
            WritableImage img = c.snapshot(null, null);
            PixelReader r = img.getPixelReader();
            int n = 0;
            for (int y = 0; y < (int) img.getHeight(); y++) {
                for (int x = 0; x < (int) img.getWidth(); x++) {
                    if (match.test(r.getColor(x, y))) {
                        n++;
                    }
                }
            }
            return n;
        });
    }

    @Test
    void theBucketGridAndTheTimeHeatmapRenderThePoorHashTable(FxRobot robot) throws Exception {
        robot.interact(() -> vm.apply(history));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("dev.hashscope.samples.TradeLedger.OPEN_TRADES", onFx(() -> vm.selectedProperty().get().map()),
                "the worst table is selected first");
        assertEquals("TradeLedger.OPEN_TRADES", onFx(() -> view.table().getSelectionModel().getSelectedItem())
                .map().substring("dev.hashscope.samples.".length()));

        // The grid: its 12 crowded buckets in the 8+ colour, a tree mark on each, the rest empty.
        Color crowded = ChainColors.of(8);
        int crowdedPixels = pixels(view.grid().canvas(), c -> c.equals(crowded));
        int treeMarks = pixels(view.grid().canvas(), c -> c.equals(ChainColors.TREE_MARK));
        assertTrue(crowdedPixels > 0, "crowded buckets drawn");
        assertTrue(treeMarks > 0, "tree bins marked");
        assertTrue(pixels(view.grid().canvas(), c -> c.equals(ChainColors.of(1))) == 0,
                "no bucket of this table holds a single entry");

        // Hover: the cell of a crowded bucket says so.
        int[] lengths = onFx(() -> vm.snapshotProperty().get().chainLengths());
        int hot = 0;
        while (lengths[hot] < 8) {
            hot++;
        }
        int cell = hot;
        String text = onFx(() -> {
            BucketGrid g = view.grid();
            int columns = (int) Math.ceil(Math.sqrt(lengths.length));
            double size = Math.min((g.getWidth() - 6) / columns,
                    (g.getHeight() - 6) / ((lengths.length + columns - 1) / columns));
            return g.describeAt(3 + (cell % columns + 0.5) * size, 3 + (cell / columns + 0.5) * size);
        });
        assertTrue(text.matches("buckets? [0-9,–]+: (longest chain )?[0-9,]+( entries)? \\(a tree bin\\)"), text);

        // The time heatmap: one column per snapshot, blue where buckets are, the 8+ row filled at the end.
        int heat = pixels(view.heatmap().canvas(), c -> c.getBlue() > c.getRed() + 0.1);
        assertTrue(heat > 0, "heat drawn");
        String late = onFx(() -> {
            Canvas c = view.heatmap().canvas();
            return view.heatmap().describeAt(c.getWidth() - 12, 20);
        });
        assertTrue(late.matches("t=[0-9.]+ s: 12 buckets with 8\\+ entries .*"), late);

        // The what-if: the hashCode is at fault.
        assertEquals(WhatIf.Verdict.FIX_HASHCODE, onFx(() -> vm.whatIfProperty().get().verdict()));
        assertEquals(24, onFx(() -> view.chart().bars()));
    }

    @Test
    void clickingTheTimeHeatmapShowsThatSnapshot(FxRobot robot) throws Exception {
        robot.interact(() -> vm.apply(history));
        WaitForAsyncUtils.waitForFxEvents();
        int last = onFx(() -> vm.snapshotIndexProperty().get());
        assertTrue(last > 0);
        javafx.geometry.Point2D firstColumn = onFx(() -> view.heatmap().canvas().localToScreen(40, 40));
        robot.clickOn(firstColumn);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, onFx(() -> vm.snapshotIndexProperty().get()));
        assertTrue(onFx(() -> vm.snapshotProperty().get().size()) < onFx(() -> vm.selectedProperty().get().latest().size()),
                "the first snapshot has fewer entries than the last");
    }

    @Test
    void withoutTheProbeTheTabSaysHowToGetData(FxRobot robot) throws Exception {
        robot.interact(() -> vm.apply(BucketHistory.EMPTY));
        assertTrue(onFx(() -> vm.summaryProperty().get()).contains("-javaagent:hashscope-map-probe.jar"));
        assertEquals(0, pixels(view.grid().canvas(), c -> !c.equals(Color.WHITE)), "an empty grid");
    }
}
