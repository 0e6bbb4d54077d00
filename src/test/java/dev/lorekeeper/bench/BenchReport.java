package dev.lorekeeper.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/** Writes a benchmark's figures to {@code target/bench/NAME.json} and prints them. */
public final class BenchReport {
    private BenchReport() {}

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

    public static int intProperty(String name, int fallback) {
        return Integer.parseInt(System.getProperty(name, Integer.toString(fallback)));
    }
}
