package dev.hashscope.app.live;

import dev.hashscope.app.task.TaskRunner;
import java.io.File;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The live menu and the live bar of the main window: what the user does with a {@link LiveViewModel}. */
public final class LiveControls {
    private final LiveViewModel live;
    private final TaskRunner runner;
    private final Supplier<Window> window;

    public LiveControls(LiveViewModel live, TaskRunner runner, Supplier<Window> window) {
        this.live = live;
        this.runner = runner;
        this.window = window;
    }

    public Menu menu() {
        MenuItem attach = new MenuItem("Attach to JVM…");
        attach.setAccelerator(new KeyCodeCombination(KeyCode.A, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        attach.setOnAction(e -> chooseAndAttach());
        attach.disableProperty().bind(live.connectingProperty());
        attach.setId("menu-attach");
        MenuItem pause = new MenuItem();
        pause.textProperty().bind(Bindings.when(live.pausedProperty()).then("Resume Display").otherwise("Pause Display"));
        pause.setAccelerator(new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        pause.setOnAction(e -> live.setPaused(!live.pausedProperty().get()));
        pause.disableProperty().bind(live.streamingProperty().not());
        MenuItem save = new MenuItem("Save Live Recording…");
        save.setAccelerator(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        save.setOnAction(e -> chooseAndSave());
        save.disableProperty().bind(live.activeProperty().not());
        MenuItem stop = new MenuItem("Stop Streaming");
        stop.setOnAction(e -> live.stop());
        stop.disableProperty().bind(live.streamingProperty().not());
        MenuItem reconnect = new MenuItem("Reconnect");
        reconnect.setOnAction(e -> live.reconnect());
        reconnect.disableProperty().bind(live.activeProperty().not().or(live.streamingProperty())
                .or(live.connectingProperty()));
        MenuItem inspect = new MenuItem("Inspect Maps (load the map probe)");
        inspect.setOnAction(e -> live.inspectMaps());
        inspect.disableProperty().bind(live.streamingProperty().not());
        inspect.setId("menu-inspect-maps");
        Menu m = new Menu("Live");
        m.getItems().addAll(attach, new SeparatorMenuItem(), pause, save, stop, reconnect, new SeparatorMenuItem(),
                inspect);
        return m;
    }

    /** Shown while a session is on screen: its state and the buttons for it. */
    public HBox bar() {
        Label state = new Label();
        state.setId("live-state");
        state.textProperty().bind(live.stateProperty());
        Label timings = new Label();
        timings.setId("live-timings");
        timings.getStyleClass().add("live-timings");
        timings.textProperty().bind(live.timingsProperty());
        timings.visibleProperty().bind(live.timingsProperty().isNotEmpty());
        timings.managedProperty().bind(timings.visibleProperty());
        Tooltip timingsTip = new Tooltip();
        timingsTip.textProperty().bind(live.timingsProperty());
        timings.setTooltip(timingsTip);
        VBox lines = new VBox(2, state, timings);
        lines.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(lines, Priority.ALWAYS);
        Button pause = new Button();
        pause.setId("live-pause");
        pause.textProperty().bind(Bindings.when(live.pausedProperty()).then("Resume").otherwise("Pause"));
        pause.setOnAction(e -> live.setPaused(!live.pausedProperty().get()));
        pause.visibleProperty().bind(live.streamingProperty());
        pause.managedProperty().bind(pause.visibleProperty());
        Button save = new Button("Save Recording…");
        save.setId("live-save");
        save.setOnAction(e -> chooseAndSave());
        Button stop = new Button("Stop");
        stop.setId("live-stop");
        stop.setOnAction(e -> live.stop());
        stop.visibleProperty().bind(live.streamingProperty());
        stop.managedProperty().bind(stop.visibleProperty());
        Button reconnect = new Button("Reconnect");
        reconnect.setId("live-reconnect");
        reconnect.setOnAction(e -> live.reconnect());
        reconnect.visibleProperty().bind(live.streamingProperty().not());
        reconnect.managedProperty().bind(reconnect.visibleProperty());
        Button inspect = new Button("Inspect Maps");
        inspect.setId("live-inspect-maps");
        inspect.setTooltip(new Tooltip(
                "Load the map probe into this JVM: its hash tables' buckets appear in the Buckets tab"));
        inspect.setOnAction(e -> live.inspectMaps());
        inspect.visibleProperty().bind(live.streamingProperty());
        inspect.managedProperty().bind(inspect.visibleProperty());
        HBox bar = new HBox(10, lines, inspect, pause, save, stop, reconnect);
        bar.getStyleClass().addAll("banner", "note-live");
        bar.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("disconnected"), false);
        live.streamingProperty().addListener((o, was, on) -> bar.pseudoClassStateChanged(
                javafx.css.PseudoClass.getPseudoClass("disconnected"), !on));
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 10, 6, 12));
        bar.visibleProperty().bind(live.activeProperty());
        bar.managedProperty().bind(bar.visibleProperty());
        bar.setId("live-bar");
        return bar;
    }

    void chooseAndAttach() {
        AttachDialog d = new AttachDialog(runner);
        d.initOwner(window.get());
        d.showAndWait().ifPresent(live::attach);
    }

    void chooseAndSave() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Save the live recording");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("JFR recording", "*.jfr"));
        fc.setInitialFileName("hashscope-live-" + LocalDateTime.now()
                .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".jfr");
        File f = fc.showSaveDialog(window.get());
        if (f != null) {
            live.save(f.toPath());
        }
    }
}
