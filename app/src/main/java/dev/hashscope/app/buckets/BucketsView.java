package dev.hashscope.app.buckets;

import dev.hashscope.app.NumberColumn;
import dev.hashscope.app.TextColumn;
import dev.hashscope.app.Units;
import dev.hashscope.buckets.BucketHistory.MapSeries;
import dev.hashscope.buckets.BucketMath;
import dev.hashscope.buckets.WhatIf;
import java.util.Locale;
import java.util.function.Function;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Rectangle;
import org.jfree.chart.fx.ChartViewer;

/**
 * The Buckets tab: the map probe's tables ranked by how bad their distribution is; for the selected one its
 * buckets as a grid, its chain-length histogram beside the what-ifs, and its chain lengths over time.
 */
public final class BucketsView extends BorderPane {
    /** What the grid, the chart and the heatmap need to stay legible; below it the lower part scrolls. */
    static final double LOWER_MIN_HEIGHT = 440;

    private final TableView<MapSeries> table = new TableView<>();
    private final BucketGrid grid = new BucketGrid();
    private final ChainTimeHeatmap heatmap = new ChainTimeHeatmap();
    private final WhatIfChart chart = new WhatIfChart();
    private final ChartViewer chartViewer = new ChartViewer(chart.chart());

    public BucketsView(BucketsViewModel vm) {
        getStyleClass().add("buckets-view");
        table.setId("buckets-table");
        table.setItems(vm.maps());
        table.setPlaceholder(new Label("No tables: record with the map probe loaded (docs/map-probe.md)."));
        TableColumn<MapSeries, String> name = text("Table", s -> shortPath(s.map()));
        name.setPrefWidth(230);
        table.getColumns().add(name);
        table.getColumns().add(text("Kind", s -> s.latest().kind()));
        table.getColumns().add(number("Entries", s -> (double) s.latest().size(), v -> Units.count(v.longValue()), 70));
        table.getColumns().add(number("Buckets", s -> (double) s.latest().capacity(), v -> Units.count(v.longValue()), 76));
        table.getColumns().add(number("Longest", s -> (double) s.latest().longestChain(), v -> Units.count(v.longValue()), 64));
        table.getColumns().add(number("Probe ×ideal", s -> BucketMath.probeExcess(s.latest()),
                v -> String.format(Locale.ROOT, "%.1f×", v), 84));
        table.getColumns().add(number("Distinct", s -> s.latest().distinctHashRatio(),
                v -> String.format(Locale.ROOT, "%.1f%%", 100 * v), 70));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getSelectionModel().selectedItemProperty().addListener((o, was, s) -> {
            if (s != null) {
                vm.select(s);
            }
        });
        vm.selectedProperty().addListener((o, was, s) -> {
            if (s != null && table.getSelectionModel().getSelectedItem() != s) {
                table.getSelectionModel().select(s);
            }
        });

        Label summary = caption();
        summary.textProperty().bind(vm.summaryProperty());
        Label details = caption();
        details.setWrapText(true);
        details.textProperty().bind(vm.detailsProperty());
        Label verdict = new Label();
        verdict.setId("buckets-verdict");
        verdict.setWrapText(true);
        verdict.setPadding(new Insets(4, 8, 4, 8));
        verdict.getStyleClass().add("buckets-verdict");

        grid.tableProperty().bind(vm.snapshotProperty());
        heatmap.seriesProperty().bind(vm.selectedProperty());
        heatmap.selectedIndexProperty().bind(vm.snapshotIndexProperty());
        heatmap.setOnPick(vm::selectSnapshot);
        vm.whatIfProperty().addListener((o, was, w) -> {
            chart.set(w);
            verdict.setText(w == null ? "" : verdictTitle(w.verdict()) + " " + w.explanation());
        });
        vm.selectedProperty().addListener((o, was, s) -> heatmap.setStartNanos(vm.history().startNanos()));

        Label gridCaption = caption();
        gridCaption.setText("Buckets in index order (a cell per bucket, or per group when downsampled; hover for"
                + " details)");
        VBox gridBox = new VBox(4, gridCaption, grid, gridLegend());
        VBox.setVgrow(grid, Priority.ALWAYS);
        Label chartCaption = caption();
        chartCaption.setText("Chain lengths: actual beside the what-ifs");
        chartViewer.setMinSize(200, 140);
        Label heatCaption = caption();
        heatCaption.setText("Chain lengths over time (click a column to show that snapshot; red line: resize)");
        heatmap.setPrefHeight(170);
        VBox chartBox = new VBox(4, chartCaption, chartViewer, chartLegend(), heatCaption, heatmap);
        VBox.setVgrow(chartViewer, Priority.ALWAYS);
        HBox middle = new HBox(12, gridBox, chartBox);
        HBox.setHgrow(gridBox, Priority.ALWAYS);
        HBox.setHgrow(chartBox, Priority.ALWAYS);
        gridBox.setPrefWidth(440);
        chartBox.setPrefWidth(560);
        for (Label l : new Label[] {details, verdict}) {
            l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            l.setMaxWidth(Double.MAX_VALUE);
        }
        VBox lower = new VBox(4, details, verdict, middle);
        lower.setPadding(new Insets(4, 8, 8, 8));
        VBox.setVgrow(middle, Priority.ALWAYS);

        BorderPane upper = new BorderPane(table);
        upper.setTop(summary);
        // Scrolled rather than squeezed: the charts need LOWER_MIN_HEIGHT, and without a scroll pane
        // their minimum pushed the window's tab/timeline divider down until the timeline was unreadable.
        lower.setMinHeight(LOWER_MIN_HEIGHT);
        ScrollPane lowerScroll = new ScrollPane(lower);
        lowerScroll.setFitToWidth(true);
        lowerScroll.setFitToHeight(true);
        lowerScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        upper.setMinHeight(60);
        SplitPane split = new SplitPane(upper, lowerScroll);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.2);
        split.setId("buckets-split");
        setCenter(split);
    }

    public TableView<MapSeries> table() {
        return table;
    }

    public BucketGrid grid() {
        return grid;
    }

    public ChainTimeHeatmap heatmap() {
        return heatmap;
    }

    public WhatIfChart chart() {
        return chart;
    }

    static String verdictTitle(WhatIf.Verdict v) {
        return switch (v) {
            case HEALTHY -> "Healthy.";
            case FIX_HASHCODE -> "Fix the hashCode.";
            case FIX_HASH_BITS -> "Fix the hashCode's low bits.";
            case FIX_TABLE_SIZE -> "Fix the table size.";
        };
    }

    /** {@code dev.hashscope.samples.TradeLedger.OPEN_TRADES} to {@code TradeLedger.OPEN_TRADES}. */
    static String shortPath(String path) {
        int paren = path.indexOf('(');
        String head = paren < 0 ? path : path.substring(0, paren);
        int lastDot = head.lastIndexOf('.');
        int prevDot = lastDot <= 0 ? -1 : head.lastIndexOf('.', lastDot - 1);
        return prevDot < 0 || path.startsWith("Thread[") ? path : path.substring(prevDot + 1);
    }

    private static Label caption() {
        Label l = new Label();
        l.getStyleClass().add("caption");
        l.setPadding(new Insets(4, 8, 2, 8));
        return l;
    }

    private static HBox gridLegend() {
        HBox box = new HBox(6);
        box.setPadding(new Insets(0, 8, 0, 8));
        for (int k = 0; k < ChainColors.levels(); k++) {
            Rectangle swatch = new Rectangle(12, 12, ChainColors.of(k));
            swatch.setStroke(Color.web("#ced4da"));
            Label l = new Label(ChainColors.label(k), swatch);
            l.getStyleClass().add("caption");
            box.getChildren().add(l);
        }
        Label tree = new Label("tree bin", new Circle(5, ChainColors.TREE_MARK));
        tree.getStyleClass().add("caption");
        box.getChildren().add(tree);
        return box;
    }

    private static HBox chartLegend() {
        HBox box = new HBox(12);
        box.setPadding(new Insets(0, 8, 0, 8));
        box.getChildren().addAll(legend("actual", WhatIfChart.ACTUAL),
                legend("same hashes, well mixed", WhatIfChart.REMIXED), legend("uniform keys (ideal)", WhatIfChart.IDEAL));
        return box;
    }

    private static Label legend(String text, java.awt.Color c) {
        Label l = new Label(text, new Rectangle(12, 12, Color.rgb(c.getRed(), c.getGreen(), c.getBlue())));
        l.getStyleClass().add("caption");
        return l;
    }

    private static TableColumn<MapSeries, String> text(String name, Function<MapSeries, String> value) {
        return TextColumn.of(name, value, s -> s.map() + "\n" + s.latest().kind() + ", keys " + s.latest().keyClass());
    }

    private static TableColumn<MapSeries, Double> number(String name, Function<MapSeries, Double> value,
                                                         Function<Double, String> fmt, double width) {
        return NumberColumn.of(name, value, fmt, width);
    }
}
