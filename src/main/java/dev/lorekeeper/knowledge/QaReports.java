package dev.lorekeeper.knowledge;

import dev.lorekeeper.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What moderators learn from the questions: gaps in the docs, and how Q&A is doing. */
public final class QaReports {
    static final double SAME_QUESTION = 0.5;

    private final Database db;

    public QaReports(Database db) {
        this.db = db;
    }

    /** Similar questions grouped: how often asked, and one example. */
    public record Gap(String example, int count, int downvotes) {
    }

    /** One day of Q&A. */
    public record Day(LocalDate day, int questions, int answered) {
    }

    /** Totals over a period. */
    public record Stats(List<Day> days, int questions, int answered, int helpful, int notHelpful) {
        public double answeredShare() {
            return questions == 0 ? 0 : answered / (double) questions;
        }
    }

    /** Unanswered or downvoted questions of the last {@code days}, grouped by similar wording, most frequent first. */
    public List<Gap> gaps(long guildId, int days) {
        record Row(String question, String normalized, boolean downvoted) {
        }
        List<Row> rows = db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT q.question, q.normalized, "
                    + "EXISTS (SELECT 1 FROM ask_feedback f WHERE f.question_id = q.id AND f.helpful = FALSE) "
                    + "FROM ask_question q WHERE q.guild_id = ? AND q.created_at >= ? AND (q.grounded = FALSE OR "
                    + "EXISTS (SELECT 1 FROM ask_feedback f WHERE f.question_id = q.id AND f.helpful = FALSE)) "
                    + "ORDER BY q.id")) {
                ps.setLong(1, guildId);
                ps.setTimestamp(2, Timestamp.from(Instant.now().minus(days, ChronoUnit.DAYS)));
                List<Row> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Row(rs.getString(1), rs.getString(2), rs.getBoolean(3)));
                    }
                }
                return out;
            }
        });
        List<Set<String>> groupWords = new ArrayList<>();
        List<int[]> counts = new ArrayList<>();
        List<String> examples = new ArrayList<>();
        for (Row r : rows) {
            Set<String> words = Terms.of(QueryNormalizer.normalize(r.question()));
            int match = -1;
            for (int g = 0; g < groupWords.size() && match < 0; g++) {
                if (jaccard(words, groupWords.get(g)) >= SAME_QUESTION) {
                    match = g;
                }
            }
            if (match < 0) {
                groupWords.add(words);
                counts.add(new int[2]);
                examples.add(r.question());
                match = groupWords.size() - 1;
            }
            counts.get(match)[0]++;
            counts.get(match)[1] += r.downvoted() ? 1 : 0;
        }
        List<Gap> out = new ArrayList<>();
        for (int g = 0; g < examples.size(); g++) {
            out.add(new Gap(examples.get(g), counts.get(g)[0], counts.get(g)[1]));
        }
        out.sort((a, b) -> Integer.compare(b.count(), a.count()));
        return out;
    }

    public Stats stats(long guildId, int days) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Map<LocalDate, int[]> perDay = new LinkedHashMap<>();
        for (int i = days - 1; i >= 0; i--) {
            perDay.put(today.minusDays(i), new int[2]);
        }
        Instant since = today.minusDays(days - 1L).atStartOfDay().toInstant(ZoneOffset.UTC);
        int[] feedback = new int[2];
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT created_at, grounded FROM ask_question WHERE guild_id = ? AND created_at >= ?")) {
                ps.setLong(1, guildId);
                ps.setTimestamp(2, Timestamp.from(since));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int[] d = perDay.get(rs.getTimestamp(1).toInstant().atZone(ZoneOffset.UTC).toLocalDate());
                        if (d != null) {
                            d[0]++;
                            d[1] += rs.getBoolean(2) ? 1 : 0;
                        }
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT f.helpful, COUNT(*) FROM ask_feedback f JOIN "
                    + "ask_question q ON q.id = f.question_id WHERE q.guild_id = ? AND q.created_at >= ? "
                    + "GROUP BY f.helpful")) {
                ps.setLong(1, guildId);
                ps.setTimestamp(2, Timestamp.from(since));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        feedback[rs.getBoolean(1) ? 0 : 1] = rs.getInt(2);
                    }
                }
            }
            return null;
        });
        List<Day> list = new ArrayList<>();
        int q = 0;
        int a = 0;
        for (Map.Entry<LocalDate, int[]> e : perDay.entrySet()) {
            list.add(new Day(e.getKey(), e.getValue()[0], e.getValue()[1]));
            q += e.getValue()[0];
            a += e.getValue()[1];
        }
        return new Stats(list, q, a, feedback[0], feedback[1]);
    }

    private static double jaccard(Set<String> a, Set<String> b) {
        Set<String> inter = new HashSet<>(a);
        inter.retainAll(b);
        Set<String> union = new HashSet<>(a);
        union.addAll(b);
        return union.isEmpty() ? 0 : inter.size() / (double) union.size();
    }
}
