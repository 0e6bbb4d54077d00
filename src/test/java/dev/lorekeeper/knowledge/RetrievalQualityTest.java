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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retrieval quality through the CLI an operator uses, leave one corpus out: every figure asserted here comes from
 * a corpus whose questions played no part in choosing the parameters it ran with. A slice of each corpus (10
 * questions, the pages they need and some distractors) keeps the class fast; its embeddings are kept in
 * {@code target/eval-slice} between runs. The floors are regression guards on the slice, below the goals of issue
 * 13; the full figures are in the README.
 */
class RetrievalQualityTest {
    static final Path ROOT = Path.of(System.getProperty("project.root", "."));
    static final Path EMBERWAKE = ROOT.resolve("config").resolve("knowledge");
    static final Path EVAL = ROOT.resolve("src/test/resources/eval");
    static final Path CACHE = ROOT.resolve("target").resolve("eval-slice");
    static final ObjectMapper JSON = new ObjectMapper();
    static JsonNode folds;

    @TempDir
    Path dir;

    static String run(String... args) {
        StringWriter out = new StringWriter();
        int exit = Main.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), args);
        assertThat(exit).as(out.toString()).isZero();
        return out.toString();
    }

    @BeforeAll
    static void leaveOneOut() throws Exception {
        folds = JSON.readTree(run(
                "eval-loo",
                "--corpus",
                "openzeppelin=" + EVAL.resolve("openzeppelin"),
                "--corpus",
                "foundry=" + EVAL.resolve("foundry"),
                "--corpus",
                "emberwake=" + EMBERWAKE,
                "--cache",
                CACHE.toString(),
                "--slice",
                "10",
                "--json"));
        System.out.println("[retrieval] " + folds);
    }

    static Map<String, JsonNode> byMode(JsonNode scores) {
        Map<String, JsonNode> out = new HashMap<>();
        scores.forEach(n -> out.put(n.path("mode").asText(), n));
        return out;
    }

    @Test
    void eachLeftOutCorpusIsAnsweredWellWithParametersChosenOnTheOthers() {
        assertThat(folds.size()).isEqualTo(3);
        for (JsonNode fold : folds) {
            Map<String, JsonNode> modes = byMode(fold.path("scores"));
            JsonNode hybrid = modes.get("HYBRID");
            String name = fold.path("leftOut").asText();
            assertThat(hybrid.path("hitAt5").asDouble()).as(name + " hit@5").isGreaterThanOrEqualTo(0.7);
            assertThat(hybrid.path("mrr").asDouble()).as(name + " MRR@5").isGreaterThanOrEqualTo(0.55);
            assertThat(hybrid.path("answered").asDouble())
                    .as(name + " answered")
                    .isGreaterThanOrEqualTo(0.5);
            if (!hybrid.path("refused").isNull()) {
                assertThat(hybrid.path("refused").asDouble())
                        .as(name + " refused")
                        .isGreaterThanOrEqualTo(0.6);
            }
            for (String single : List.of("BM25", "DENSE")) {
                assertThat(hybrid.path("hitAt5").asDouble())
                        .as(name + " hybrid vs " + single)
                        .isGreaterThanOrEqualTo(modes.get(single).path("hitAt5").asDouble() - 0.1);
            }
        }
    }

    @Test
    void evalReportsEveryModeWithAnsweredAndRefusedShares() throws Exception {
        Path slice = CACHE.resolve("openzeppelin-slice-10");
        // The report's shape is under test here, not the figures: a few questions of each kind are enough.
        Path questions = dir.resolve("questions.jsonl");
        Files.write(
                questions,
                Files.readAllLines(EVAL.resolve("openzeppelin/questions.jsonl")).subList(0, 12));
        Path unanswerable = dir.resolve("unanswerable.jsonl");
        Files.write(
                unanswerable,
                Files.readAllLines(EVAL.resolve("openzeppelin/unanswerable.jsonl"))
                        .subList(0, 6));
        JsonNode all = JSON.readTree(run(
                "eval",
                "--docs",
                slice.resolve("docs").toString(),
                "--index",
                slice.resolve("index").toString(),
                "--questions",
                questions.toString(),
                "--unanswerable",
                unanswerable.toString(),
                "--json"));
        assertThat(byMode(all).keySet()).containsExactlyInAnyOrder("BM25", "DENSE", "HYBRID");
        for (JsonNode n : all) {
            for (String f : List.of("hitAt1", "hitAt5", "mrr", "answered", "refused")) {
                assertThat(n.path(f).asDouble()).as(f).isBetween(0.0, 1.0);
            }
        }
    }

    @Test
    void askListsTopKDistinctSectionsInRankOrder() throws Exception {
        Path slice = CACHE.resolve("emberwake-slice-10");
        Path batch = dir.resolve("q.txt");
        Files.writeString(
                batch,
                "wat do i actually get from holding a warden\nhow does uniswap v3 concentrated " + "liquidity work?\n");
        String out = run(
                "ask",
                "--docs",
                slice.resolve("docs").toString(),
                "--index",
                slice.resolve("index").toString(),
                "--retrieval-only",
                "--json",
                "--top-k",
                "4",
                "--batch",
                batch.toString());
        String[] lines = out.strip().split("\n");
        assertThat(lines).hasSize(2);
        for (String line : lines) {
            JsonNode n = JSON.readTree(line);
            assertThat(n.path("answer").asText()).isNotBlank();
            JsonNode sources = n.path("sources");
            assertThat(sources.size()).as(line).isEqualTo(4);
            assertThat(sources.get(0).path("path").asText())
                    .doesNotStartWith("/")
                    .endsWith(".md");
            assertThat(sources.get(0).path("heading").asText()).doesNotStartWith("#");
            double previous = Double.MAX_VALUE;
            Set<String> seen = new HashSet<>();
            for (JsonNode s : sources) {
                assertThat(s.path("score").asDouble()).isLessThanOrEqualTo(previous);
                previous = s.path("score").asDouble();
                assertThat(seen.add(s.path("path").asText() + "#" + s.path("headings")))
                        .isTrue();
            }
        }
        assertThat(JSON.readTree(lines[0]).path("grounded").asBoolean()).isTrue();
        assertThat(JSON.readTree(lines[1]).path("grounded").asBoolean()).isFalse();
    }

    @Test
    void ingestReportsCountsAndReusesUnchangedFiles() throws Exception {
        Path docs = Files.createDirectories(dir.resolve("docs"));
        SampleDocs.mintGuideAndInjection(docs);
        String first = run(
                "ingest",
                "--docs",
                docs.toString(),
                "--index",
                dir.resolve("idx").toString());
        assertThat(first).contains("indexed", "chunks");
        String second = run(
                "ingest",
                "--docs",
                docs.toString(),
                "--index",
                dir.resolve("idx").toString());
        assertThat(second).contains("0 new or changed", "0 embedded");
    }
}
