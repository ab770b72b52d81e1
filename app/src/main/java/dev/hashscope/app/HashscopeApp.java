package dev.hashscope.app;

import dev.hashscope.app.analysis.RecordingAnalysis;
import dev.hashscope.app.task.FxTaskRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import javafx.application.Application;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;

/** The desktop app: opens the file given on the command line, or the bundled sample. */
public final class HashscopeApp extends Application {
    public static final String STYLESHEET = "/dev/hashscope/app/hashscope.css";
    private FxTaskRunner runner;
    private dev.hashscope.app.live.LiveViewModel live;

    @Override
    public void start(Stage stage) {
        runner = new FxTaskRunner();
        MainViewModel vm = new MainViewModel(runner, new RecordingAnalysis(), RecentFiles.userDefault());
        live = new dev.hashscope.app.live.LiveViewModel(vm, runner, javafx.application.Platform::runLater,
                dev.hashscope.app.live.LiveViewModel.defaultOpener());
        show(stage, vm, new dev.hashscope.app.live.LiveControls(live, runner, () -> stage));

        List<String> args = getParameters().getUnnamed();
        if (args.size() == 2 && args.get(0).equals("--attach")) {
            // ./hashscope app --attach PID|host:port|URL: straight into a live session.
            String t = args.get(1);
            live.attach(t.matches("\\d+") ? new dev.hashscope.live.LiveTarget.Local(Long.parseLong(t))
                    : new dev.hashscope.live.LiveTarget.Remote(t, null, null, false));
        } else if (!args.isEmpty()) {
            vm.open(Path.of(args.get(0)));
        } else {
            vm.openSample();
        }
    }

    /**
     * The app's window: the main view of {@code vm} in {@code stage}, filling the screen, shown. Package-private
     * for the screenshot tour, which opens the app's window on its own view-model (without recent files).
     */
    static MainView show(Stage stage, MainViewModel vm) {
        return show(stage, vm, null);
    }

    static MainView show(Stage stage, MainViewModel vm, dev.hashscope.app.live.LiveControls liveControls) {
        MainView view = new MainView(vm, liveControls);
        Scene scene = scene(view);
        stage.setScene(scene);
        stage.titleProperty().bind(vm.titleProperty());
        // Fill the screen: there may be no window manager to resize the window (Xvfb, kiosk sessions).
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        stage.setX(screen.getMinX());
        stage.setY(screen.getMinY());
        stage.setWidth(screen.getWidth());
        stage.setHeight(screen.getHeight());
        stage.show();
        return view;
    }

    /** The scene with the app's stylesheet. */
    public static Scene scene(MainView view) {
        Scene scene = new Scene(view, 1400, 900);
        scene.getStylesheets().add(Objects.requireNonNull(HashscopeApp.class.getResource(STYLESHEET)).toExternalForm());
        return scene;
    }

    @Override
    public void stop() {
        if (live != null) {
            // Closes the target's recording and deletes the downloaded chunks; runs on the runner's pool.
            live.close();
        }
        if (runner != null) {
            runner.shutdown();
        }
    }
}
