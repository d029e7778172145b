package dev.strata.benchmarks.vector;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Writes the sweep as a PNG: recall@10 on x, QPS (log scale) on y, one line per engine and thread count. */
public final class SweepPlot {
    private SweepPlot() {
    }

    public static void write(VectorSweep.Result r, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYSeriesCollection data = new XYSeriesCollection();
        for (String e : SweepReport.engines(r.rows())) {
            for (int t : r.rows().stream().filter(x -> x.engine().equals(e)).mapToInt(SweepRow::threads).distinct().toArray()) {
                XYSeries s = new XYSeries(e + " (" + t + "t)", false);
                r.rows().stream().filter(x -> x.engine().equals(e) && x.threads() == t).forEach(x -> s.add(x.recall(), x.qps()));
                data.addSeries(s);
            }
        }
        JFreeChart chart = ChartFactory.createXYLineChart(
            String.format(Locale.ROOT, "%s: recall@10 vs QPS (%d x %d, %s)", r.dataset().name(), r.dataset().base().length,
                r.dataset().base()[0].length, r.dataset().metric().name().toLowerCase(Locale.ROOT)),
            "recall@10", "queries per second", data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        LogAxis y = new LogAxis("queries per second (log)");
        plot.setRangeAxis(y);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(data.getSeriesKey(i).toString().startsWith("strata") ? 2.5f : 1.5f));
        }
        plot.setRenderer(renderer);
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 1100, 700);
    }
}
