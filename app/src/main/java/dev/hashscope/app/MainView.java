package dev.hashscope.app;

import dev.hashscope.app.analysis.AnalysisSnapshot;
import dev.hashscope.app.findings.EvidenceTarget;
import dev.hashscope.app.findings.FindingsView;
import dev.hashscope.app.flametab.FlameTabView;
import dev.hashscope.app.locks.LocksView;
import dev.hashscope.app.timeline.TimelineView;
import dev.hashscope.detect.Evidence;
import dev.hashscope.flame.FlameKind;
import dev.hashscope.report.ReportJson;
import dev.hashscope.report.ReportMarkdown;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The main window: menu, the filter bar (threads, time range, progress and Cancel), notes, the findings on the
 * left, the flame graph and lock table in tabs on the right over the timeline, and a status line.
 */
public final class MainView extends BorderPane {
    /** Below this the timeline's four plots overlap their axis labels: the divider stops here instead. */
    static final double TIMELINE_MIN_HEIGHT = 300;

    private final MainViewModel vm;
    private final FindingsView findingsView;
    private final FlameTabView flameView;
    private final LocksView locksView;
    private final TimelineView timelineView;
    private final TabPane tabs = new TabPane();
    private final Tab flameTab;
    private final Tab locksTab;
    private final TextField threadField = new TextField();
    private final Menu recentMenu = new Menu("Open Recent");
    private Alert errorDialog;

    /** The live menu and bar, or null for a window without live attach (tests of file views). */
    private final dev.hashscope.app.live.LiveControls live;

    public MainView(MainViewModel vm) {
        this(vm, null);
    }

    public MainView(MainViewModel vm, dev.hashscope.app.live.LiveControls live) {
        this.vm = vm;
        this.live = live;
        getStyleClass().add("main-view");
        findingsView = new FindingsView(vm.findings(), this::showCallSite, vm::selectTimeRange);
        flameView = new FlameTabView(vm.flame());
        locksView = new LocksView(vm.locks());
        timelineView = new TimelineView(vm.timeline());

        ViewErrors errors = vm.viewErrors();
        flameTab = new Tab("Flame graph", new ViewErrorPane(flameView,
                errors.messageProperty(ViewErrors.View.FLAME), "flame-error"));
        locksTab = new Tab("Locks", new ViewErrorPane(locksView,
                errors.messageProperty(ViewErrors.View.LOCKS), "locks-error"));
        flameTab.setId("flame-tab");
        locksTab.setId("locks-tab");
        tabs.getTabs().addAll(flameTab, locksTab);
        Tab bucketsTab = new Tab("Buckets", new ViewErrorPane(new dev.hashscope.app.buckets.BucketsView(vm.buckets()),
                errors.messageProperty(ViewErrors.View.BUCKETS), "buckets-error"));
        bucketsTab.setId("buckets-tab");
        tabs.getTabs().add(bucketsTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);

        ViewErrorPane timelinePane = new ViewErrorPane(timelineView,
                errors.messageProperty(ViewErrors.View.TIMELINE), "timeline-error");
        timelinePane.setMinHeight(TIMELINE_MIN_HEIGHT);
        SplitPane right = new SplitPane(tabs, timelinePane);
        right.setOrientation(Orientation.VERTICAL);
        right.setDividerPositions(0.56);
        ViewErrorPane findingsPane = new ViewErrorPane(findingsView,
                errors.messageProperty(ViewErrors.View.FINDINGS), "findings-error");
        SplitPane center = new SplitPane(findingsPane, right);
        center.setDividerPositions(0.42);
        SplitPane.setResizableWithParent(findingsPane, false);
        setCenter(center);
        setTop(new VBox(menuBar(), filterBar(), notes()));
        setBottom(statusBar());

        vm.errorProperty().addListener((o, was, e) -> {
            if (e != null) {
                showError("Cannot open " + e.fileName(), e.message());
            }
        });
        vm.snapshotProperty().addListener((o, was, s) -> {
            if (s != null && (was == null || !was.request().file().equals(s.request().file()))) {
                // A new file: put the keyboard in the findings list, so the arrow keys walk the ranking.
                Platform.runLater(() -> findingsView.list().requestFocus());
            }
        });
        setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        setOnDragDropped(e -> {
            List<File> files = e.getDragboard().getFiles();
            boolean ok = files != null && !files.isEmpty();
            if (ok) {
                vm.open(files.get(0).toPath());
            }
            e.setDropCompleted(ok);
            e.consume();
        });
        // Esc resets the zoom of the flame graph in view wherever the focus is (lists and tables would
        // otherwise swallow it); the key still reaches the focused control.
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && visibleGraph().zoomNodeProperty().get() != 0) {
                visibleGraph().resetZoom();
            }
        });
    }

    public FindingsView findingsView() {
        return findingsView;
    }

    public FlameTabView flameView() {
        return flameView;
    }

    public LocksView locksView() {
        return locksView;
    }

    public TimelineView timelineView() {
        return timelineView;
    }

    public TabPane tabs() {
        return tabs;
    }

    private dev.hashscope.app.flame.FlameGraphView visibleGraph() {
        return tabs.getSelectionModel().getSelectedItem() == locksTab ? locksView.graph() : flameView.graph();
    }

    private void showCallSite(Evidence.CallSite c) {
        Evidence.CallSite site = c;
        dev.hashscope.detect.Finding f = vm.findings().selected();
        FlameKind kind = f == null ? FlameKind.CPU : EvidenceTarget.of(f).kind();
        if (f != null && site.unit() != null && site.unit() != f.evidence().callSites().get(0).unit()) {
            // A finding can carry sites of two kinds (bytes and CPU samples of the same resize).
            kind = site.unit() == dev.hashscope.detect.Unit.COUNT ? FlameKind.CPU : kind;
        }
        tabs.getSelectionModel().select(flameTab);
        vm.flame().showEvidence(kind, site.frame());
    }

    // ---- menu ----

    private MenuBar menuBar() {
        MenuItem open = item("Open…", new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN), this::chooseAndOpen);
        open.setId("menu-open");
        MenuItem sample = item("Open the Bundled Sample", null, vm::openSample);
        sample.setDisable(!BundledSample.available());
        vm.recentFiles().addListener((javafx.collections.ListChangeListener<Path>) c -> rebuildRecent());
        rebuildRecent();
        Menu export = new Menu("Export");
        export.getItems().addAll(
                item("Findings as JSON…", null, () -> exportVia("JSON report", "json", baseName() + "-findings.json",
                        this::exportFindingsJson)),
                item("Findings as Markdown…", null, () -> exportVia("Markdown", "md", baseName() + "-findings.md",
                        this::exportFindingsMarkdown)),
                new SeparatorMenuItem(),
                item("Flame Graph as PNG…", null, () -> exportVia("PNG image", "png", flameFileName("png"),
                        this::exportFlamePng)),
                item("Flame Graph as HTML…", null, () -> exportVia("HTML page", "html", flameFileName("html"),
                        this::exportFlameHtml)),
                new SeparatorMenuItem(),
                item("Timeline as PNG…", null, () -> exportVia("PNG image", "png", baseName() + "-timeline.png",
                        this::exportTimelinePng)));
        export.disableProperty().bind(vm.snapshotProperty().isNull());
        Menu file = new Menu("File");
        file.getItems().addAll(open, recentMenu, sample, new SeparatorMenuItem(), export, new SeparatorMenuItem(),
                item("Quit", new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN), Platform::exit));

        Menu view = new Menu("View");
        view.getItems().addAll(
                item("Search the Flame Graph", new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN),
                        this::focusFlameSearch),
                item("Reset Flame Graph Zoom    Esc", null, () -> visibleGraph().resetZoom()),
                item("Reset Time Range", new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN),
                        vm::resetTimeRange),
                item("Thread Filter", new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN),
                        () -> threadField.requestFocus()),
                new SeparatorMenuItem(),
                item("Flame Graph Tab", new KeyCodeCombination(KeyCode.DIGIT1, KeyCombination.SHORTCUT_DOWN),
                        () -> tabs.getSelectionModel().select(flameTab)),
                item("Locks Tab", new KeyCodeCombination(KeyCode.DIGIT2, KeyCombination.SHORTCUT_DOWN),
                        () -> tabs.getSelectionModel().select(locksTab)),
                item("Findings List", new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN),
                        () -> findingsView.list().requestFocus()));
        Menu help = new Menu("Help");
        help.getItems().add(item("Keyboard Shortcuts", null, this::showShortcuts));
        MenuBar bar = live == null ? new MenuBar(file, view, help) : new MenuBar(file, live.menu(), view, help);
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    private void rebuildRecent() {
        recentMenu.getItems().clear();
        for (Path p : vm.recentFiles()) {
            MenuItem i = new MenuItem(p.getFileName() + "  —  " + p.getParent());
            i.setMnemonicParsing(false);
            i.setOnAction(e -> vm.open(p));
            recentMenu.getItems().add(i);
        }
        if (recentMenu.getItems().isEmpty()) {
            MenuItem none = new MenuItem("No recent files");
            none.setDisable(true);
            recentMenu.getItems().add(none);
        } else {
            recentMenu.getItems().addAll(new SeparatorMenuItem(), item("Clear Recent Files", null,
                    vm::forgetRecentFiles));
        }
    }

    private static MenuItem item(String text, KeyCombination key, Runnable action) {
        MenuItem i = new MenuItem(text);
        i.setMnemonicParsing(false);
        if (key != null) {
            i.setAccelerator(key);
        }
        i.setOnAction(e -> action.run());
        return i;
    }

    public void focusFlameSearch() {
        tabs.getSelectionModel().select(flameTab);
        flameView.graph().focusSearchField();
    }

    // ---- filter bar, notes, status ----

    private Region filterBar() {
        Label threads = new Label("Threads");
        threads.getStyleClass().add("bar-label");
        threadField.setId("thread-filter");
        threadField.setPromptText("all — or a regex, e.g. worker");
        threadField.setPrefColumnCount(22);
        threadField.setTooltip(new Tooltip("Keep threads whose name matches this regular expression anywhere; "
                + "Enter applies it to every view"));
        threadField.setOnAction(e -> vm.setThreadFilter(threadField.getText()));
        vm.threadFilterProperty().addListener((o, was, t) -> {
            if (!threadField.isFocused() || !t.equals(was)) {
                threadField.setText(t);
            }
        });
        vm.threadFilterErrorProperty().addListener((o, was, err) -> {
            threadField.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("invalid"), !err.isEmpty());
            threadField.setTooltip(new Tooltip(err.isEmpty() ? "Keep threads whose name matches this regular "
                    + "expression anywhere; Enter applies it to every view" : err));
        });
        Button apply = new Button("Apply");
        apply.setOnAction(e -> vm.setThreadFilter(threadField.getText()));
        Label threadError = new Label();
        threadError.getStyleClass().add("error-text");
        threadError.textProperty().bind(vm.threadFilterErrorProperty());
        threadError.managedProperty().bind(threadError.visibleProperty());
        threadError.visibleProperty().bind(vm.threadFilterErrorProperty().isNotEmpty());

        Label rangeName = new Label("Time range");
        rangeName.getStyleClass().add("bar-label");
        Label range = new Label();
        range.setId("range-label");
        range.getStyleClass().add("range-chip");
        range.textProperty().bind(vm.rangeLabelProperty());
        range.visibleProperty().bind(vm.rangeLabelProperty().isNotEmpty());
        Button reset = new Button("Reset range");
        reset.setId("reset-range");
        reset.setOnAction(e -> vm.resetTimeRange());
        reset.disableProperty().bind(vm.timeRangeProperty().isNull());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        ProgressBar progress = new ProgressBar();
        progress.setId("progress");
        progress.setPrefWidth(180);
        progress.progressProperty().bind(vm.progressProperty());
        Label progressText = new Label();
        progressText.getStyleClass().add("hint");
        progressText.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> vm.progressProperty().get() < 0 ? "reading…"
                        : String.format(Locale.ROOT, "%.0f%%", vm.progressProperty().get() * 100),
                vm.progressProperty()));
        Button cancel = new Button("Cancel");
        cancel.setId("cancel");
        cancel.setOnAction(e -> vm.cancel());
        HBox busy = new HBox(8, progress, progressText, cancel);
        busy.setAlignment(Pos.CENTER_LEFT);
        busy.visibleProperty().bind(vm.busyProperty());

        HBox bar = new HBox(8, threads, threadField, apply, threadError, sep(), rangeName, range, reset, spacer, busy);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 10, 6, 10));
        bar.getStyleClass().add("filter-bar");
        return bar;
    }

    private static Region sep() {
        Region r = new Region();
        r.getStyleClass().add("bar-separator");
        r.setMinWidth(1);
        r.setPrefHeight(20);
        return r;
    }

    private Region notes() {
        HBox sample = banner("note-info", vm.sampleNoteProperty(), vm::dismissSampleNote,
                new Button("Open…"));
        ((Button) sample.getChildren().get(2)).setOnAction(e -> chooseAndOpen());
        sample.setId("sample-note");
        HBox truncated = banner("note-warning", vm.truncationNoteProperty(), vm::dismissTruncationNote);
        truncated.setId("truncation-note");
        return live == null ? new VBox(sample, truncated) : new VBox(live.bar(), sample, truncated);
    }

    private static HBox banner(String style, javafx.beans.value.ObservableStringValue text, Runnable dismiss,
                               Button... actions) {
        Label l = new Label();
        l.textProperty().bind(text);
        l.setWrapText(true);
        l.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(l, Priority.ALWAYS);
        Button close = new Button("✕");
        close.getStyleClass().add("banner-close");
        close.setTooltip(new Tooltip("Dismiss"));
        close.setOnAction(e -> dismiss.run());
        HBox box = new HBox(10);
        box.getChildren().add(l);
        box.getChildren().add(new Region());
        box.getChildren().addAll(actions);
        box.getChildren().add(close);
        box.getStyleClass().addAll("banner", style);
        box.setAlignment(Pos.CENTER_LEFT);
        box.setPadding(new Insets(6, 10, 6, 12));
        box.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(text));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private Region statusBar() {
        Label status = new Label();
        status.setId("status");
        status.textProperty().bind(vm.statusProperty());
        HBox bar = new HBox(status);
        bar.getStyleClass().add("status-bar");
        bar.setPadding(new Insets(3, 10, 3, 10));
        return bar;
    }

    private void showShortcuts() {
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.initOwner(getScene().getWindow());
        a.setTitle("Keyboard shortcuts");
        a.setHeaderText("Keyboard shortcuts");
        a.setContentText(String.join("\n",
                "Ctrl+O  open a recording (or drag a .jfr onto the window)",
                "Ctrl+F  search the flame graph",
                "Esc  reset the flame graph's zoom",
                "Ctrl+T  thread filter (Enter applies it)",
                "Ctrl+R  reset the time range",
                "Ctrl+1 / Ctrl+2  flame graph / locks tab",
                "Ctrl+L  findings list; ↑ ↓ move through the findings"));
        a.show();
    }

    // ---- files ----

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    private void chooseAndOpen() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Open a JFR recording");
        fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("JFR recordings", "*.jfr", "*.jfr.gz"),
                new FileChooser.ExtensionFilter("All files", "*"));
        AnalysisSnapshot s = vm.snapshotProperty().get();
        if (s != null && !s.request().sample() && s.request().file().toAbsolutePath().getParent() != null) {
            fc.setInitialDirectory(s.request().file().toAbsolutePath().getParent().toFile());
        }
        File f = fc.showOpenDialog(window());
        if (f != null) {
            vm.open(f.toPath());
        }
    }

    /** Shows an error without blocking: the app stays usable behind it. */
    void showError(String header, String message) {
        if (errorDialog != null) {
            errorDialog.close();
        }
        Alert a = new Alert(Alert.AlertType.ERROR, message, ButtonType.OK);
        a.initOwner(window());
        a.setTitle("Hashscope");
        a.setHeaderText(header);
        a.getDialogPane().setId("error-dialog");
        a.getDialogPane().setMinWidth(480);
        errorDialog = a;
        a.show();
    }

    private String flameFileName(String ext) {
        return baseName() + "-" + vm.flame().kindProperty().get().cliName() + "." + ext;
    }

    private String baseName() {
        AnalysisSnapshot s = vm.snapshotProperty().get();
        String n = s == null ? "hashscope" : String.valueOf(s.request().file().getFileName());
        return n.replaceAll("\\.jfr(\\.gz)?$", "");
    }

    // ---- exports: the menu picks a file, these write it (public so tests can call them) ----

    public void exportFindingsJson(Path p) throws IOException {
        AnalysisSnapshot s = requireSnapshot();
        Files.writeString(p, ReportJson.toJson(s.result(), String.valueOf(s.request().file().getFileName())),
                StandardCharsets.UTF_8);
    }

    public void exportFindingsMarkdown(Path p) throws IOException {
        AnalysisSnapshot s = requireSnapshot();
        Files.writeString(p, ReportMarkdown.render(s.result(), String.valueOf(s.request().file().getFileName())),
                StandardCharsets.UTF_8);
    }

    /** What the flame graph tab shows, as a PNG; selects the tab first, since only a laid-out canvas can be drawn. */
    public void exportFlamePng(Path p) throws IOException {
        requireSnapshot();
        tabs.getSelectionModel().select(flameTab);
        applyCss();
        layout();
        flameView.graph().exportPng(p);
    }

    public void exportFlameHtml(Path p) throws IOException {
        requireSnapshot();
        FlameKind k = vm.flame().kindProperty().get();
        flameView.graph().exportHtml(p, Units.kindName(k) + " flame graph — " + baseName());
    }

    public void exportTimelinePng(Path p) throws IOException {
        requireSnapshot();
        timelineView.exportPng(p, 1600, 900);
    }

    private AnalysisSnapshot requireSnapshot() throws IOException {
        AnalysisSnapshot s = vm.snapshotProperty().get();
        if (s == null) {
            throw new IOException("no recording is open");
        }
        return s;
    }

    private Path chooseSave(String description, String ext, String suggested) {
        FileChooser fc = new FileChooser();
        fc.setTitle("Export " + description);
        fc.setInitialFileName(suggested);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, "*." + ext));
        File f = fc.showSaveDialog(window());
        return f == null ? null : f.toPath();
    }

    private void exportVia(String description, String ext, String suggested, Writer writer) {
        Path p = chooseSave(description, ext, suggested);
        if (p != null) {
            try {
                writer.write(p);
            } catch (IOException | RuntimeException e) {
                showError("Cannot write " + p.getFileName(), e.getMessage() == null ? e.toString() : e.getMessage());
            }
        }
    }

    private interface Writer {
        void write(Path p) throws IOException;
    }
}
