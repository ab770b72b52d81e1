package dev.hashscope.app.timeline;

import dev.hashscope.detect.Evidence;
import dev.hashscope.timeline.Timeline;
import dev.hashscope.timeline.Timeline.Series;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardXYToolTipGenerator;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYAreaRenderer;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The timeline as one JFreeChart: four plots sharing the time axis (allocation rate, GC pauses, lock-blocked
 * and park time, CPU load), with the diagnosis's bursts, the selected finding's windows and the selected range
 * as interval markers. Pure AWT/JFreeChart, no JavaFX: the view puts it in a ChartViewer, export writes it as PNG.
 */
public final class TimelineChart {
    static final Color ALLOC = new Color(0xadb5bd);
    static final Color MAP_ALLOC = new Color(0xe8590c);
    static final Color GC = new Color(0x7048e8);
    static final Color LOCK = new Color(0xe03131);
    static final Color PARK = new Color(0x1971c2);
    static final Color CPU_JVM = new Color(0x2f9e44);
    static final Color CPU_MACHINE = new Color(0xced4da);
    static final Color BURST = new Color(250, 176, 5, 80);
    static final Color HIGHLIGHT = new Color(12, 166, 120, 45);
    /** Outside the selected range: dimmed, so the range itself stays clear. */
    static final Color OUTSIDE = new Color(134, 142, 150, 80);
    static final Color RANGE_EDGE = new Color(0x1c7ed6);
    private static final Font AXIS = new Font("SansSerif", Font.PLAIN, 11);
    private static final Font TICKS = new Font("SansSerif", Font.PLAIN, 10);

    private final JFreeChart chart;
    private final CombinedDomainXYPlot combined;
    private final List<XYPlot> plots = new ArrayList<>();
    private final NumberAxis time = new NumberAxis("seconds since the recording started");

    public TimelineChart() {
        time.setLabelFont(AXIS);
        time.setTickLabelFont(TICKS);
        time.setAutoRangeIncludesZero(true);
        time.setLowerMargin(0);
        time.setUpperMargin(0);
        combined = new CombinedDomainXYPlot(time);
        // Room for the tick labels at the plots' edges ("0" of one plot, "100" of the next) not to overlap.
        combined.setGap(12);
        combined.setOrientation(org.jfree.chart.plot.PlotOrientation.VERTICAL);
        // No JFreeChart legend: the view draws one with JavaFX, whose text measures right (JFreeChart's, drawn
        // through FXGraphics2D, measures with AWT fonts and overlaps).
        chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, combined, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        set(Timeline.EMPTY);
    }

    /** What the colours mean, for a legend drawn by the view. */
    public record LegendEntry(String label, Color color) {
    }

    public static final List<LegendEntry> LEGEND = List.of(
            new LegendEntry("allocated, all", ALLOC), new LegendEntry("allocated in map operations", MAP_ALLOC),
            new LegendEntry("GC pause", GC), new LegendEntry("lock-blocked", LOCK), new LegendEntry("parked", PARK),
            new LegendEntry("CPU, JVM", CPU_JVM), new LegendEntry("CPU, machine", CPU_MACHINE));

    public JFreeChart chart() {
        return chart;
    }

    /** The shared time axis, to turn mouse positions into seconds. */
    public NumberAxis timeAxis() {
        return time;
    }

    /** Replaces the data; markers are cleared (set them again with {@link #mark}). */
    public void set(Timeline t) {
        batch(() -> setNow(t));
    }

    /**
     * Every plot, series and marker change makes JFreeChart redraw the whole chart at once on the FX thread;
     * a live view replacing the data every second spent most of that thread redrawing (seen in jstacks). All
     * changes of one update are made with notifications off, then drawn once.
     */
    private void batch(Runnable changes) {
        boolean was = chart == null || chart.isNotify();
        if (chart != null) {
            chart.setNotify(false);
        }
        try {
            changes.run();
        } finally {
            if (chart != null) {
                chart.setNotify(was);
            }
        }
    }

    private void setNow(Timeline t) {
        for (XYPlot p : new ArrayList<>(plots)) {
            combined.remove(p);
        }
        plots.clear();
        double w = t.windowSeconds();
        add(plot("MB/s", area(t, w, 1.0 / (1024 * 1024), Series.ALLOCATION_RATE, "allocated, all",
                Series.MAP_ALLOCATION_RATE, "allocated in map operations"), new XYAreaRenderer(), ALLOC, MAP_ALLOC), 3);
        XYBarRenderer bars = new XYBarRenderer();
        bars.setBarPainter(new StandardXYBarPainter());
        bars.setShadowVisible(false);
        bars.setDrawBarOutline(false);
        XYSeriesCollection gc = area(t, w, 1, Series.GC_PAUSE, "GC pause per window");
        gc.setIntervalWidth(w);
        gc.setIntervalPositionFactor(0);
        add(plot("GC ms", gc, bars, GC), 2);
        add(plot("blocked ms", area(t, w, 1, Series.LOCK_BLOCKED, "lock-blocked (all threads)", Series.PARK,
                "parked (all threads)"), new XYLineAndShapeRenderer(true, false), LOCK, PARK), 3);
        XYSeriesCollection cpu = new XYSeriesCollection();
        XYSeries jvm = new XYSeries("CPU, JVM", true, true);
        XYSeries machine = new XYSeries("CPU, machine", true, true);
        for (Timeline.CpuPoint p : t.cpu()) {
            jvm.add(p.seconds(), p.jvm() * 100);
            machine.add(p.seconds(), p.machine() * 100);
        }
        cpu.addSeries(machine);
        cpu.addSeries(jvm);
        XYPlot cpuPlot = plot("CPU %", cpu, new XYLineAndShapeRenderer(true, true), CPU_MACHINE, CPU_JVM);
        ((NumberAxis) cpuPlot.getRangeAxis()).setRange(0, 100);
        add(cpuPlot, 2);
        time.setRange(0, Math.max(t.durationSeconds(), w));
    }

    private void add(XYPlot p, int weight) {
        plots.add(p);
        combined.add(p, weight);
    }

    /** Draws the bursts, the selected finding's windows and the selected range (null for none). */
    public void mark(List<Evidence.TimeWindow> bursts, List<Evidence.TimeWindow> highlighted, double[] selection) {
        batch(() -> markNow(bursts, highlighted, selection));
    }

    private void markNow(List<Evidence.TimeWindow> bursts, List<Evidence.TimeWindow> highlighted,
                         double[] selection) {
        for (XYPlot p : plots) {
            p.clearDomainMarkers();
        }
        for (Evidence.TimeWindow b : bursts) {
            marker(b.startSeconds(), b.endSeconds(), BURST, Layer.BACKGROUND);
        }
        for (Evidence.TimeWindow h : highlighted) {
            marker(h.startSeconds(), h.endSeconds(), HIGHLIGHT, Layer.BACKGROUND);
        }
        if (selection != null) {
            double lo = time.getLowerBound();
            double hi = time.getUpperBound();
            if (selection[0] > lo) {
                marker(lo, selection[0], OUTSIDE, Layer.FOREGROUND);
            }
            if (selection[1] < hi) {
                marker(selection[1], hi, OUTSIDE, Layer.FOREGROUND);
            }
            for (XYPlot p : plots) {
                for (double edge : selection) {
                    ValueMarker v = new ValueMarker(edge, RANGE_EDGE, new BasicStroke(1.2f));
                    p.addDomainMarker(v, Layer.FOREGROUND);
                }
            }
        }
    }

    private void marker(double from, double to, Color color, Layer layer) {
        // Bursts can be shorter than a pixel; give them a visible minimum width.
        double minWidth = (time.getUpperBound() - time.getLowerBound()) / 400;
        double end = Math.max(to, from + minWidth);
        for (XYPlot p : plots) {
            IntervalMarker m = new IntervalMarker(from, end, color);
            m.setOutlinePaint(null);
            p.addDomainMarker(m, layer);
        }
    }

    private static XYSeriesCollection area(Timeline t, double w, double scale, Object... seriesAndNames) {
        XYSeriesCollection c = new XYSeriesCollection();
        for (int i = 0; i < seriesAndNames.length; i += 2) {
            Series s = (Series) seriesAndNames[i];
            XYSeries xy = new XYSeries((String) seriesAndNames[i + 1], true, false);
            for (int k = 0; k < t.windowCount(); k++) {
                xy.add(t.windowStart(k) + (s == Series.GC_PAUSE ? 0 : w / 2), t.value(s, k) * scale);
            }
            c.addSeries(xy);
        }
        return c;
    }

    private static XYPlot plot(String unit, XYSeriesCollection data, org.jfree.chart.renderer.xy.XYItemRenderer r,
                               Color... colors) {
        NumberAxis y = new NumberAxis(unit);
        y.setLabelFont(AXIS);
        y.setTickLabelFont(TICKS);
        y.setAutoRangeIncludesZero(true);
        // Nothing here is negative: an all-zero series gets 0..1, not -0.5..0.5.
        y.setRangeType(org.jfree.data.RangeType.POSITIVE);
        y.setNumberFormatOverride(new DecimalFormat("#,##0.#"));
        y.setAutoRangeMinimumSize(1);
        for (int i = 0; i < colors.length; i++) {
            r.setSeriesPaint(i, colors[i]);
            r.setSeriesStroke(i, new BasicStroke(1.4f));
        }
        if (r instanceof XYLineAndShapeRenderer l) {
            for (int i = 0; i < colors.length; i++) {
                l.setSeriesShape(i, new java.awt.geom.Ellipse2D.Double(-2, -2, 4, 4));
            }
        }
        r.setDefaultToolTipGenerator(new StandardXYToolTipGenerator("{0}: {2} " + unit + " at {1} s",
                new DecimalFormat("0.00"), new DecimalFormat("#,##0.##")));
        XYPlot p = new XYPlot(data, null, y, r);
        p.setBackgroundPaint(Color.WHITE);
        p.setDomainGridlinePaint(new Color(0xe9ecef));
        p.setRangeGridlinePaint(new Color(0xe9ecef));
        p.setOutlineVisible(false);
        // Series 0 first, so "in map operations" is drawn over "all" and stays visible.
        p.setSeriesRenderingOrder(org.jfree.chart.plot.SeriesRenderingOrder.FORWARD);
        p.setAxisOffset(RectangleInsets.ZERO_INSETS);
        return p;
    }

}
