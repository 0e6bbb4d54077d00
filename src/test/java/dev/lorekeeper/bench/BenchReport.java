package dev.lorekeeper.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes a benchmark's figures to {@code target/bench/NAME.json} and prints them. A benchmark with goals reports
 * through {@link #finish}: the JSON then carries what it measures, a one-line headline, its goals and whether
 * they were met (so {@code scripts/bench-table.mjs} builds the README's table without knowing any benchmark), and
 * the run fails, after the JSON is written, when a goal is missed.
 */
public final class BenchReport {
    private BenchReport() {}

    /**
     * One goal of a benchmark: what it asks for (such as "ack p99 < 50 ms"), what this run measured, and whether
     * that meets it. Build them with {@link #below}, {@link #atMost}, {@link #atLeast} and {@link #equal}, from the
     * benchmark's goal constants, so the JSON and the assertion read the same numbers.
     */
    public record Goal(String text, String measured, boolean met) {
        static Goal below(String what, double measured, double limit, String unit) {
            return new Goal(what + " < " + num(limit) + unit, num(measured) + unit, measured < limit);
        }

        static Goal atMost(String what, double measured, double limit, String unit) {
            return new Goal(what + " ≤ " + num(limit) + unit, num(measured) + unit, measured <= limit);
        }

        static Goal atLeast(String what, double measured, double limit, String unit) {
            return new Goal(what + " ≥ " + num(limit) + unit, num(measured) + unit, measured >= limit);
        }

        static Goal equal(String what, long measured, long wanted) {
            return new Goal(what + " = " + wanted, Long.toString(measured), measured == wanted);
        }
    }

    /**
     * Writes the figures with {@code what} (one line on what is measured), {@code headline} (one line of the main
     * figures), the goals, the date and the machine's cores, then fails if any goal was missed.
     */
    public static Path finish(
            String name, String what, String headline, List<Goal> goals, Map<String, Object> figures) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("what", what);
        out.put("headline", headline);
        out.put("goal", goals.stream().map(Goal::text).collect(Collectors.joining("; ")));
        out.put("goal_met", goals.stream().allMatch(Goal::met));
        out.put("goals", goals);
        out.put("date", LocalDate.now(ZoneOffset.UTC).toString());
        out.put("cores", Runtime.getRuntime().availableProcessors());
        // Other work on the machine moves every figure: the reader sees how busy it was when the run ended.
        out.put("load_average_1m", loadAverage());
        out.putAll(figures);
        Path file = write(name, out);
        List<Goal> missed = goals.stream().filter(g -> !g.met()).toList();
        if (!missed.isEmpty()) {
            throw new AssertionError("benchmark " + name + " missed "
                    + missed.size() + " of its goals: "
                    + missed.stream()
                            .map(g -> g.text() + " (measured " + g.measured() + ")")
                            .collect(Collectors.joining("; "))
                    + "; figures in " + file);
        }
        return file;
    }

    /** The 1-minute load average (Linux {@code /proc/loadavg}), or null where there is none. */
    private static Double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    public static Path write(String name, Map<String, Object> figures) {
        Path dir = Path.of(System.getProperty("bench.dir", "target/bench"));
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".json");
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            Files.writeString(file, mapper.writeValueAsString(figures));
            System.out.println("[bench] " + name + ": " + mapper.writeValueAsString(figures));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The p-th percentile (0-100) of values in milliseconds, from nanoseconds; nearest-rank. */
    public static double percentileMs(long[] nanos, double p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return Math.round(sorted[Math.max(0, rank - 1)] / 10_000.0) / 100.0;
    }

    /** p50, p95, p99 and max in milliseconds, from nanoseconds. */
    public static Map<String, Object> percentiles(long[] nanos) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (nanos.length == 0) {
            return out;
        }
        out.put("p50_ms", percentileMs(nanos, 50));
        out.put("p95_ms", percentileMs(nanos, 95));
        out.put("p99_ms", percentileMs(nanos, 99));
        out.put("max_ms", percentileMs(nanos, 100));
        return out;
    }

    /** A number for text: thousands separated, one decimal below 100 (and none when it is 0). */
    static String num(double v) {
        return (v == Math.rint(v) || Math.abs(v) >= 100) && Math.abs(v) < 1e15
                ? String.format(Locale.ROOT, "%,d", Math.round(v))
                : String.format(Locale.ROOT, "%,.1f", v);
    }

    public static int intProperty(String name, int fallback) {
        return Integer.parseInt(System.getProperty(name, Integer.toString(fallback)));
    }
}
