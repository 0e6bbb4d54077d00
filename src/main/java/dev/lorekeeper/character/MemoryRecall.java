package dev.lorekeeper.character;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Picks the memories that go into a prompt, as in Generative Agents (Park et al., 2023): each memory scores the sum
 * of its recency (decaying by 0.995 per hour), importance (1–10) and relevance to the query (cosine of word counts),
 * each scaled to 0–1 over the candidates. The best are taken until the memory token budget is spent, then put back
 * in the order they happened.
 */
public final class MemoryRecall {
    static final double DECAY_PER_HOUR = 0.995;

    private final int tokenBudget;

    public MemoryRecall(int tokenBudget) {
        this.tokenBudget = tokenBudget;
    }

    public List<Memory> recall(List<Memory> candidates, String query, Instant now) {
        if (candidates.isEmpty()) {
            return List.of();
        }
        Map<String, Integer> q = words(query);
        double[] recency = new double[candidates.size()];
        double[] importance = new double[candidates.size()];
        double[] relevance = new double[candidates.size()];
        for (int i = 0; i < candidates.size(); i++) {
            Memory m = candidates.get(i);
            double hours = Math.max(0, Duration.between(m.createdAt(), now).toMinutes() / 60.0);
            recency[i] = Math.pow(DECAY_PER_HOUR, hours);
            importance[i] = m.importance();
            relevance[i] = cosine(q, words(m.text()));
        }
        normalize(recency);
        normalize(importance);
        normalize(relevance);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> -(recency[i] + importance[i] + relevance[i]))
                .thenComparing(i -> -candidates.get(i).id()));
        List<Memory> chosen = new ArrayList<>();
        int used = 0;
        for (int i : order) {
            int cost = tokens(candidates.get(i).text());
            if (used + cost > tokenBudget) {
                continue;
            }
            used += cost;
            chosen.add(candidates.get(i));
        }
        chosen.sort(Comparator.comparingLong(Memory::id));
        return chosen;
    }

    /** The chosen memories as prompt lines. */
    public static String lines(List<Memory> memories) {
        StringBuilder sb = new StringBuilder();
        memories.forEach(m -> sb.append("- ").append(m.text()).append('\n'));
        return sb.toString().strip();
    }

    /** A rough token count (about four characters per token, plus the line's bullet). */
    static int tokens(String text) {
        return text.length() / 4 + 2;
    }

    private static void normalize(double[] v) {
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (double d : v) {
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        for (int i = 0; i < v.length; i++) {
            v[i] = max - min < 1e-9 ? 0.5 : (v[i] - min) / (max - min);
        }
    }

    static Map<String, Integer> words(String text) {
        Map<String, Integer> out = new HashMap<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (w.length() >= 3) {
                out.merge(w, 1, Integer::sum);
            }
        }
        return out;
    }

    private static double cosine(Map<String, Integer> a, Map<String, Integer> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        double dot = 0;
        for (Map.Entry<String, Integer> e : a.entrySet()) {
            dot += e.getValue() * b.getOrDefault(e.getKey(), 0);
        }
        return dot / (norm(a) * norm(b));
    }

    private static double norm(Map<String, Integer> v) {
        return Math.sqrt(v.values().stream().mapToDouble(x -> x * x).sum());
    }
}
