package dev.hashscope.app;

import dev.hashscope.app.analysis.AnalysisSnapshot;
import dev.hashscope.app.analysis.RecordingAnalysis;
import dev.hashscope.app.flame.FlameGraphView;
import dev.hashscope.app.task.FxTaskRunner;
import dev.hashscope.detect.Evidence;
import dev.hashscope.detect.Finding;
import dev.hashscope.locks.LockTable;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * Makes the README's screenshots (docs/screenshots/app-*.png) from the real app: the app's own window
 * ({@link HashscopeApp#show}: the same {@link MainView} on a {@link MainViewModel} with the real engine and the
 * FX task runner), driven to each state through the view-models and the views' public API, the way the user's
 * clicks drive it, and written with {@code scene.snapshot}. Not a test: run it with a display, real glass (GTK),
 * e.g. under Xvfb with a 1600×1000 screen; {@code docs/screenshots/make.sh} does all of that.
 *
 * <p>Arguments: {@code OUTPUT_DIR RECORDINGS_DIR}; the recordings are the committed samples
 * ({@code hashtable-contention.jfr}, {@code boxing-churn.jfr}, {@code hashmap-resize-storm.jfr}). Waits only
 * for the view-models' state (analysis done) and for rendered frames, each with a time limit; exits 1 on any
 * failure, with the reason.
 */
public final class ScreenshotTour {
    static final int WIDTH = 1600;
    static final int HEIGHT = 1000;
    private static final long ANALYSIS_TIMEOUT_SECONDS = 120;
    private static final long FX_TIMEOUT_SECONDS = 30;

    private final Path out;
    private MainViewModel vm;
    private MainView view;
    private Stage stage;
    private FxTaskRunner runner;

    private ScreenshotTour(Path out) {
        this.out = out;
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: ScreenshotTour OUTPUT_DIR RECORDINGS_DIR");
            System.exit(2);
        }
        int status = 0;
        try {
            Path out = Path.of(args[0]);
            Path recordings = Path.of(args[1]);
            Files.createDirectories(out);
            new ScreenshotTour(out).run(recordings);
        } catch (Throwable e) {
            System.err.println("screenshot tour failed: " + e);
            e.printStackTrace();
            status = 1;
        }
        Platform.exit();
        System.exit(status);
    }

    private void run(Path recordings) throws Exception {
        Path contention = recording(recordings, "hashtable-contention.jfr");
        Path boxing = recording(recordings, "boxing-churn.jfr");
        Path resize = recording(recordings, "hashmap-resize-storm.jfr");

        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        if (!started.await(FX_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new TimeoutException("the JavaFX toolkit did not start");
        }
        fx(() -> {
            runner = new FxTaskRunner();
            // No recent-files store: the tour must not change the user's File → Open Recent.
            vm = new MainViewModel(runner, new RecordingAnalysis(), null);
            stage = new Stage();
            view = HashscopeApp.show(stage, vm);
            // The app fills the screen; the screenshots are 1600×1000 whatever the screen.
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(WIDTH);
            stage.setHeight(HEIGHT);
            return null;
        });
        String glass = fx(() -> com.sun.glass.ui.Application.GetApplication().getClass().getSimpleName());
        if (glass.contains("Monocle")) {
            throw new IllegalStateException("running on Monocle, the tests' headless glass: the screenshots are of "
                    + "the app on a real display (GTK, e.g. under Xvfb)");
        }
        System.out.println("JavaFX " + System.getProperty("javafx.runtime.version") + " on " + glass);

        try {
            // 1. The top finding of the Hashtable sample: its details, the lock flame graph at its call site.
            open(contention);
            Finding top = fx(() -> vm.findings().findings().get(0));
            fx(() -> {
                vm.findings().select(top);
                selectTab("flame-tab");
                return null;
            });
            shoot("app-findings.png", "top finding \"" + top.title() + "\"; " + flameState());

            // 2. A time range, as a drag across the timeline selects it (TimelineView calls the same method).
            double duration = fx(() -> vm.snapshotProperty().get().durationSeconds());
            double from = round2(duration * 0.21);
            double to = round2(duration * 0.43);
            fx(() -> {
                vm.timeline().select(from, to);
                return null;
            });
            awaitAnalysis("the range " + from + "–" + to + " s", () -> vm.snapshotProperty().get().request().range() != null);
            shoot("app-timeline-range.png", "range \"" + fx(() -> vm.rangeLabelProperty().get()) + "\", finding \""
                    + fx(() -> vm.findings().selected().title()) + "\"; " + flameState());
            fx(() -> {
                vm.resetTimeRange();
                return null;
            });
            awaitAnalysis("the whole recording again", () -> vm.snapshotProperty().get().request().range() == null);

            // 3. The Locks tab with a row picked: the lock class of another finding than the top one, which is
            //    selected with it so that the details on the left match the table.
            String lockState = fx(() -> {
                selectTab("locks-tab");
                List<LockTable.Row> rows = vm.locks().rows();
                if (rows.isEmpty()) {
                    throw new IllegalStateException("no lock rows in " + contention.getFileName());
                }
                LockTable.Row row = rows.size() > 1 ? rows.get(1) : rows.get(0);
                vm.findings().findings().stream()
                        .filter(f -> f.evidence().callSites().stream().map(Evidence.CallSite::frame)
                                .anyMatch(row.callSite()::equals))
                        .findFirst().ifPresent(vm.findings()::select);
                vm.locks().select(row);
                view.locksView().table().requestFocus();
                return "row " + row.monitorClass() + " at " + row.callSite() + ", finding \""
                        + vm.findings().selected().title() + "\", " + vm.locks().captionProperty().get();
            });
            shoot("app-locks.png", lockState);

            // 4. The allocation flame graph of the boxing sample searched for Integer.valueOf (Ctrl+F, then typing).
            open(boxing);
            fx(() -> {
                vm.findings().select(vm.findings().findings().get(0));
                view.focusFlameSearch();
                // What typing does: the field's selection replaced, the caret after the text.
                ((javafx.scene.control.TextField) view.flameView().graph().lookup("#flame-search"))
                        .replaceSelection("Integer.valueOf");
                return null;
            });
            FlameGraphView graph = view.flameView().graph();
            awaitFx("search matches", () -> graph.matchCountProperty().get() > 0, graph.matchCountProperty());
            shoot("app-flame-search.png", "finding \"" + fx(() -> vm.findings().selected().title()) + "\"; "
                    + flameState() + ", " + fx(() -> graph.matchCountProperty().get()) + " matches, "
                    + String.format(Locale.ROOT, "%.1f%%", 100 * fx(() -> graph.matchedShareProperty().get()))
                    + " of the zoomed frame");

            // 5. The resize storm with its top finding; the search is cleared first, as a user would.
            fx(() -> {
                graph.searchProperty().set("");
                return null;
            });
            open(resize);
            Finding storm = fx(() -> vm.findings().findings().get(0));
            fx(() -> {
                vm.findings().select(storm);
                return null;
            });
            shoot("app-resize-storm.png", "top finding \"" + storm.title() + "\"; " + flameState());

            // 6. The Buckets tab on the sample recorded with the map probe: the worst table selected, the tabs
            //    given the window's height (down to the timeline's minimum) and the findings list narrowed, the
            //    table of maps to its two rows, as a user drags the dividers.
            Path probed = recording(recordings, "map-probe-poor-hash.jfr");
            open(probed);
            String bucketsState = fx(() -> {
                vm.findings().select(vm.findings().findings().get(0));
                selectTab("buckets-tab");
                javafx.scene.Node node = view.tabs();
                while (node != null && !(node instanceof javafx.scene.control.SplitPane)) {
                    node = node.getParent();
                }
                ((javafx.scene.control.SplitPane) node).setDividerPositions(0.78);
                ((javafx.scene.control.SplitPane) node.getParent().getParent()).setDividerPositions(0.27);
                ((javafx.scene.control.SplitPane) view.lookup("#buckets-split")).setDividerPositions(0.17);
                return vm.buckets().detailsProperty().get();
            });
            shoot("app-buckets.png", bucketsState);
        } finally {
            fx(() -> {
                runner.shutdown();
                stage.close();
                return null;
            });
        }
    }

    private static Path recording(Path dir, String name) {
        Path p = dir.resolve(name);
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("missing recording " + p.toAbsolutePath());
        }
        return p;
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** Opens {@code file} as File → Open does, and waits until its analysis is shown. */
    private void open(Path file) throws Exception {
        fx(() -> {
            vm.open(file);
            return null;
        });
        awaitAnalysis(file.getFileName().toString(), () -> vm.snapshotProperty().get().request().file().equals(file));
        System.out.println(file.getFileName() + ": " + fx(() -> vm.statusProperty().get()));
    }

    /** Waits until no analysis runs and the one shown satisfies {@code shown}; fails on a load error. */
    private void awaitAnalysis(String what, BooleanSupplier shown) throws Exception {
        MainViewModel.LoadError before = fx(() -> vm.errorProperty().get());
        awaitFx("the analysis of " + what, () -> {
            MainViewModel.LoadError e = vm.errorProperty().get();
            if (e != null && e != before) {
                throw new IllegalStateException("cannot open " + e.fileName() + ": " + e.message());
            }
            AnalysisSnapshot s = vm.snapshotProperty().get();
            return !vm.busyProperty().get() && s != null && shown.getAsBoolean();
        }, vm.busyProperty(), vm.snapshotProperty(), vm.errorProperty());
    }

    /**
     * Waits, up to {@link #ANALYSIS_TIMEOUT_SECONDS}, until {@code condition} (evaluated on the FX thread, first
     * now and then whenever one of {@code deps} changes) holds.
     */
    private static void awaitFx(String what, BooleanSupplier condition, Observable... deps) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        InvalidationListener check = o -> {
            try {
                if (!done.isDone() && condition.getAsBoolean()) {
                    done.complete(null);
                }
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        };
        fx(() -> {
            for (Observable d : deps) {
                d.addListener(check);
            }
            check.invalidated(null);
            return null;
        });
        try {
            done.get(ANALYSIS_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new TimeoutException("no " + what + " within " + ANALYSIS_TIMEOUT_SECONDS + " s");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        } finally {
            fx(() -> {
                for (Observable d : deps) {
                    d.removeListener(check);
                }
                return null;
            });
        }
    }

    /** Lets the scene go through a few pulses (CSS, layout, the canvases' and the chart's redraws). */
    private static void settle() throws Exception {
        CountDownLatch frames = new CountDownLatch(4);
        AnimationTimer timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                frames.countDown();
            }
        };
        fx(() -> {
            timer.start();
            return null;
        });
        try {
            if (!frames.await(FX_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new TimeoutException("the scene rendered no frames for " + FX_TIMEOUT_SECONDS + " s");
            }
        } finally {
            fx(() -> {
                timer.stop();
                return null;
            });
        }
    }

    private void shoot(String name, String what) throws Exception {
        settle();
        BufferedImage image = fx(() -> {
            Scene scene = stage.getScene();
            WritableImage fxImage = scene.snapshot(null);
            return SwingFXUtils.fromFXImage(fxImage, null);
        });
        if (image.getWidth() != WIDTH || image.getHeight() != HEIGHT) {
            throw new IllegalStateException(name + " is " + image.getWidth() + "×" + image.getHeight() + ", not "
                    + WIDTH + "×" + HEIGHT + " (a window manager's decorations? run it under make.sh's Xvfb)");
        }
        Path file = out.resolve(name);
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer");
        }
        System.out.println("wrote " + file + ": " + what);
    }

    private void selectTab(String id) {
        Tab tab = view.tabs().getTabs().stream().filter(t -> id.equals(t.getId())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no tab #" + id));
        view.tabs().getSelectionModel().select(tab);
    }

    /** "Lock flame graph zoomed to Inventory.record". */
    private String flameState() throws Exception {
        return fx(() -> {
            FlameGraphView g = view.flameView().graph();
            int zoom = g.zoomNodeProperty().get();
            var tree = g.treeProperty().get();
            return vm.flame().kindProperty().get() + " flame graph "
                    + (zoom == 0 ? "whole" : "zoomed to " + tree.label(zoom));
        });
    }

    /** Runs {@code action} on the FX application thread and returns its result. */
    private static <T> T fx(Callable<T> action) throws Exception {
        if (Platform.isFxApplicationThread()) {
            return action.call();
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(action.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(FX_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
    }
}
