package dev.lorekeeper.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lorekeeper.app.EvalScoring.Scores;
import dev.lorekeeper.knowledge.BgeEmbedder;
import dev.lorekeeper.knowledge.Evidence;
import dev.lorekeeper.knowledge.RefusalModel;
import dev.lorekeeper.knowledge.RetrievalMode;
import dev.lorekeeper.knowledge.Tuning;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lorekeeper eval-loo}: leave one corpus out. For each corpus, the retrieval parameters ({@link Tuning}) and
 * the refusal model are chosen on the other corpora only, then measured on the one left out, so no figure comes
 * from the questions its parameters were chosen on.
 */
@Command(
        name = "eval-loo",
        description = "Leave-one-corpus-out evaluation of retrieval and refusal",
        mixinStandardHelpOptions = true)
public final class EvalLooCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final List<Tuning> GRID = grid();

    @Option(
            names = "--corpus",
            required = true,
            paramLabel = "[NAME=]DIR",
            description = "A corpus folder (docs/ or the docs, questions.jsonl, optional unanswerable.jsonl); "
                    + "give at least two")
    List<String> corpora;

    @Option(
            names = "--cache",
            defaultValue = "target/eval-index",
            paramLabel = "DIR",
            description = "Where each corpus's index (and its embeddings) is kept between runs")
    Path cache;

    @Option(names = "--slice", defaultValue = "0", description = "Use only N questions per corpus (0: all)")
    int slice;

    @Option(names = "--min-relevance", defaultValue = "0.6", description = "Cosine floor, as knowledge.min-relevance")
    double minRelevance;

    @Option(names = "--json", description = "Print the folds as JSON")
    boolean json;

    @Spec
    CommandSpec spec;

    /** One fold: what was chosen on the training corpora and how it scored on the left-out one. */
    public record Fold(String leftOut, String tuning, String refusal, List<Scores> scores, Scores plainRrf) {}

    @Override
    public Integer call() throws IOException {
        if (corpora.size() < 2) {
            throw new CliFailure(2, "error: leave-one-out needs at least two --corpus folders");
        }
        MemoEmbedder embedder = new MemoEmbedder(new BgeEmbedder());
        List<EvalCorpus> all = new ArrayList<>();
        for (String c : corpora) {
            all.add(EvalCorpus.load(c, cache, embedder, slice));
        }
        double[][] mrr = new double[all.size()][GRID.size()];
        for (int c = 0; c < all.size(); c++) {
            for (int t = 0; t < GRID.size(); t++) {
                all.get(c).index().tune(GRID.get(t));
                mrr[c][t] = EvalScoring.score(all.get(c).index(), all.get(c).questions(), RetrievalMode.HYBRID)
                        .mrr();
            }
        }
        List<Fold> folds = new ArrayList<>();
        for (int out = 0; out < all.size(); out++) {
            folds.add(fold(all, mrr, out));
        }
        print(folds);
        if (!json) {
            spec.commandLine()
                    .getOut()
                    .println("refusal fitted on all corpora (plain RRF), as shipped in " + "RefusalModel.DEFAULT: "
                            + shipped(all));
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    private static RefusalModel shipped(List<EvalCorpus> all) {
        List<Evidence> pos = new ArrayList<>();
        List<Evidence> neg = new ArrayList<>();
        for (EvalCorpus c : all) {
            c.index().tune(Tuning.DEFAULT);
            pos.addAll(EvalScoring.evidence(c.index(), c.questions(), RetrievalMode.HYBRID));
            neg.addAll(EvalScoring.evidence(c.index(), c.unanswerable(), RetrievalMode.HYBRID));
        }
        return RefusalModel.fit(pos, neg);
    }

    private Fold fold(List<EvalCorpus> all, double[][] mrr, int out) {
        int best = 0;
        double bestMean = -1;
        for (int t = 0; t < GRID.size(); t++) {
            double sum = 0;
            for (int c = 0; c < all.size(); c++) {
                sum += c == out ? 0 : mrr[c][t];
            }
            if (sum > bestMean + 1e-9) {
                bestMean = sum;
                best = t;
            }
        }
        Tuning tuning = GRID.get(best);
        all.forEach(c -> c.index().tune(tuning));
        EvalCorpus test = all.get(out);
        List<Scores> scores = new ArrayList<>();
        String refusal = "";
        for (RetrievalMode mode : RetrievalMode.values()) {
            List<Evidence> pos = new ArrayList<>();
            List<Evidence> neg = new ArrayList<>();
            for (int c = 0; c < all.size(); c++) {
                if (c != out) {
                    pos.addAll(
                            EvalScoring.evidence(all.get(c).index(), all.get(c).questions(), mode));
                    neg.addAll(
                            EvalScoring.evidence(all.get(c).index(), all.get(c).unanswerable(), mode));
                }
            }
            RefusalModel model = RefusalModel.fit(pos, neg);
            refusal = mode == RetrievalMode.HYBRID ? model.toString() : refusal;
            scores.add(EvalScoring.withRefusal(
                    EvalScoring.score(test.index(), test.questions(), mode),
                    test.index(),
                    test.questions(),
                    test.unanswerable(),
                    model,
                    minRelevance));
        }
        test.index().tune(Tuning.DEFAULT);
        Scores plain = EvalScoring.score(test.index(), test.questions(), RetrievalMode.HYBRID);
        return new Fold(test.name(), tuning.toString(), refusal, scores, plain);
    }

    private void print(List<Fold> folds) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(JSON.writeValueAsString(folds));
        } else {
            for (Fold f : folds) {
                out.printf(
                        Locale.ROOT,
                        "left out: %s   chosen on the others: %s%n  refusal %s%n",
                        f.leftOut(),
                        f.tuning(),
                        f.refusal());
                EvalCommand.print(out, f.scores());
                out.printf(
                        Locale.ROOT,
                        "  (plain RRF k=60 hybrid on the left-out corpus: hit@1 %.3f  MRR@5 %.3f)%n%n",
                        f.plainRrf().hitAt1(),
                        f.plainRrf().mrr());
            }
        }
        out.flush();
    }

    private static List<Tuning> grid() {
        List<Tuning> out = new ArrayList<>();
        for (int k : new int[] {10, 60}) {
            for (double w : new double[] {0.5, 1.0}) {
                for (float h : new float[] {0.5f, 1.0f, 2.0f}) {
                    out.add(new Tuning(k, w, h));
                }
            }
        }
        return out;
    }
}
