package dev.lorekeeper.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lorekeeper.knowledge.Answerer;
import dev.lorekeeper.knowledge.Evidence;
import dev.lorekeeper.knowledge.Hit;
import dev.lorekeeper.knowledge.KnowledgeIndex;
import dev.lorekeeper.knowledge.RefusalModel;
import dev.lorekeeper.knowledge.RetrievalMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Section-level retrieval scores and the no-model refusal shares, shared by {@code eval} and {@code eval-loo}. */
final class EvalScoring {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int DEPTH = 5;

    private EvalScoring() {}

    /** A question with its known answer section; unanswerable ones have no file. */
    record Question(String q, String file, String heading) {}

    /**
     * Retrieval quality of one mode: hit@1, hit@5 and MRR@5 over distinct sections; with unanswerable questions, the
     * share of answerable ones answered and of unanswerable ones refused (null when not measured).
     */
    public record Scores(
            RetrievalMode mode, double hitAt1, double hitAt5, double mrr, Double answered, Double refused) {}

    static Scores score(KnowledgeIndex index, List<Question> qs, RetrievalMode mode) {
        double hit1 = 0;
        double hit5 = 0;
        double rr = 0;
        for (Question q : qs) {
            int rank = rank(index.search(q.q(), DEPTH, mode), q);
            hit1 += rank == 1 ? 1 : 0;
            hit5 += rank >= 1 ? 1 : 0;
            rr += rank >= 1 ? 1.0 / rank : 0;
        }
        int n = Math.max(1, qs.size());
        return new Scores(mode, hit1 / n, hit5 / n, rr / n, null, null);
    }

    /** {@code scores} plus the answered and refused shares under {@code model} and the cosine floor. */
    static Scores withRefusal(
            Scores scores,
            KnowledgeIndex index,
            List<Question> qs,
            List<Question> unanswerable,
            RefusalModel model,
            double minRelevance) {
        double answered = qs.stream()
                .filter(q -> covered(index, q, scores.mode(), model, minRelevance))
                .count();
        double refused = unanswerable.stream()
                .filter(q -> !covered(index, q, scores.mode(), model, minRelevance))
                .count();
        return new Scores(
                scores.mode(),
                scores.hitAt1(),
                scores.hitAt5(),
                scores.mrr(),
                answered / Math.max(1, qs.size()),
                unanswerable.isEmpty() ? null : refused / unanswerable.size());
    }

    private static boolean covered(
            KnowledgeIndex index, Question q, RetrievalMode mode, RefusalModel model, double minRelevance) {
        return Answerer.covered(index.retrieve(q.q(), DEPTH, mode), minRelevance, model);
    }

    static List<Evidence> evidence(KnowledgeIndex index, List<Question> qs, RetrievalMode mode) {
        return qs.stream()
                .map(q -> index.retrieve(q.q(), DEPTH, mode).evidence())
                .toList();
    }

    /** 1-based rank of the expected section among the hits, 0 when absent. */
    static int rank(List<Hit> hits, Question q) {
        for (int i = 0; i < hits.size(); i++) {
            if (matches(hits.get(i), q)) {
                return i + 1;
            }
        }
        return 0;
    }

    static boolean matches(Hit h, Question q) {
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
                out.add(new Question(
                        n.path("q").asText(),
                        n.path("file").asText(),
                        n.path("heading").asText()));
            } catch (IOException e) {
                throw new CliFailure(2, "error: " + file + " line " + line + " is not JSON");
            }
        }
        return out;
    }
}
