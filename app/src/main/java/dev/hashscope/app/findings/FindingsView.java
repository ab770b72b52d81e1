package dev.hashscope.app.findings;

import dev.hashscope.app.ColumnFit;
import dev.hashscope.app.Units;
import dev.hashscope.detect.Evidence;
import dev.hashscope.detect.Finding;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The ranked findings and, below them, the selected one in full: summary, why it hurts, the fix, and the evidence
 * (call sites, monitors, time windows, metrics, notes). Clicking a call site shows it in the flame graph;
 * clicking a time window filters every view to it.
 */
public final class FindingsView extends BorderPane {
    /** The evidence tables' font size (.evidence-table in hashscope.css). */
    private static final double EVIDENCE_FONT_SIZE = 12;
    private final FindingsViewModel vm;
    private final ListView<Finding> list = new ListView<>();
    private final VBox details = new VBox(10);
    private final Consumer<Evidence.CallSite> onCallSite;
    private final BiConsumer<Double, Double> onWindow;

    /**
     * @param onCallSite called when the user picks one of the finding's call sites
     * @param onWindow   called with (from, to) seconds when the user picks one of its time windows
     */
    public FindingsView(FindingsViewModel vm, Consumer<Evidence.CallSite> onCallSite,
                        BiConsumer<Double, Double> onWindow) {
        this.vm = vm;
        this.onCallSite = onCallSite;
        this.onWindow = onWindow;
        getStyleClass().add("findings-view");

        Label heading = new Label("Findings");
        heading.getStyleClass().add("pane-heading");
        Label counts = new Label();
        counts.getStyleClass().add("pane-subheading");
        counts.textProperty().bind(vm.countsProperty());
        HBox header = new HBox(10, heading, counts);
        header.setAlignment(Pos.BASELINE_LEFT);
        header.setPadding(new Insets(8, 10, 6, 10));

        list.setId("findings-list");
        list.setItems(vm.findings());
        list.setCellFactory(v -> new FindingCell());
        Label placeholder = new Label("Open a recording to see what slows its maps down:\nFile → Open (Ctrl+O), "
                + "drag a .jfr here, or File → Open the Bundled Sample.");
        placeholder.setWrapText(true);
        placeholder.getStyleClass().add("muted");
        placeholder.setPadding(new Insets(20));
        list.setPlaceholder(placeholder);
        list.getSelectionModel().selectedItemProperty().addListener((o, was, f) -> {
            if (f != null) {
                vm.select(f);
            }
        });
        // After the items are replaced, the list's selection follows the view-model's, not the old index.
        vm.findings().addListener((javafx.collections.ListChangeListener<Finding>) c -> syncSelection());
        vm.selectedProperty().addListener((o, was, f) -> {
            if (f != null && list.getSelectionModel().getSelectedItem() != f) {
                list.getSelectionModel().select(f);
                revealSelection();
            }
            render(f);
        });

        details.setPadding(new Insets(12, 14, 16, 14));
        details.getStyleClass().add("finding-details");
        details.setFillWidth(true);
        ScrollPane scroll = new ScrollPane(details);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("details-scroll");

        VBox top = new VBox(header, list);
        VBox.setVgrow(list, Priority.ALWAYS);
        SplitPane split = new SplitPane(top, scroll);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.34);
        setCenter(split);
        render(vm.selected());
    }

    private void syncSelection() {
        Finding f = vm.selected();
        if (f == null) {
            list.getSelectionModel().clearSelection();
        } else if (list.getSelectionModel().getSelectedItem() != f) {
            list.getSelectionModel().select(f);
        }
        revealSelection();
    }

    /** Keeps the top of the ranking in view unless the selected finding is further down. */
    private void revealSelection() {
        int i = list.getSelectionModel().getSelectedIndex();
        list.scrollTo(i < 4 ? 0 : i - 2);
    }

    public ListView<Finding> list() {
        return list;
    }

    private void render(Finding f) {
        details.getChildren().clear();
        if (f == null) {
            Label none = new Label("Select a finding to see why it hurts, the evidence and the fix.");
            none.getStyleClass().add("muted");
            details.getChildren().add(none);
            return;
        }
        Label title = wrapped(f.title(), "details-title");
        Label badge = SeverityBadge.of(f);
        Label meta = new Label(SeverityBadge.label(f.severity()) + (f.score() > 0 ? " · score " + f.score() + " of 100"
                : "") + " · " + f.detector());
        meta.getStyleClass().add("muted");
        HBox head = new HBox(8, badge, meta);
        head.setAlignment(Pos.CENTER_LEFT);
        details.getChildren().addAll(title, head);

        if (!f.summary().isEmpty()) {
            details.getChildren().add(wrapped(f.summary(), "details-summary"));
        }
        if (!f.explanation().isEmpty()) {
            details.getChildren().add(section("Why it hurts", wrapped(f.explanation(), "details-text")));
        }
        if (!f.fix().isEmpty()) {
            VBox fix = new VBox(wrapped(f.fix(), "details-text"));
            fix.getStyleClass().add("fix-box");
            details.getChildren().add(section("Fix", fix));
        }
        Evidence ev = f.evidence();
        if (!ev.callSites().isEmpty()) {
            details.getChildren().add(section("Call sites", callSites(ev)));
        }
        if (!ev.monitors().isEmpty()) {
            details.getChildren().add(section("Monitors", monitors(ev)));
        }
        if (!ev.windows().isEmpty()) {
            FlowPane windows = new FlowPane(6, 4);
            for (Evidence.TimeWindow w : ev.windows()) {
                Hyperlink link = new Hyperlink(String.format(Locale.ROOT, "%.2f – %.2f s", w.startSeconds(),
                        w.endSeconds()) + (w.label() == null || w.label().isEmpty() ? "" : ": " + w.label()));
                link.setTooltip(new Tooltip("Filter every view to this time window"));
                link.setOnAction(e -> onWindow.accept(w.startSeconds(), w.endSeconds()));
                windows.getChildren().add(link);
            }
            details.getChildren().add(section("When", windows));
        }
        if (!ev.metrics().isEmpty()) {
            GridPane grid = new GridPane();
            grid.setHgap(14);
            grid.setVgap(2);
            int row = 0;
            for (Evidence.Metric m : ev.metrics()) {
                Label name = new Label(m.name());
                name.getStyleClass().add("muted");
                grid.addRow(row++, name, new Label(Units.of(m.value(), m.unit())));
            }
            details.getChildren().add(section("Numbers", grid));
        }
        if (!ev.notes().isEmpty()) {
            VBox notes = new VBox(4);
            for (String n : ev.notes()) {
                notes.getChildren().add(wrapped("• " + n, "details-text"));
            }
            details.getChildren().add(section("Notes", notes));
        }
    }

    private Node callSites(Evidence ev) {
        TableView<Evidence.CallSite> t = new TableView<>();
        t.getStyleClass().add("evidence-table");
        t.setId("call-sites-table");
        t.getItems().setAll(ev.callSites());
        TableColumn<Evidence.CallSite, String> frame = col("Call site", c -> Units.shortFrame(c.frame()));
        frame.setPrefWidth(170);
        t.getColumns().add(frame);
        TableColumn<Evidence.CallSite, String> op = col("Map operation", c -> c.mapKind() == null ? ""
                : c.mapKind() + (c.operation() == null ? "" : "." + Units.operation(c.operation())));
        op.setPrefWidth(150);
        t.getColumns().add(op);
        t.getColumns().add(num("Count", c -> Units.count(c.count())));
        t.getColumns().add(num("Total", c -> Units.of(c.weight(), c.unit())));
        t.getColumns().add(num("p99", c -> c.p99Nanos() == null ? "–" : Units.nanos(c.p99Nanos())));
        t.getColumns().add(num("Threads", c -> Integer.toString(c.threads())));
        t.getColumns().add(num("Share", c -> Units.percent(c.share())));
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        ColumnFit.install(t, EVIDENCE_FONT_SIZE, op);
        fitRows(t, ev.callSites().size());
        t.getSelectionModel().selectedItemProperty().addListener((o, was, c) -> {
            if (c != null) {
                onCallSite.accept(c);
            }
        });
        t.setRowFactory(v -> {
            var row = new javafx.scene.control.TableRow<Evidence.CallSite>();
            row.itemProperty().addListener((o, was, c) -> row.setTooltip(c == null ? null
                    : new Tooltip(c.frame() + (c.maxNanos() == null ? "" : "\nmax " + Units.nanos(c.maxNanos())
                    + ", p50 " + Units.nanos(c.p50Nanos())) + "\n\nstack:\n  " + String.join("\n  ", c.stack()))));
            return row;
        });
        Label hint = new Label("Select a call site to show it in the flame graph; hover for its stack.");
        hint.getStyleClass().add("hint");
        return new VBox(4, t, hint);
    }

    private Node monitors(Evidence ev) {
        TableView<Evidence.Monitor> t = new TableView<>();
        t.getStyleClass().add("evidence-table");
        t.getItems().setAll(ev.monitors());
        TableColumn<Evidence.Monitor, String> cls = col("Monitor class", m -> m.className());
        cls.setPrefWidth(260);
        t.getColumns().add(cls);
        TableColumn<Evidence.Monitor, String> address = col("Address", m -> m.address() == 0 ? ""
                : "0x" + Long.toHexString(m.address()));
        t.getColumns().add(address);
        t.getColumns().add(num("Count", m -> Units.count(m.count())));
        t.getColumns().add(num("Total", m -> Units.nanos(m.totalNanos())));
        t.getColumns().add(num("Max", m -> Units.nanos(m.maxNanos())));
        TableColumn<Evidence.Monitor, String> holder = col("Holder was at",
                m -> m.holderFrame() == null ? "" : m.holderFrame());
        t.getColumns().add(holder);
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        ColumnFit.install(t, EVIDENCE_FONT_SIZE, address, holder);
        fitRows(t, ev.monitors().size());
        return t;
    }

    private static void fitRows(TableView<?> t, int rows) {
        t.setFixedCellSize(24);
        double h = 30 + 24 * Math.min(rows, 8) + 2;
        t.setPrefHeight(h);
        t.setMinHeight(h);
        t.setMaxHeight(h);
    }

    private static <S> TableColumn<S, String> col(String name, Function<S, String> value) {
        TableColumn<S, String> c = new TableColumn<>(name);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        return c;
    }

    private static <S> TableColumn<S, String> num(String name, Function<S, String> value) {
        TableColumn<S, String> c = col(name, value);
        c.getStyleClass().add("numeric");
        c.setMinWidth(name.length() * 7 + 22);
        c.setPrefWidth(Math.max(62, name.length() * 7 + 22));
        return c;
    }

    private static Node section(String name, Node content) {
        Label h = new Label(name);
        h.getStyleClass().add("section-heading");
        return new VBox(4, h, content);
    }

    private static Label wrapped(String text, String style) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add(style);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }

}
