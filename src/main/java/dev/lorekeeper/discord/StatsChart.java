package dev.lorekeeper.discord;

import dev.lorekeeper.knowledge.QaReports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** A PNG bar chart of questions per day, answered from the docs or not. */
final class StatsChart {
    private StatsChart() {
    }

    static byte[] png(QaReports.Stats stats) {
        CategoryChart chart = new CategoryChartBuilder().width(800).height(360)
                .title("Questions per day, last " + stats.days().size() + " days").xAxisTitle("day")
                .yAxisTitle("questions").build();
        chart.getStyler().setStacked(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setXAxisLabelRotation(60);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        List<String> days = stats.days().stream().map(d -> d.day().toString().substring(5)).toList();
        chart.addSeries("answered from the docs", days, stats.days().stream().map(QaReports.Day::answered).toList());
        chart.addSeries("not covered", days, stats.days().stream().map(d -> d.questions() - d.answered()).toList());
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
