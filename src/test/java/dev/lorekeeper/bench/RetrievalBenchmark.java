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
 * the query included, the index's heap footprint, and ingest throughput.
 * Run: {@code mvn -B -Pbench verify -Dbench.only=retrieval}.
 */
@Tag("bench-all")
@Tag("bench-retrieval")
class RetrievalBenchmark {
    static final Path DOCS = Path.of(System.getProperty("project.root", "."), "config", "knowledge");

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
        long before = usedHeap();
        KnowledgeIndex index = store.load().orElseThrow(); // a fresh copy, so its own footprint can be measured
        long indexBytes = usedHeap() - before;

        List<String> questions = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(DOCS.resolve("questions.jsonl"))) {
            if (!line.isBlank()) {
                JsonNode n = json.readTree(line);
                questions.add(n.path("q").asText());
            }
        }
        for (int i = 0; i < 50; i++) {
            index.search(questions.get(i % questions.size()), 5); // warm-up
        }
        int runs = 300;
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            assertThat(index.search(questions.get(i % questions.size()) + " " + (i / questions.size()), 5))
                    .isNotEmpty();
            nanos[i] = System.nanoTime() - t0;
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("chunks", index.size());
        figures.put("queries", runs);
        figures.put("p50_ms", BenchReport.percentileMs(nanos, 50));
        figures.put("p95_ms", BenchReport.percentileMs(nanos, 95));
        figures.put("goal_p50_ms", 20);
        figures.put("goal_p95_ms", 50);
        figures.put("index_heap_mb", Math.round(indexBytes / 104_857.6) / 10.0);
        figures.put(
                "vectors_mb", Math.round(index.size() * (long) index.vectors().get(0).length * 4 / 104_857.6) / 10.0);
        figures.put(
                "ingest_chunks_per_s",
                Math.round(ingested.report().embedded()
                        * 1000.0
                        / Math.max(1, ingested.report().millis())));
        BenchReport.write("retrieval", figures);
        assertThat(ingested.index().size()).isEqualTo(index.size());
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
