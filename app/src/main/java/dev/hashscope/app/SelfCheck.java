package dev.hashscope.app;

import dev.hashscope.app.analysis.RecordingAnalysis;
import dev.hashscope.app.task.FxTaskRunner;
import dev.hashscope.detect.Finding;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * {@code hashscope --self-check FILE [--timeout SECONDS] [--snapshot PNG]}: proves that an installed app works on
 * this machine, for the installers' smoke test. It opens FILE in the app's real window (the same {@link MainView}
 * and engine as a user gets), waits until the analysis has been applied to the findings list, lets the scene
 * render, and then checks what was drawn: the list holds every finding, its first row shows the top finding's
 * title, and a snapshot of the list is not blank. It prints one line, {@code SELF-CHECK OK <n> findings ...},
 * and exits 0; anything else (unreadable file, no findings, a blank list, the time limit) prints
 * {@code SELF-CHECK FAILED: <why>} and exits 1. Recent files are not touched.
 */
public final class SelfCheck {
    public static final String FLAG = "--self-check";
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    private static final long DEFAULT_TIMEOUT_SECONDS = 60;
    /** Frames rendered after the findings arrived before the scene is checked: CSS, layout, then paint. */
    private static final int FRAMES_BEFORE_SNAPSHOT = 3;
    /**
     * Least share of the first row's pixels that differ from its background: its title, summary and score pill
     * cover well over this; a row laid out but not painted, or painted without its text, none.
     */
    static final double MIN_ROW_INK = 0.01;

    /** What the check saw; {@link #line()} is what it prints. */
    record Report(String file, int findings, String topTitle, int width, int height, double rowInk,
                  String toolkit) {
        String line() {
            return String.format(Locale.ROOT, "SELF-CHECK OK %d findings in %s; first row \"%s\" drawn "
                    + "(%.0f%% of its pixels over its background); window %dx%d; %s", findings, file, topTitle,
                    100 * rowInk, width, height, toolkit);
        }
    }

    private SelfCheck() {
    }

    /** Runs the check from the command line (arguments after {@link #FLAG}); returns the exit code. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Path file = null;
        Path snapshot = null;
        long timeout = DEFAULT_TIMEOUT_SECONDS;
        try {
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                switch (a) {
                    case "--timeout" -> timeout = Long.parseLong(value(args, ++i, a));
                    case "--snapshot" -> snapshot = Path.of(value(args, ++i, a));
                    default -> {
                        if (a.startsWith("-") || file != null) {
                            throw new IllegalArgumentException("unexpected argument '" + a + "'");
                        }
                        file = Path.of(a);
                    }
                }
            }
            if (file == null) {
                throw new IllegalArgumentException("no recording given");
            }
        } catch (IllegalArgumentException e) {
            err.println("hashscope: " + FLAG + ": " + e.getMessage()
                    + " (usage: hashscope " + FLAG + " FILE [--timeout SECONDS] [--snapshot PNG])");
            return USAGE;
        }
        if (!Files.isRegularFile(file)) {
            out.println("SELF-CHECK FAILED: no such file " + file);
            return FAILED;
        }
        boolean started = false;
        try {
            startToolkit(timeout);
            started = true;
            Path recording = file;
            Path png = snapshot;
            CompletableFuture<Report> report = onFx(() -> check(new Stage(), recording, png));
            out.println(report.get(timeout, TimeUnit.SECONDS).line());
            return OK;
        } catch (TimeoutException e) {
            out.println("SELF-CHECK FAILED: the findings were not shown within " + timeout + " s");
            return FAILED;
        } catch (ExecutionException e) {
            out.println("SELF-CHECK FAILED: " + message(e.getCause()));
            return FAILED;
        } catch (Exception e) {
            out.println("SELF-CHECK FAILED: " + message(e));
            return FAILED;
        } finally {
            // Platform.exit() waits for a toolkit that never started (no display): only end one that runs.
            if (started) {
                Platform.exit();
            }
        }
    }

    /**
     * Opens {@code file} in the app's window on {@code stage} and completes with what was rendered, or
     * exceptionally with the reason it was not. Call on the FX thread; the window is closed when done.
     *
     * @param snapshot where to write the window's snapshot as PNG, or null
     */
    static CompletableFuture<Report> check(Stage stage, Path file, Path snapshot) {
        CompletableFuture<Report> done = new CompletableFuture<>();
        FxTaskRunner runner = new FxTaskRunner();
        // No recent-files store: a check must not change the user's File → Open Recent.
        MainViewModel vm = new MainViewModel(runner, new RecordingAnalysis(), null);
        MainView view = HashscopeApp.show(stage, vm);
        done.whenComplete((r, e) -> Platform.runLater(() -> {
            runner.shutdown();
            stage.close();
        }));

        InvalidationListener[] watch = new InvalidationListener[1];
        watch[0] = o -> {
            if (done.isDone()) {
                return;
            }
            MainViewModel.LoadError error = vm.errorProperty().get();
            if (error != null) {
                done.completeExceptionally(new IllegalStateException(
                        "cannot open " + error.fileName() + ": " + error.message()));
            } else if (vm.snapshotProperty().get() != null && !vm.busyProperty().get()) {
                vm.busyProperty().removeListener(watch[0]);
                vm.errorProperty().removeListener(watch[0]);
                afterFrames(FRAMES_BEFORE_SNAPSHOT, () -> {
                    try {
                        done.complete(inspect(stage, view, vm, file, snapshot));
                    } catch (RuntimeException | IOException e) {
                        done.completeExceptionally(e);
                    }
                });
            }
        };
        vm.busyProperty().addListener(watch[0]);
        vm.errorProperty().addListener(watch[0]);
        vm.open(file);
        return done;
    }

    /** Checks the rendered window against the view-model's findings. On the FX thread. */
    private static Report inspect(Stage stage, MainView view, MainViewModel vm, Path file, Path snapshot)
            throws IOException {
        List<Finding> findings = vm.findings().findings();
        if (findings.isEmpty()) {
            throw new IllegalStateException("the analysis of " + file.getFileName() + " has no findings");
        }
        ListView<Finding> list = view.findingsView().list();
        if (list.getItems().size() != findings.size()) {
            throw new IllegalStateException("the findings list shows " + list.getItems().size() + " of "
                    + findings.size() + " findings");
        }
        String top = findings.get(0).title();
        ListCell<?> row = firstRow(list);
        String shown = row == null ? "(no first row)" : title(row);
        if (!top.equals(shown)) {
            throw new IllegalStateException("the list's first row shows \"" + shown + "\", not the top finding \""
                    + top + "\"");
        }
        WritableImage image = stage.getScene().snapshot(null);
        double ink = inkShare(pixels(image, row.localToScene(row.getBoundsInLocal())));
        if (ink < MIN_ROW_INK) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "the findings list's first row rendered blank (%.2f%% of its pixels differ from its background)",
                    100 * ink));
        }
        if (snapshot != null) {
            Path parent = snapshot.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", snapshot.toFile());
        }
        return new Report(String.valueOf(file.getFileName()), findings.size(), top, (int) image.getWidth(),
                (int) image.getHeight(), ink, toolkit());
    }

    /** The list's row 0 as laid out, or null. */
    private static ListCell<?> firstRow(ListView<Finding> list) {
        for (Node n : list.lookupAll(".finding-cell")) {
            if (n instanceof ListCell<?> cell && cell.getIndex() == 0 && cell.isVisible()) {
                return cell;
            }
        }
        return null;
    }

    private static String title(ListCell<?> row) {
        return row.lookup(".finding-title") instanceof Label title ? title.getText() : "(a row without a title)";
    }

    /** The ARGB pixels of {@code image} inside {@code b}, clipped to the image. */
    private static int[] pixels(WritableImage image, Bounds b) {
        int x0 = (int) Math.max(0, Math.floor(b.getMinX()));
        int y0 = (int) Math.max(0, Math.floor(b.getMinY()));
        int x1 = (int) Math.min(image.getWidth(), Math.ceil(b.getMaxX()));
        int y1 = (int) Math.min(image.getHeight(), Math.ceil(b.getMaxY()));
        if (x1 <= x0 || y1 <= y0) {
            return new int[0];
        }
        int w = x1 - x0;
        int[] argb = new int[w * (y1 - y0)];
        image.getPixelReader().getPixels(x0, y0, w, y1 - y0, PixelFormat.getIntArgbInstance(), argb, 0, w);
        return argb;
    }

    /**
     * The share of pixels that differ from the most common one (the background): 0 for a blank area, about the
     * share covered by text, lines and fills otherwise.
     */
    static double inkShare(int[] argb) {
        if (argb.length == 0) {
            return 0;
        }
        Map<Integer, Integer> counts = new HashMap<>();
        int background = 0;
        for (int p : argb) {
            int c = counts.merge(p, 1, Integer::sum);
            background = Math.max(background, c);
        }
        return (argb.length - background) / (double) argb.length;
    }

    /** Which glass and which renderer drew the window (GTK + es2 or sw on a desktop, Monocle in tests). */
    private static String toolkit() {
        try {
            return com.sun.glass.ui.Application.GetApplication().getClass().getSimpleName().replace("Application", "")
                    + " glass, " + com.sun.prism.GraphicsPipeline.getPipeline().getClass().getSimpleName()
                    .replace("Pipeline", "") + " pipeline, JavaFX " + System.getProperty("javafx.runtime.version");
        } catch (RuntimeException | LinkageError e) {
            return "JavaFX " + System.getProperty("javafx.runtime.version");
        }
    }

    /** Runs {@code action} after the scene has rendered {@code frames} more frames. On the FX thread. */
    private static void afterFrames(int frames, Runnable action) {
        new AnimationTimer() {
            private int seen;

            @Override
            public void handle(long now) {
                if (++seen >= frames) {
                    stop();
                    action.run();
                }
            }
        }.start();
    }

    private static void startToolkit(long timeoutSeconds) throws InterruptedException, TimeoutException {
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        if (!started.await(timeoutSeconds, TimeUnit.SECONDS)) {
            throw new TimeoutException("JavaFX did not start within " + timeoutSeconds + " s");
        }
        // The check ends the toolkit itself; closing its window must not do it first.
        Platform.setImplicitExit(false);
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
