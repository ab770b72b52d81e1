package dev.hashscope.app.buckets;

import dev.hashscope.buckets.WhatIf;
import java.awt.Color;
import java.awt.Font;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The chain-length histogram with its what-ifs, as one JFreeChart bar chart: for chain lengths 1..7 and 8+, the
 * share of entries in buckets of that length, actually, with the same hashes well mixed, and with uniformly
 * hashed keys. Weighted by entries (not buckets) because that is what lookups experience, and so that 12 crowded
 * buckets among 16,000 empty ones are not invisible. Pure AWT/JFreeChart; the view legends it with JavaFX.
 */
public final class WhatIfChart {
    static final Color ACTUAL = new Color(0xe8590c);
    static final Color REMIXED = new Color(0x7048e8);
    static final Color IDEAL = new Color(0x2f9e44);
    private static final String[] LENGTHS = {"1", "2", "3", "4", "5", "6", "7", "8+"};

    private final DefaultCategoryDataset data = new DefaultCategoryDataset();
    private final JFreeChart chart;

    public WhatIfChart() {
        CategoryAxis x = new CategoryAxis("chain length of the entry's bucket");
        NumberAxis y = new NumberAxis("share of entries");
        y.setRange(0, 1);
        y.setNumberFormatOverride(java.text.NumberFormat.getPercentInstance());
        Font axis = new Font("SansSerif", Font.PLAIN, 11);
        Font ticks = new Font("SansSerif", Font.PLAIN, 10);
        x.setLabelFont(axis);
        y.setLabelFont(axis);
        x.setTickLabelFont(ticks);
        y.setTickLabelFont(ticks);
        BarRenderer r = new BarRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setItemMargin(0.05);
        r.setSeriesPaint(0, ACTUAL);
        r.setSeriesPaint(1, REMIXED);
        r.setSeriesPaint(2, IDEAL);
        CategoryPlot plot = new CategoryPlot(data, x, y, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xdee2e6));
        chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
    }

    public JFreeChart chart() {
        return chart;
    }

    /** Number of bars with data (for tests). */
    public int bars() {
        return data.getRowCount() * data.getColumnCount();
    }

    public void set(WhatIf w) {
        data.clear();
        if (w == null) {
            return;
        }
        for (int k = 0; k < LENGTHS.length; k++) {
            data.addValue(w.actual()[k], "actual", LENGTHS[k]);
            data.addValue(w.remixed() == null ? 0 : w.remixed()[k], "same hashes, well mixed", LENGTHS[k]);
            data.addValue(w.ideal()[k], "uniform keys", LENGTHS[k]);
        }
    }
}
