package dev.hashscope.app.timeline;

import dev.hashscope.app.analysis.TimeRange;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Path;
import javafx.beans.InvalidationListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.fx.ChartCanvas;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.ui.RectangleEdge;

/**
 * The timeline chart. Dragging across it selects a time range that filters every view; "Reset range" goes back
 * to the whole recording. JFreeChart's own zooming and panning are switched off: a drag means "filter".
 */
public final class TimelineView extends BorderPane {
    /** A drag shorter than this many pixels is a click, not a range. */
    static final double MIN_DRAG_PIXELS = 4;
    private final TimelineViewModel vm;
    private final TimelineChart chart = new TimelineChart();
    private final ChartViewer viewer = new ChartViewer(chart.chart());
    private double dragStartX = Double.NaN;

    public TimelineView(TimelineViewModel vm) {
        this.vm = vm;
        getStyleClass().add("timeline-view");
        viewer.setId("timeline-chart");
        ChartCanvas canvas = viewer.getCanvas();
        for (String id : new String[]{"zoom", "pan", "scroll"}) {
            if (canvas.getMouseHandler(id) != null) {
                canvas.removeMouseHandler(canvas.getMouseHandler(id));
            }
        }
        canvas.setDomainZoomable(false);
        canvas.setRangeZoomable(false);
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);

        Label heading = new Label("Timeline");
        heading.getStyleClass().add("pane-heading");
        Label hint = new Label("drag across it to filter every view to a time range");
        hint.getStyleClass().add("hint");
        Label finding = new Label();
        finding.getStyleClass().add("hint");
        finding.textProperty().bind(vm.findingCaptionProperty());
        Button reset = new Button("Reset range");
        reset.setId("timeline-reset-range");
        reset.setTooltip(new Tooltip("Show the whole recording again (Ctrl+R)"));
        reset.setOnAction(e -> vm.reset());
        reset.disableProperty().bind(vm.rangeProperty().isNull());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox head = new HBox(10, heading, hint, spacer, finding, reset);
        head.setAlignment(Pos.CENTER_LEFT);
        javafx.scene.layout.FlowPane legend = new javafx.scene.layout.FlowPane(12, 2);
        for (TimelineChart.LegendEntry e : TimelineChart.LEGEND) {
            legend.getChildren().add(swatch(e.color(), e.label(), false));
        }
        legend.getChildren().addAll(swatch(TimelineChart.BURST, "burst found by the diagnosis", true),
                swatch(TimelineChart.HIGHLIGHT, "selected finding", true),
                swatch(TimelineChart.OUTSIDE, "outside the selected range", true));
        javafx.scene.layout.VBox bar = new javafx.scene.layout.VBox(3, head, legend);
        bar.setPadding(new Insets(6, 8, 2, 10));
        bar.getStyleClass().add("tab-toolbar");
        setTop(bar);
        setCenter(viewer);

        vm.timelineProperty().addListener((o, was, t) -> {
            chart.set(t);
            remark();
        });
        InvalidationListener marks = o -> remark();
        vm.rangeProperty().addListener(marks);
        vm.bursts().addListener(marks);
        vm.highlighted().addListener(marks);
        chart.set(vm.timelineProperty().get());
        remark();
    }

    private static HBox swatch(java.awt.Color c, String text, boolean band) {
        Region r = new Region();
        r.setMinSize(band ? 14 : 12, band ? 12 : 4);
        r.setMaxSize(band ? 14 : 12, band ? 12 : 4);
        // Bands are drawn translucent over white; show them a little stronger so the swatch is legible.
        r.setStyle(String.format(java.util.Locale.ROOT, "-fx-background-color: rgba(%d,%d,%d,%.2f);",
                c.getRed(), c.getGreen(), c.getBlue(), band ? Math.min(1, c.getAlpha() / 255.0 * 2.2) : 1.0));
        Label l = new Label(text);
        l.getStyleClass().add("hint");
        HBox box = new HBox(4, r, l);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private void remark() {
        TimeRange r = vm.rangeProperty().get();
        chart.mark(vm.bursts(), vm.highlighted(), r == null ? null : new double[]{r.fromSeconds(), r.toSeconds()});
    }

    public TimelineChart chart() {
        return chart;
    }

    public ChartViewer viewer() {
        return viewer;
    }

    /** Writes the chart as a PNG of the given size. */
    public void exportPng(Path file, int width, int height) throws IOException {
        ChartUtils.saveChartAsPNG(file.toFile(), chart.chart(), width, height);
    }

    private Rectangle2D dataArea() {
        ChartRenderingInfo info = viewer.getRenderingInfo();
        return info == null ? null : info.getPlotInfo().getDataArea();
    }

    /** Seconds at x pixels in the canvas, clamped to the axis. */
    double secondsAt(double x) {
        Rectangle2D area = dataArea();
        if (area == null || area.getWidth() <= 0) {
            return Double.NaN;
        }
        double clamped = Math.max(area.getMinX(), Math.min(area.getMaxX(), x));
        return chart.timeAxis().java2DToValue(clamped, area, RectangleEdge.BOTTOM);
    }

    private void pressed(MouseEvent e) {
        Rectangle2D area = dataArea();
        if (e.getButton() == MouseButton.PRIMARY && area != null && area.contains(e.getX(), e.getY())) {
            dragStartX = e.getX();
        } else {
            dragStartX = Double.NaN;
        }
    }

    private void dragged(MouseEvent e) {
        Rectangle2D area = dataArea();
        if (Double.isNaN(dragStartX) || area == null) {
            return;
        }
        double x = Math.max(area.getMinX(), Math.min(area.getMaxX(), e.getX()));
        viewer.showZoomRectangle(Math.min(dragStartX, x), area.getMinY(), Math.abs(x - dragStartX), area.getHeight());
    }

    private void released(MouseEvent e) {
        if (Double.isNaN(dragStartX)) {
            return;
        }
        viewer.hideZoomRectangle();
        double start = dragStartX;
        dragStartX = Double.NaN;
        if (Math.abs(e.getX() - start) >= MIN_DRAG_PIXELS) {
            vm.select(secondsAt(start), secondsAt(e.getX()));
        }
    }
}
