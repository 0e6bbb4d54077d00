package dev.lorekeeper.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lorekeeper.app.EvalScoring.Question;
import dev.lorekeeper.app.EvalScoring.Scores;
import dev.lorekeeper.knowledge.Hit;
import dev.lorekeeper.knowledge.KnowledgeIndex;
import dev.lorekeeper.knowledge.RefusalModel;
import dev.lorekeeper.knowledge.RetrievalMode;
import java.io.IOException;
import java.io.PrintWriter;
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

/**
 * {@code lorekeeper eval}: section-level retrieval quality (hit@1, hit@5, MRR@5) for BM25, dense and hybrid, side
 * by side, and with {@code --unanswerable} how often the bot answers or refuses without a model.
 */
@Command(
        name = "eval",
        description = "Measure retrieval quality on questions with known answers",
        mixinStandardHelpOptions = true)
public final class EvalCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    KnowledgeOptions knowledge;

    @Mixin
    ConfigOption config;

    @Option(
            names = "--questions",
            required = true,
            paramLabel = "FILE.jsonl",
            description = "Lines of {\"q\":…, \"file\":…, \"heading\":…}")
    Path questions;

    @Option(
            names = "--unanswerable",
            paramLabel = "FILE.jsonl",
            description = "Lines of {\"q\":…}: questions the docs do not answer; adds the answered and refused shares")
    Path unanswerable;

    @Option(names = "--min-relevance", defaultValue = "0.6", description = "Cosine floor, as knowledge.min-relevance")
    double minRelevance;

    @Option(names = "--json", description = "Print the figures as JSON")
    boolean json;

    @Option(
            names = "--show-misses",
            description = "List the questions hybrid retrieval did not rank first (the "
                    + "hit@1 misses), each with the rank of the expected passage and the top 3 it gave instead")
    boolean showMisses;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        List<Question> qs = EvalScoring.read(questions);
        List<Question> off = unanswerable == null ? List.of() : EvalScoring.read(unanswerable);
        KnowledgeIndex index = KnowledgeOptions.ingest(
                        knowledge.folders(() -> config.load().config()),
                        spec.commandLine().getErr(),
                        true)
                .index();
        PrintWriter out = spec.commandLine().getOut();
        List<Scores> all = new ArrayList<>();
        for (RetrievalMode mode : RetrievalMode.values()) {
            Scores s = EvalScoring.score(index, qs, mode);
            all.add(
                    unanswerable == null
                            ? s
                            : EvalScoring.withRefusal(s, index, qs, off, RefusalModel.DEFAULT, minRelevance));
        }
        if (showMisses) {
            for (Question q : qs) {
                List<Hit> hits = index.search(q.q(), EvalScoring.DEPTH, RetrievalMode.HYBRID);
                int rank = EvalScoring.rank(hits, q);
                if (rank != 1) {
                    out.println("MISS " + q.q() + "  (expected " + q.file() + " › " + q.heading() + ": "
                            + (rank == 0 ? "not in the top " + EvalScoring.DEPTH : "rank " + rank) + ")");
                    hits.stream()
                            .limit(3)
                            .forEach(h -> out.println("     got " + h.chunk().path() + " › "
                                    + h.chunk().heading()));
                }
            }
        }
        if (json) {
            out.println(JSON.writeValueAsString(all));
        } else {
            out.println(qs.size() + " questions" + (off.isEmpty() ? "" : ", " + off.size() + " unanswerable"));
            print(out, all);
        }
        out.flush();
        return 0;
    }

    static void print(PrintWriter out, List<Scores> all) {
        out.printf(Locale.ROOT, "%-8s %7s %7s %7s %9s %8s%n", "mode", "hit@1", "hit@5", "MRR@5", "answered", "refused");
        all.forEach(s -> out.printf(
                Locale.ROOT,
                "%-8s %7.3f %7.3f %7.3f %9s %8s%n",
                s.mode().name().toLowerCase(Locale.ROOT),
                s.hitAt1(),
                s.hitAt5(),
                s.mrr(),
                share(s.answered()),
                share(s.refused())));
    }

    private static String share(Double d) {
        return d == null ? "-" : String.format(Locale.ROOT, "%.3f", d);
    }
}
