package dev.lorekeeper.knowledge;

import java.util.List;
import java.util.Set;

/** Measures {@link Evidence} from a ranked list: cheap enough to run on every question. */
final class EvidenceMeter {
    private static final int MARGIN_DEPTH = 5;
    /**
     * How members phrase a question, not what they ask about: a small docs set may never use these words, which
     * would otherwise count as the heaviest missing terms.
     */
    private static final Set<String> PHRASING = Terms.of("how what when where why which who whom whose much many "
            + "do does did done can could would should shall may might must i me my mine you your we our us he she "
            + "anyone someone something anything get got make need want know tell help please thanks hi hey yo "
            + "any some there here about just actually really even still also ok okay way");

    private EvidenceMeter() {}

    static Evidence measure(String query, List<Hit> top, List<Hit> ranked, Bm25Index bm25) {
        if (top.isEmpty()) {
            return Evidence.NONE;
        }
        Hit first = top.get(0);
        double best = top.stream().mapToDouble(Hit::similarity).max().orElse(0);
        double next = -1;
        for (int i = 1; i < Math.min(MARGIN_DEPTH, ranked.size()); i++) {
            next = Math.max(next, ranked.get(i).similarity());
        }
        double margin = next < -0.5 ? 0 : first.similarity() - next;
        double agreement = Math.min(reciprocal(first.bm25Rank()), reciprocal(first.denseRank()));
        return new Evidence(best, margin, agreement, coverage(query, top, bm25));
    }

    private static double reciprocal(int rank) {
        return rank > 0 ? 1.0 / rank : 0;
    }

    /**
     * The idf-weighted share of the question's terms found in the top sections: words the docs never use (a
     * product the project does not have) weigh most, chat filler ("how", "do") least.
     */
    static double coverage(String query, List<Hit> top, Bm25Index bm25) {
        double all = 0;
        double covered = 0;
        for (String t : Terms.of(query)) {
            if (PHRASING.contains(t)) {
                continue;
            }
            double w = bm25.idf(t);
            all += w;
            covered += usedByAny(top, t, bm25) ? w : 0;
        }
        return all == 0 ? 0 : covered / all;
    }

    private static boolean usedByAny(List<Hit> top, String term, Bm25Index bm25) {
        for (Hit h : top) {
            if (bm25.uses(h.chunk(), term)) {
                return true;
            }
        }
        return false;
    }
}
