package dev.hashscope.app.flame;

import dev.hashscope.flame.FlameTree;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.scene.Group;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;

/**
 * How long flame graphs of large trees take to lay out and to paint on a 1600 x 900 canvas (not a test:
 * timings depend on the machine). Run with Monocle's headless platform or under a display; prints medians
 * and 90th percentiles of 200 runs after 30 warm-up runs, for two trees of 100k+ nodes:
 *
 * <ul>
 *   <li>profile: a random, skewed profile, where most nodes are too narrow to draw;</li>
 *   <li>uniform: the worst case, where nearly every node is drawn (3^7 leaves of 0.73 px under 46-frame chains).</li>
 * </ul>
 * and for each:
 * <ul>
 *   <li>layout: {@link FlameLayout} alone, as after a zoom, a resize or a new tree;</li>
 *   <li>redraw: painting from the cached layout, as on hover, search or scroll (commands queued for the renderer);</li>
 *   <li>redraw + raster: the same, then rendered to pixels by a canvas snapshot, which includes reading them back;</li>
 *   <li>zoom + raster: a zoom to the root (layout, breadcrumb, search share, redraw), then rendered to pixels.</li>
 * </ul>
 * "blank + raster", painting an empty canvas and reading it back, is the fixed part of the raster figures.
 */
public final class FlameRedrawBenchmark {
    private static final int WARMUP = 30;
    private static final int RUNS = 200;
    private static final double WIDTH = 1600;
    private static final double HEIGHT = 900;

    private FlameRedrawBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        FlameTree profile = TestTrees.synthetic(150_000, 42);
        FlameTree uniform = TestTrees.uniform(3, 7, 46);
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.startup(() -> {
            try {
                run(profile, uniform);
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        try {
            done.get();
        } finally {
            Platform.exit();
        }
    }

    private static void run(FlameTree... trees) {
        FlameGraphView view = new FlameGraphView();
        // Size the scene so that the canvas, below the toolbar, is exactly WIDTH x HEIGHT.
        Scene probe = new Scene(view);
        view.applyCss();
        double toolbar = view.getTop().prefHeight(WIDTH);
        probe.setRoot(new Group());
        Stage stage = new Stage();
        stage.setScene(new Scene(view, WIDTH, HEIGHT + toolbar));
        stage.show();
        WritableImage pixels = new WritableImage((int) WIDTH, (int) HEIGHT);
        SnapshotParameters params = new SnapshotParameters();
        Runnable raster = () -> view.canvas().snapshot(params, pixels);
        System.out.printf(Locale.ROOT, "canvas %.0f x %.0f%n", view.canvas().getWidth(), view.canvas().getHeight());
        report("blank + raster", time(() -> {
            view.redraw();
            raster.run();
        }));

        String[] names = {"profile", "uniform"};
        for (int k = 0; k < trees.length; k++) {
            FlameTree tree = trees[k];
            view.treeProperty().set(tree);
            view.searchProperty().set("HashMap");
            FlameLayout layout = new FlameLayout();
            double[] layoutMs = time(() -> layout.layout(tree, tree.root(), WIDTH, FlameGraphView.ROW_HEIGHT, false));
            System.out.printf(Locale.ROOT, "%n%s tree: %,d nodes, %,d frames drawn, %,d search matches%n",
                    names[k], tree.nodeCount(), view.frameLayout().size(), view.matchCountProperty().get());
            report("layout", layoutMs);
            report("redraw", time(view::redraw));
            report("redraw + raster", time(() -> {
                view.redraw();
                raster.run();
            }));
            report("zoom + raster", time(() -> {
                view.zoomTo(0);
                raster.run();
            }));
        }
        stage.close();
    }

    private static double[] time(Runnable action) {
        for (int i = 0; i < WARMUP; i++) {
            action.run();
        }
        double[] ms = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            action.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return ms;
    }

    private static void report(String what, double[] sortedMs) {
        System.out.printf(Locale.ROOT, "  %-16s median %7.3f ms   p90 %7.3f ms%n", what,
                sortedMs[sortedMs.length / 2], sortedMs[sortedMs.length * 9 / 10]);
    }
}
