package dev.hashscope.app.buckets;

import dev.hashscope.buckets.BucketHistory.MapSeries;
import dev.hashscope.event.MapBuckets;
import java.util.Locale;
import java.util.function.IntConsumer;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;

/**
 * One table over time: a column per snapshot (x: time), a row per chain length 0..7, 8+ (y, 0 at the bottom),
 * colour = number of buckets with that length (log scale). A resize shows as a marker with the new capacity; a
 * table degenerating shows as its buckets climbing to the 8+ row. Clicking a column selects that snapshot.
 */
public final class ChainTimeHeatmap extends Region {
    private static final double LEFT = 34;
    private static final double BOTTOM = 20;
    private static final double TOP = 16;
    private final Canvas canvas = new Canvas();
    private final ObjectProperty<MapSeries> series = new SimpleObjectProperty<>(this, "series");
    private final IntegerProperty selectedIndex = new SimpleIntegerProperty(this, "selectedIndex", -1);
    private final Tooltip tip = new Tooltip();
    private long startNanos;
    private IntConsumer onPick = i -> { };

    public ChainTimeHeatmap() {
        getStyleClass().add("chain-time-heatmap");
        getChildren().add(canvas);
        series.addListener((o, was, s) -> draw());
        selectedIndex.addListener((o, was, i) -> draw());
        tip.setShowDelay(Duration.millis(100));
        Tooltip.install(canvas, tip);
        canvas.setOnMouseMoved(e -> tip.setText(describeAt(e.getX(), e.getY())));
        canvas.setOnMouseClicked(e -> {
            int col = columnAt(e.getX());
            if (col >= 0) {
                onPick.accept(col);
            }
        });
        setMinHeight(120);
        setPrefHeight(200);
    }

    public ObjectProperty<MapSeries> seriesProperty() {
        return series;
    }

    public IntegerProperty selectedIndexProperty() {
        return selectedIndex;
    }

    public Canvas canvas() {
        return canvas;
    }

    public void setStartNanos(long startNanos) {
        this.startNanos = startNanos;
        draw();
    }

    public void setOnPick(IntConsumer onPick) {
        this.onPick = onPick;
    }

    @Override
    protected void layoutChildren() {
        if (canvas.getWidth() != getWidth() || canvas.getHeight() != getHeight()) {
            canvas.setWidth(getWidth());
            canvas.setHeight(getHeight());
            draw();
        }
    }

    private int columns() {
        MapSeries s = series.get();
        return s == null ? 0 : s.snapshots().size();
    }

    private double columnWidth() {
        int n = columns();
        return n == 0 ? 0 : (canvas.getWidth() - LEFT - 8) / n;
    }

    private double rowHeight() {
        return (canvas.getHeight() - BOTTOM - TOP) / MapBuckets.HISTOGRAM_LENGTH;
    }

    int columnAt(double x) {
        double cw = columnWidth();
        if (cw <= 0 || x < LEFT) {
            return -1;
        }
        int c = (int) ((x - LEFT) / cw);
        return c < columns() ? c : -1;
    }

    /** "t=2.4 s: 12 buckets with 8+ entries (16,384 buckets)" for the cell under a point. */
    public String describeAt(double x, double y) {
        int c = columnAt(x);
        double rh = rowHeight();
        if (c < 0 || rh <= 0 || y < TOP || y >= canvas.getHeight() - BOTTOM) {
            return "";
        }
        int row = MapBuckets.HISTOGRAM_LENGTH - 1 - (int) ((y - TOP) / rh);
        MapBuckets m = series.get().snapshots().get(c);
        int[] h = m.histogramCounts();
        return String.format(Locale.ROOT, "t=%.1f s: %,d buckets with %s %s (%,d entries in %,d buckets)",
                (m.timeNanos() - startNanos) / 1e9, h[row], ChainColors.label(row), row == 1 ? "entry" : "entries",
                m.size(), m.capacity());
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        MapSeries s = series.get();
        if (s == null || w <= LEFT || h <= BOTTOM + TOP) {
            return;
        }
        long max = 1;
        for (MapBuckets m : s.snapshots()) {
            for (int v : m.histogramCounts()) {
                max = Math.max(max, v);
            }
        }
        double cw = columnWidth();
        double rh = rowHeight();
        g.setFont(Font.font(10));
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setFill(Color.web("#495057"));
        for (int row = 0; row < MapBuckets.HISTOGRAM_LENGTH; row++) {
            double y = TOP + (MapBuckets.HISTOGRAM_LENGTH - 1 - row) * rh;
            g.fillText(ChainColors.label(row), LEFT - 6, y + rh / 2);
        }
        int previousCapacity = -1;
        for (int c = 0; c < s.snapshots().size(); c++) {
            MapBuckets m = s.snapshots().get(c);
            int[] hist = m.histogramCounts();
            double x = LEFT + c * cw;
            for (int row = 0; row < hist.length; row++) {
                double y = TOP + (MapBuckets.HISTOGRAM_LENGTH - 1 - row) * rh;
                g.setFill(ChainColors.heat(hist[row], max));
                g.fillRect(x, y, Math.max(1, cw - (cw > 4 ? 1 : 0)), rh - 1);
            }
            if (previousCapacity >= 0 && m.capacity() != previousCapacity) {
                g.setStroke(Color.web("#e03131"));
                g.setLineWidth(1.5);
                g.strokeLine(x, TOP - 2, x, h - BOTTOM);
                g.setFill(Color.web("#e03131"));
                g.setTextAlign(TextAlignment.LEFT);
                g.setTextBaseline(VPos.TOP);
                g.fillText("→ " + String.format(Locale.ROOT, "%,d", m.capacity()), x + 2, 1);
                g.setTextBaseline(VPos.CENTER);
                g.setTextAlign(TextAlignment.RIGHT);
            }
            previousCapacity = m.capacity();
        }
        int sel = selectedIndex.get();
        if (sel >= 0 && sel < s.snapshots().size()) {
            g.setStroke(Color.web("#212529"));
            g.setLineWidth(2);
            g.strokeRect(LEFT + sel * cw, TOP, Math.max(2, cw - 1), h - BOTTOM - TOP);
        }
        g.setFill(Color.web("#495057"));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        MapBuckets first = s.snapshots().get(0);
        MapBuckets last = s.snapshots().get(s.snapshots().size() - 1);
        g.fillText(String.format(Locale.ROOT, "%.1f s", (first.timeNanos() - startNanos) / 1e9), LEFT, h - BOTTOM + 4);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(String.format(Locale.ROOT, "%.1f s", (last.timeNanos() - startNanos) / 1e9), w - 8, h - BOTTOM + 4);
        g.setTextAlign(TextAlignment.CENTER);
        g.fillText("time (one column per snapshot) · rows: chain length · colour: buckets (log)", (LEFT + w) / 2,
                h - BOTTOM + 4);
    }
}
