package dev.lorekeeper.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lorekeeper.knowledge.Hit;
import dev.lorekeeper.knowledge.KnowledgeIndex;
import dev.lorekeeper.knowledge.RetrievalMode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lorekeeper eval}: retrieval quality (hit@1, hit@5, MRR) for BM25, dense and hybrid, side by side. */
@Command(name = "eval", description = "Measure retrieval quality on questions with known answers",
        mixinStandardHelpOptions = true)
public final class EvalCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int DEPTH = 10;

    @Mixin
    KnowledgeOptions knowledge;

    @Mixin
    ConfigOption config;

    @Option(names = "--questions", required = true, paramLabel = "FILE.jsonl",
            description = "Lines of {\"q\":…, \"file\":…, \"heading\":…}")
    Path questions;

    @Option(names = "--json", description = "Print the figures as JSON")
    boolean json;

    @Option(names = "--show-misses", description = "List the questions hybrid retrieval did not rank first (the "
            + "hit@1 misses), each with the rank of the expected passage and the top 3 it gave instead")
    boolean showMisses;

    @Spec
    CommandSpec spec;

    /** Retrieval quality of one mode. */
    public record Scores(RetrievalMode mode, double hitAt1, double hitAt5, double mrr) {
    }

    record Question(String q, String file, String heading) {
    }

    @Override
    public Integer call() throws IOException {
        List<Question> qs = read(questions);
        KnowledgeIndex index = KnowledgeOptions.ingest(knowledge.folders(() -> config.load().config()),
                spec.commandLine().getErr(), true).index();
        PrintWriter out = spec.commandLine().getOut();
        List<Scores> all = new ArrayList<>();
        for (RetrievalMode mode : RetrievalMode.values()) {
            all.add(score(index, qs, mode));
        }
        if (showMisses) {
            for (Question q : qs) {
                List<Hit> hits = index.search(q.q(), DEPTH, RetrievalMode.HYBRID);
                int rank = rank(hits, q);
                if (rank != 1) {
                    out.println("MISS " + q.q() + "  (expected " + q.file() + " › " + q.heading() + ": "
                            + (rank == 0 ? "not in the top " + DEPTH : "rank " + rank) + ")");
                    hits.stream().limit(3).forEach(h -> out.println("     got " + h.chunk().path() + " › "
                            + h.chunk().heading()));
                }
            }
        }
        if (json) {
            out.println(JSON.writeValueAsString(all));
        } else {
            out.println(qs.size() + " questions");
            out.printf(Locale.ROOT, "%-8s %7s %7s %7s%n", "mode", "hit@1", "hit@5", "MRR");
            all.forEach(s -> out.printf(Locale.ROOT, "%-8s %7.3f %7.3f %7.3f%n", s.mode().name().toLowerCase(Locale.ROOT),
                    s.hitAt1(), s.hitAt5(), s.mrr()));
        }
        out.flush();
        return 0;
    }

    static Scores score(KnowledgeIndex index, List<Question> qs, RetrievalMode mode) {
        double hit1 = 0;
        double hit5 = 0;
        double rr = 0;
        for (Question q : qs) {
            List<Hit> hits = index.search(q.q(), DEPTH, mode);
            for (int i = 0; i < hits.size(); i++) {
                if (matches(hits.get(i), q)) {
                    hit1 += i == 0 ? 1 : 0;
                    hit5 += i < 5 ? 1 : 0;
                    rr += 1.0 / (i + 1);
                    break;
                }
            }
        }
        int n = Math.max(1, qs.size());
        return new Scores(mode, hit1 / n, hit5 / n, rr / n);
    }

    /** The 1-based rank of the expected passage, 0 when it is not among the hits. */
    private static int rank(List<Hit> hits, Question q) {
        for (int i = 0; i < hits.size(); i++) {
            if (matches(hits.get(i), q)) {
                return i + 1;
            }
        }
        return 0;
    }

    private static boolean matches(Hit h, Question q) {
        return h.chunk().path().equals(q.file()) && h.chunk().heading().equalsIgnoreCase(q.heading());
    }

    static List<Question> read(Path file) throws IOException {
        List<Question> out = new ArrayList<>();
        int line = 0;
        for (String l : Files.readAllLines(file)) {
            line++;
            if (l.isBlank()) {
                continue;
            }
            try {
                JsonNode n = JSON.readTree(l);
                out.add(new Question(n.path("q").asText(), n.path("file").asText(), n.path("heading").asText()));
            } catch (IOException e) {
                throw new CliFailure(2, "error: " + file + " line " + line + " is not JSON");
            }
        }
        return out;
    }
}
