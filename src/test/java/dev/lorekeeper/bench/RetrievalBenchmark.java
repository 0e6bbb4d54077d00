package dev.lorekeeper.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lorekeeper.knowledge.BgeEmbedder;
import dev.lorekeeper.knowledge.Chunker;
import dev.lorekeeper.knowledge.IndexStore;
import dev.lorekeeper.knowledge.KnowledgeIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hybrid retrieval latency over about 5,000 chunks (the shipped docs, multiplied into distinct copies), embedding of
 * the query included, the index's heap footprint, and ingest throughput. The first {@link #WARM_UP} queries (other
 * wording) are reported apart as the cold-JVM figures. Goals: {@link #GOAL_P50_MS}, {@link #GOAL_P95_MS}.
 * Run: {@code mvn -B -Pbench verify -Dbench.only=retrieval}.
 */
@Tag("bench-all")
@Tag("bench-retrieval")
class RetrievalBenchmark {
    static final Path DOCS = Path.of(System.getProperty("project.root", "."), "config", "knowledge");
    /** The README's goals. */
    static final double GOAL_P50_MS = 20;

    static final double GOAL_P95_MS = 50;
    static final int WARM_UP = 50;
    static final int RUNS = 300;

    @TempDir
    Path work;

    @Test
    void latencyOverFiveThousandChunks() throws Exception {
        int targetChunks = BenchReport.intProperty("bench.chunks", 5000);
        Path corpus = Files.createDirectories(work.resolve("docs"));
        List<Path> pages;
        try (Stream<Path> s = Files.walk(DOCS)) {
            pages = s.filter(p -> p.toString().endsWith(".md")).toList();
        }
        Chunker chunker = new Chunker(350, 50);
        int perCopy = 0;
        for (Path p : pages) {
            perCopy += chunker.chunk(new dev.lorekeeper.knowledge.Doc("x", "x", Files.readString(p), "h"))
                    .size();
        }
        int copies = Math.max(1, targetChunks / perCopy);
        for (int c = 0; c < copies; c++) {
            for (Path p : pages) {
                Path out = corpus.resolve("copy" + c).resolve(DOCS.relativize(p));
                Files.createDirectories(out.getParent());
                // Distinct text per copy, so no two chunks embed the same.
                Files.writeString(
                        out, Files.readString(p).replace("Warden", "Warden" + (c == 0 ? "" : " of shard " + c)));
            }
        }
        IndexStore store = new IndexStore(work.resolve("index"), new BgeEmbedder(), chunker);
        IndexStore.Ingested ingested = store.ingest(corpus, n -> {});
        // Queries go to the index as loaded from disk, as a restarted bot serves it.
        KnowledgeIndex index = store.load().orElseThrow();
        assertThat(ingested.index().size()).isEqualTo(index.size());

        List<String> questions = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(DOCS.resolve("questions.jsonl"))) {
            if (!line.isBlank()) {
                JsonNode n = json.readTree(line);
                questions.add(n.path("q").asText());
            }
        }
        // Warm-up on other wording than the measured queries ("warm-up N" after each), so nothing measured was seen.
        long[] warmNanos = new long[WARM_UP];
        for (int i = 0; i < WARM_UP; i++) {
            long t0 = System.nanoTime();
            index.search(questions.get(i % questions.size()) + " warm-up " + i, 5);
            warmNanos[i] = System.nanoTime() - t0;
        }
        long[] nanos = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            assertThat(index.search(questions.get(i % questions.size()) + " " + (i / questions.size()), 5))
                    .isNotEmpty();
            nanos[i] = System.nanoTime() - t0;
        }
        // The heap footprint of a fresh copy of the index, measured after the latencies: the collections it needs
        // must not hand the timed queries a freshly cleaned heap.
        long before = usedHeap();
        KnowledgeIndex loaded = store.load().orElseThrow();
        long indexBytes = usedHeap() - before;
        assertThat(loaded.size()).isEqualTo(index.size());

        double p50 = BenchReport.percentileMs(nanos, 50);
        double p95 = BenchReport.percentileMs(nanos, 95);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("chunks", index.size());
        figures.put("queries", RUNS);
        figures.put("p50_ms", p50);
        figures.put("p95_ms", p95);
        figures.put("max_ms", BenchReport.percentileMs(nanos, 100));
        figures.put("cold_jvm_first_queries", BenchReport.percentiles(warmNanos));
        figures.put("goal_p50_ms", GOAL_P50_MS);
        figures.put("goal_p95_ms", GOAL_P95_MS);
        double indexMb = Math.round(indexBytes / 104_857.6) / 10.0;
        figures.put("index_heap_mb", indexMb);
        figures.put(
                "vectors_mb", Math.round(index.size() * (long) index.vectors().get(0).length * 4 / 104_857.6) / 10.0);
        long ingestPerS = Math.round(ingested.report().embedded()
                * 1000.0
                / Math.max(1, ingested.report().millis()));
        figures.put("ingest_chunks_per_s", ingestPerS);
        BenchReport.finish(
                "retrieval",
                "Hybrid retrieval over about " + BenchReport.num(targetChunks)
                        + " chunks (the sample docs multiplied), query embedding included; index heap; ingest",
                BenchReport.num(index.size()) + " chunks: p50 " + BenchReport.num(p50) + " ms, p95 "
                        + BenchReport.num(p95) + " ms; index " + BenchReport.num(indexMb) + " MB on the heap; ingest "
                        + ingestPerS + " chunks/s",
                List.of(
                        BenchReport.Goal.below("p50", p50, GOAL_P50_MS, " ms"),
                        BenchReport.Goal.below("p95", p95, GOAL_P95_MS, " ms")),
                figures);
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
