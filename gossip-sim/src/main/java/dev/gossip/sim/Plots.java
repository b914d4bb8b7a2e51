package dev.gossip.sim;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws experiment rows as PNG charts with JFreeChart, headless (no display needed: it sets
 * {@code java.awt.headless} unless already set).
 */
public final class Plots {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 600;
    private static final Color[] COLORS = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd),
        new Color(0xff7f0e), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
    };

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Plots() {}

    /**
     * Mean partial view against {@code n} (log scale), one line per {@code c}, with the expected
     * {@code (c+1)·ln n} dashed in the same colour.
     *
     * @param rows the views rows
     * @param file the PNG to write
     * @throws UncheckedIOException if the file cannot be written
     */
    public static void views(List<ViewsRow> rows, Path file) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
        int series = 0;
        for (int c : new TreeSet<>(rows.stream().map(ViewsRow::c).toList())) {
            XYSeries measured = new XYSeries("c=" + c + " measured");
            XYSeries expected = new XYSeries("c=" + c + " (c+1) ln n");
            for (ViewsRow row : rows) {
                if (row.c() == c) {
                    measured.add(row.n(), row.meanPv());
                    expected.add(row.n(), row.expectedPv());
                }
            }
            Color color = COLORS[c % COLORS.length];
            data.addSeries(measured);
            renderer.setSeriesPaint(series, color);
            renderer.setSeriesStroke(series++, new BasicStroke(2f));
            data.addSeries(expected);
            renderer.setSeriesPaint(series, color);
            renderer.setSeriesShapesVisible(series, false);
            renderer.setSeriesStroke(
                    series++,
                    new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        }
        LogAxis x = new LogAxis("nodes n");
        x.setBase(10);
        x.setSmallestValue(1);
        x.setTickUnit(new NumberTickUnit(1));
        x.setMinorTickMarksVisible(true);
        NumberAxis y = new NumberAxis("mean partial view size");
        XYPlot plot = new XYPlot(data, x, y, renderer);
        style(plot);
        save(
                new JFreeChart(
                        "SCAMP partial views: measured mean vs (c+1) ln n", JFreeChart.DEFAULT_TITLE_FONT, plot, true),
                file);
    }

    /**
     * Probability of reaching every live node (top) and mean share reached (bottom) against the
     * crashed fraction, one line per protocol, dissemination and {@code c}: solid for the scamp
     * flood, dotted for the scamp tree, dashed for global.
     *
     * @param rows the reliability rows
     * @param file the PNG to write
     * @throws UncheckedIOException if the file cannot be written
     */
    public static void reliability(List<ReliabilityRow> rows, Path file) {
        XYSeriesCollection all = new XYSeriesCollection();
        XYSeriesCollection mean = new XYSeriesCollection();
        XYLineAndShapeRenderer top = new XYLineAndShapeRenderer();
        XYLineAndShapeRenderer bottom = new XYLineAndShapeRenderer();
        int series = 0;
        int n = rows.isEmpty() ? 0 : rows.get(0).n();
        boolean anyTree = false;
        for (String protocol :
                new TreeSet<>(rows.stream().map(ReliabilityRow::protocol).toList()).descendingSet()) {
            for (String dissemination : new TreeSet<>(rows.stream()
                    .filter(r -> r.protocol().equals(protocol))
                    .map(ReliabilityRow::dissemination)
                    .toList())) {
                boolean tree = dissemination.equals("tree");
                anyTree |= tree;
                String name = protocol + (tree ? " tree" : "");
                for (int c : new TreeSet<>(rows.stream().map(ReliabilityRow::c).toList())) {
                    XYSeries p = new XYSeries(name + " c=" + c);
                    XYSeries m = new XYSeries(name + " c=" + c);
                    for (ReliabilityRow row : rows) {
                        if (row.c() == c
                                && row.protocol().equals(protocol)
                                && row.dissemination().equals(dissemination)) {
                            p.add(row.fail(), row.pAllReached());
                            m.add(row.fail(), row.meanFracReached());
                        }
                    }
                    if (p.getItemCount() == 0) {
                        continue;
                    }
                    all.addSeries(p);
                    mean.addSeries(m);
                    boolean global = protocol.equals(ReliabilityConfig.GLOBAL);
                    for (XYLineAndShapeRenderer r : List.of(top, bottom)) {
                        r.setSeriesPaint(series, COLORS[c % COLORS.length]);
                        r.setSeriesStroke(
                                series, global ? dashed(6f, 4f) : tree ? dashed(2f, 3f) : new BasicStroke(2f));
                    }
                    bottom.setSeriesVisibleInLegend(series, false);
                    series++;
                }
            }
        }
        NumberAxis pAxis = new NumberAxis("P(all live nodes reached)");
        pAxis.setRange(0, 1.02);
        NumberAxis mAxis = new NumberAxis("mean share reached");
        mAxis.setAutoRangeIncludesZero(false);
        XYPlot pPlot = new XYPlot(all, null, pAxis, top);
        XYPlot mPlot = new XYPlot(mean, null, mAxis, bottom);
        style(pPlot);
        style(mPlot);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("fraction of nodes crashed"));
        plot.add(pPlot, 2);
        plot.add(mPlot, 1);
        String title = String.format(
                Locale.ROOT,
                "Reliability of one gossip after crashes, n=%d (solid: scamp, %sdashed: global ln n + c)",
                n,
                anyTree ? "dotted: scamp tree, " : "");
        save(new JFreeChart(title, new java.awt.Font("SansSerif", java.awt.Font.BOLD, 14), plot, true), file);
    }

    private static BasicStroke dashed(float on, float off) {
        return new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {on, off}, 0f);
    }

    private static void style(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    }

    private static void save(JFreeChart chart, Path file) {
        chart.setBackgroundPaint(Color.WHITE);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                java.nio.file.Files.createDirectories(parent);
            }
            ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
