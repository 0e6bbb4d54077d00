package dev.lorekeeper.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lorekeeper.app.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retrieval quality on the shipped sample docs (config/knowledge) with their member-style questions, through the
 * same CLI an operator uses: hybrid must reach hit@5 ≥ 0.95 and MRR ≥ 0.8, and be at least as good as either
 * retriever alone.
 */
class RetrievalQualityTest {
    static final Path DOCS = Path.of(System.getProperty("project.root", "."), "config", "knowledge");

    @TempDir
    Path index;

    static String run(String... args) {
        StringWriter out = new StringWriter();
        int exit = Main.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), args);
        assertThat(exit).as(out.toString()).isZero();
        return out.toString();
    }

    @Test
    void hybridRetrievalMeetsTheGoalsOnTheShippedDocs() throws Exception {
        String json = run("eval", "--docs", DOCS.toString(), "--index", index.toString(), "--questions",
                DOCS.resolve("questions.jsonl").toString(), "--json");
        Map<String, JsonNode> byMode = new HashMap<>();
        new ObjectMapper().readTree(json).forEach(n -> byMode.put(n.path("mode").asText(), n));
        JsonNode hybrid = byMode.get("HYBRID");
        System.out.println("[retrieval] " + json.strip());
        assertThat(hybrid.path("hitAt5").asDouble()).isGreaterThanOrEqualTo(0.95);
        assertThat(hybrid.path("mrr").asDouble()).isGreaterThanOrEqualTo(0.8);
        for (String single : new String[] {"BM25", "DENSE"}) {
            assertThat(hybrid.path("hitAt5").asDouble()).isGreaterThanOrEqualTo(byMode.get(single).path("hitAt5")
                    .asDouble());
            assertThat(hybrid.path("mrr").asDouble()).isGreaterThanOrEqualTo(byMode.get(single).path("mrr")
                    .asDouble() - 0.02);
        }
    }

    @Test
    void askPrintsOneJsonLinePerQuestionWithOrderedUniqueSources() throws Exception {
        Path batch = index.resolve("q.txt");
        Files.createDirectories(index);
        Files.writeString(batch, "how much does it cost to mint\nwhat is the royalty on secondary sales\n");
        String out = run("ask", "--docs", DOCS.toString(), "--index", index.resolve("idx").toString(),
                "--retrieval-only", "--json", "--batch", batch.toString());
        String[] lines = out.strip().split("\n");
        assertThat(lines).hasSize(2);
        ObjectMapper json = new ObjectMapper();
        for (String line : lines) {
            JsonNode n = json.readTree(line);
            assertThat(n.path("grounded").asBoolean()).isTrue();
            assertThat(n.path("answer").asText()).isNotBlank();
            JsonNode sources = n.path("sources");
            assertThat(sources.size()).isBetween(1, 5);
            assertThat(sources.get(0).path("path").asText()).doesNotStartWith("/").endsWith(".md");
            assertThat(sources.get(0).path("heading").asText()).doesNotStartWith("#");
            assertThat(sources.get(0).path("headings").size()).isGreaterThanOrEqualTo(1);
            double previous = Double.MAX_VALUE;
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (JsonNode s : sources) {
                assertThat(s.path("score").asDouble()).isLessThanOrEqualTo(previous);
                previous = s.path("score").asDouble();
                assertThat(seen.add(s.path("path").asText() + "#" + s.path("heading").asText())).isTrue();
            }
        }
    }

    @Test
    void ingestReportsCountsAndReusesUnchangedFiles() {
        String first = run("ingest", "--docs", DOCS.toString(), "--index", index.toString());
        assertThat(first).contains("indexed", "chunks");
        String second = run("ingest", "--docs", DOCS.toString(), "--index", index.toString());
        assertThat(second).contains("0 new or changed", "0 embedded");
    }
}
