package dev.lorekeeper.chart;

import dev.lorekeeper.knowledge.QaReports;
import dev.lorekeeper.llm.LlmUsage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * PNG bar charts per day for the moderators' statistics: the same images in Discord (/stats, /docs stats) and on the
 * dashboard.
 */
public final class StatsChart {
    private StatsChart() {}

    /** Questions per day, answered from the docs or not. */
    public static byte[] png(QaReports.Stats stats) {
        Map<String, List<? extends Number>> series = new LinkedHashMap<>();
        series.put(
                "answered from the docs",
                stats.days().stream().map(QaReports.Day::answered).toList());
        series.put(
                "not covered",
                stats.days().stream().map(d -> d.questions() - d.answered()).toList());
        return stacked(
                "Questions per day, last " + stats.days().size() + " days",
                "questions",
                stats.days().stream().map(d -> d.day().toString().substring(5)).toList(),
                series);
    }

    /** LLM tokens per day, by feature. */
    public static byte[] png(LlmUsage.Report report) {
        Map<String, List<? extends Number>> series = new LinkedHashMap<>(report.tokensPerDay());
        if (series.isEmpty()) {
            series.put("no LLM use", report.dayAxis().stream().map(d -> 0).toList());
        }
        return stacked(
                "LLM tokens per day, last " + report.days() + " days",
                "tokens",
                report.dayAxis().stream().map(d -> d.toString().substring(5)).toList(),
                series);
    }

    private static byte[] stacked(
            String title, String yTitle, List<String> days, Map<String, List<? extends Number>> series) {
        CategoryChart chart = new CategoryChartBuilder()
                .width(800)
                .height(360)
                .title(title)
                .xAxisTitle("day")
                .yAxisTitle(yTitle)
                .build();
        chart.getStyler().setStacked(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setXAxisLabelRotation(60);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        series.forEach((name, values) -> chart.addSeries(name, days, values));
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
