package dev.lorekeeper.knowledge;

import java.util.List;

/**
 * Decides from retrieval {@link Evidence} alone whether the docs cover a question: a logistic score over the
 * evidence, fitted with class-balanced weights, covered when the score reaches zero. {@link #DEFAULT} was fitted
 * by {@code lorekeeper eval --loo} on all evaluation corpora after leave-one-out showed how well such a fit carries
 * to docs it has not seen.
 */
public record RefusalModel(double[] weights, double bias) {
    public static final RefusalModel DEFAULT = new RefusalModel(new double[] {3.244, 2.537, 2.378, 9.227}, -7.819);
    /** Below this many chunks the evidence model is not used (see {@link Answerer#covered}). */
    public static final int MIN_CHUNKS = 50;

    private static final int STEPS = 4000;
    private static final double RATE = 0.5;
    private static final double ANSWER_GOAL = 0.95;
    private static final double REFUSE_GOAL = 0.90;

    public boolean covered(Evidence e) {
        return score(e) >= 0;
    }

    double score(Evidence e) {
        double[] f = e.features();
        double s = bias;
        for (int i = 0; i < f.length; i++) {
            s += weights[i] * f[i];
        }
        return s;
    }

    /**
     * Fits on answerable ({@code covered}) and unanswerable evidence, each class weighing half, then moves the
     * threshold to where the training corpora come closest to both goals (answer 95% of answerable questions,
     * refuse 90% of the others): a wrong refusal and a confident wrong answer do not cost the same.
     */
    public static RefusalModel fit(List<Evidence> covered, List<Evidence> notCovered) {
        RefusalModel raw = logistic(covered, notCovered);
        if (covered.isEmpty() || notCovered.isEmpty()) {
            return raw;
        }
        double[] scores = java.util.stream.Stream.concat(covered.stream(), notCovered.stream())
                .mapToDouble(raw::score)
                .sorted()
                .toArray();
        double best = raw.bias;
        double bestSlack = Double.NEGATIVE_INFINITY;
        for (Evidence candidate : covered) {
            // Halfway into the gap below the candidate, not on it: a question scored a hair differently (another
            // CPU, another summation order) must not flip sides.
            double shift = -cutBelow(scores, raw.score(candidate));
            RefusalModel m = new RefusalModel(raw.weights, raw.bias + shift);
            double answered = covered.stream().filter(m::covered).count() / (double) covered.size();
            double refused = notCovered.stream().filter(e -> !m.covered(e)).count() / (double) notCovered.size();
            double slack = Math.min(answered - ANSWER_GOAL, refused - REFUSE_GOAL);
            if (slack > bestSlack) {
                bestSlack = slack;
                best = m.bias;
            }
        }
        return new RefusalModel(raw.weights, best);
    }

    /** The middle of the gap between {@code score} and the next lower training score. */
    static double cutBelow(double[] sortedScores, double score) {
        int i = java.util.Arrays.binarySearch(sortedScores, score);
        int at = i >= 0 ? i : -i - 1;
        while (at > 0 && sortedScores[at - 1] >= score) {
            at--;
        }
        return at == 0 ? score - 1 : (score + sortedScores[at - 1]) / 2;
    }

    private static RefusalModel logistic(List<Evidence> covered, List<Evidence> notCovered) {
        int n = Evidence.NONE.features().length;
        double[] w = new double[n];
        double b = 0;
        for (int step = 0; step < STEPS; step++) {
            double[] gw = new double[n];
            double[] gb = {0};
            accumulate(covered, 1, 0.5 / Math.max(1, covered.size()), w, b, gw, gb);
            accumulate(notCovered, 0, 0.5 / Math.max(1, notCovered.size()), w, b, gw, gb);
            for (int i = 0; i < n; i++) {
                w[i] -= RATE * gw[i];
            }
            b -= RATE * gb[0];
        }
        return new RefusalModel(w, b);
    }

    private static void accumulate(
            List<Evidence> set, int label, double weight, double[] w, double b, double[] gw, double[] gb) {
        for (Evidence e : set) {
            double[] f = e.features();
            double z = b;
            for (int i = 0; i < f.length; i++) {
                z += w[i] * f[i];
            }
            double err = (1 / (1 + Math.exp(-z)) - label) * weight;
            for (int i = 0; i < f.length; i++) {
                gw[i] += err * f[i];
            }
            gb[0] += err;
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("weights=[");
        for (int i = 0; i < weights.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%.3f", weights[i]));
        }
        return sb.append("] bias=")
                .append(String.format(java.util.Locale.ROOT, "%.3f", bias))
                .toString();
    }
}
