package dev.hashscope.app.buckets;

import dev.hashscope.event.MapBuckets;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.util.Duration;

/**
 * A table's buckets as a square grid, row by row in index order, each cell coloured by its chain length; a dark
 * dot marks a treeified bin. Downsampled tables show one cell per group of buckets (its longest chain). Hovering a
 * cell tells its bucket index (or range) and length.
 */
public final class BucketGrid extends Region {
    private final Canvas canvas = new Canvas();
    private final ObjectProperty<MapBuckets> table = new SimpleObjectProperty<>(this, "table");
    private final Tooltip tip = new Tooltip();
    private int[] lengths = new int[0];
    private boolean[] trees = new boolean[0];
    /** Room around the grid for the rings of crowded buckets at its edges. */
    private static final double INSET = 3;
    private int columns;
    private double cell;

    public BucketGrid() {
        getStyleClass().add("bucket-grid");
        getChildren().add(canvas);
        table.addListener((o, was, t) -> {
            lengths = t == null ? new int[0] : t.chainLengths();
            trees = new boolean[lengths.length];
            if (t != null) {
                for (int i : t.treeifiedIndices()) {
                    if (i >= 0 && i < trees.length) {
                        trees[i] = true;
                    }
                }
            }
            draw();
        });
        tip.setShowDelay(Duration.millis(100));
        Tooltip.install(canvas, tip);
        canvas.setOnMouseMoved(e -> tip.setText(describeAt(e.getX(), e.getY())));
        setMinSize(120, 120);
        setPrefSize(420, 420);
    }

    public ObjectProperty<MapBuckets> tableProperty() {
        return table;
    }

    public Canvas canvas() {
        return canvas;
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            draw();
        }
    }

    /** Index of the cell at a canvas point, or -1. */
    int cellAt(double x, double y) {
        if (cell <= 0 || x < INSET || y < INSET) {
            return -1;
        }
        int col = (int) ((x - INSET) / cell);
        int row = (int) ((y - INSET) / cell);
        int i = row * columns + col;
        return col < columns && i < lengths.length ? i : -1;
    }

    /** "bucket 1,234: 3 entries" / "buckets 4,096–4,127: longest chain 9 (a tree bin)"; empty off the grid. */
    public String describeAt(double x, double y) {
        int i = cellAt(x, y);
        MapBuckets t = table.get();
        if (i < 0 || t == null) {
            return "";
        }
        int per = Math.max(1, t.bucketsPerValue());
        String where = per == 1 ? String.format(Locale.ROOT, "bucket %,d", i)
                : String.format(Locale.ROOT, "buckets %,d–%,d", (long) i * per,
                        Math.min((long) (i + 1) * per, t.capacity()) - 1);
        String what = per == 1 ? lengths[i] + (lengths[i] == 1 ? " entry" : " entries")
                : "longest chain " + lengths[i];
        return where + ": " + what + (trees[i] ? " (a tree bin)" : "");
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        int n = lengths.length;
        if (n == 0 || w <= 0 || h <= 0) {
            cell = 0;
            return;
        }
        columns = (int) Math.ceil(Math.sqrt(n));
        int rows = (n + columns - 1) / columns;
        cell = Math.min((w - 2 * INSET) / columns, (h - 2 * INSET) / rows);
        double gap = cell >= 6 ? 1 : 0;
        for (int i = 0; i < n; i++) {
            double x = INSET + (i % columns) * cell;
            double y = INSET + (i / columns) * cell;
            g.setFill(ChainColors.of(lengths[i]));
            g.fillRect(x, y, cell - gap, cell - gap);
            if (lengths[i] >= 8 && cell < 12) {
                // A crowded bucket in a big table is a few pixels: ring it so it is found at a glance.
                g.setStroke(ChainColors.of(8));
                g.setLineWidth(1.5);
                g.strokeRect(x - 2.5, y - 2.5, cell - gap + 5, cell - gap + 5);
            }
            if (trees[i]) {
                double d = Math.max(2, cell * 0.45);
                g.setFill(ChainColors.TREE_MARK);
                g.fillOval(x + (cell - gap - d) / 2, y + (cell - gap - d) / 2, d, d);
            }
        }
    }
}
