package dev.hashscope.app.locks;

import dev.hashscope.app.ColumnFit;
import dev.hashscope.app.NumberColumn;
import dev.hashscope.app.TextColumn;
import dev.hashscope.app.Units;
import dev.hashscope.app.flame.FlameGraphView;
import dev.hashscope.locks.LockTable.Row;
import java.util.function.Function;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;

/** The lock table and, below it, the flame graph of the selected row's lock class. */
public final class LocksView extends BorderPane {
    private final TableView<Row> table = new TableView<>();
    private final FlameGraphView graph = new FlameGraphView();

    public LocksView(LocksViewModel vm) {
        getStyleClass().add("locks-view");
        table.setId("locks-table");
        table.setItems(vm.rows());
        table.setPlaceholder(new Label("No lock waits under the current filter. Lock waits need jdk.JavaMonitorEnter"
                + " or jdk.ThreadPark events (see docs/recording-settings.md)."));
        TableColumn<Row, String> wait = text("Wait", r -> r.waitKind() == dev.hashscope.locks.LockTable.Wait.MONITOR
                ? "monitor" : "park");
        wait.setPrefWidth(70);
        // Without the package: the map column and the tooltip say where it lives.
        TableColumn<Row, String> cls = text("Monitor class",
                r -> r.monitorClass().substring(r.monitorClass().lastIndexOf('.') + 1));
        cls.setPrefWidth(230);
        TableColumn<Row, String> map = text("Map", r -> r.mapKind() == null ? "—" : r.mapKind());
        map.setPrefWidth(200);
        TableColumn<Row, String> site = text("Call site", r -> Units.shortFrame(r.callSite()));
        site.setPrefWidth(230);
        table.getColumns().add(wait);
        table.getColumns().add(cls);
        table.getColumns().add(map);
        table.getColumns().add(site);
        table.getColumns().add(number("Count", Row::count, Units::count, 70));
        table.getColumns().add(number("Total", Row::totalNanos, Units::nanos, 84));
        table.getColumns().add(number("p99", Row::p99Nanos, Units::nanos, 84));
        table.getColumns().add(number("Max", Row::maxNanos, Units::nanos, 84));
        table.getColumns().add(number("Threads", r -> (long) r.threads(), Units::count, 66));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        ColumnFit.install(table, 13, map); // 13 px: the root font size in hashscope.css
        table.getSelectionModel().selectedItemProperty().addListener((o, was, r) -> {
            if (r != null) {
                vm.select(r);
            }
        });
        vm.rows().addListener((javafx.collections.ListChangeListener<Row>) c -> {
            Row r = vm.selectedProperty().get();
            if (r != null && table.getSelectionModel().getSelectedItem() != r) {
                table.getSelectionModel().select(r);
            }
        });
        vm.selectedProperty().addListener((o, was, r) -> {
            if (r != null && table.getSelectionModel().getSelectedItem() != r) {
                table.getSelectionModel().select(r);
            }
        });

        Label summary = new Label();
        summary.getStyleClass().add("caption");
        summary.textProperty().bind(vm.summaryProperty());
        summary.setPadding(new Insets(6, 8, 4, 8));
        Label caption = new Label();
        caption.getStyleClass().add("caption");
        caption.textProperty().bind(vm.captionProperty());
        caption.setPadding(new Insets(6, 8, 0, 8));
        graph.treeProperty().bind(vm.monitorTreeProperty());

        BorderPane upper = new BorderPane(table);
        upper.setTop(summary);
        BorderPane lower = new BorderPane(graph);
        lower.setTop(new VBox(caption));
        SplitPane split = new SplitPane(upper, lower);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.4);
        setCenter(split);
    }

    public TableView<Row> table() {
        return table;
    }

    public FlameGraphView graph() {
        return graph;
    }

    /** A text column; the cell's tooltip shows the full text and, for the call site, the whole frame. */
    private static TableColumn<Row, String> text(String name, Function<Row, String> value) {
        return TextColumn.of(name, value,
                r -> r.monitorClass() + "\n" + r.callSite() + (r.mapKind() == null ? "" : "\nmap: " + r.mapKind()));
    }

    private static TableColumn<Row, Long> number(String name, Function<Row, Long> value, Function<Long, String> fmt,
                                                 double width) {
        return NumberColumn.of(name, value, fmt, width);
    }
}
