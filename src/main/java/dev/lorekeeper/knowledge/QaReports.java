package dev.lorekeeper.knowledge;

import dev.lorekeeper.store.Database;
import dev.lorekeeper.store.Jdbc;
import java.time.Clock;
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
    private final Clock clock;

    public QaReports(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Similar questions grouped: how often asked, and one example. */
    public record Gap(String example, int count, int downvotes) {}

    /** One day of Q&A. */
    public record Day(LocalDate day, int questions, int answered) {}

    /** Totals over a period. */
    public record Stats(List<Day> days, int questions, int answered, int helpful, int notHelpful) {
        public double answeredShare() {
            return questions == 0 ? 0 : answered / (double) questions;
        }
    }

    /** Unanswered or downvoted questions of the last {@code days}, grouped by similar wording, most frequent first. */
    public List<Gap> gaps(long guildId, int days) {
        record Row(String question, String normalized, boolean downvoted) {}
        Instant since = clock.instant().minus(days, ChronoUnit.DAYS);
        List<Row> rows = db.withConnection(c -> Jdbc.list(
                c,
                "SELECT q.question, q.normalized, "
                        + "EXISTS (SELECT 1 FROM ask_feedback f WHERE f.question_id = q.id AND f.helpful = FALSE) "
                        + "FROM ask_question q WHERE q.guild_id = ? AND q.created_at >= ? AND (q.grounded = FALSE OR "
                        + "EXISTS (SELECT 1 FROM ask_feedback f WHERE f.question_id = q.id AND f.helpful = FALSE)) "
                        + "ORDER BY q.id",
                rs -> new Row(rs.getString(1), rs.getString(2), rs.getBoolean(3)),
                guildId,
                since));
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

    /** A recent question with whether it was answered from the docs and its votes. */
    public record Recent(String question, boolean grounded, int helpful, int notHelpful, Instant at) {}

    public List<Recent> recent(long guildId, int limit) {
        return db.withConnection(c -> Jdbc.list(
                c,
                "SELECT q.question, q.grounded, "
                        + "(SELECT COUNT(*) FROM ask_feedback f WHERE f.question_id = q.id AND f.helpful = TRUE), "
                        + "(SELECT COUNT(*) FROM ask_feedback f WHERE f.question_id = q.id AND f.helpful = FALSE), "
                        + "q.created_at FROM ask_question q WHERE q.guild_id = ? ORDER BY q.id DESC LIMIT ?",
                rs -> new Recent(rs.getString(1), rs.getBoolean(2), rs.getInt(3), rs.getInt(4), Jdbc.instant(rs, 5)),
                guildId,
                limit));
    }

    public Stats stats(long guildId, int days) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        Map<LocalDate, int[]> perDay = new LinkedHashMap<>();
        for (int i = days - 1; i >= 0; i--) {
            perDay.put(today.minusDays(i), new int[2]);
        }
        Instant since = today.minusDays(days - 1L).atStartOfDay().toInstant(ZoneOffset.UTC);
        Period period = db.withConnection(c -> new Period(
                Jdbc.list(
                        c,
                        "SELECT created_at, grounded FROM ask_question WHERE guild_id = ? AND created_at >= ?",
                        rs -> new Asked(Jdbc.instant(rs, 1), rs.getBoolean(2)),
                        guildId,
                        since),
                Jdbc.list(
                        c,
                        "SELECT f.helpful, COUNT(*) FROM ask_feedback f JOIN ask_question q "
                                + "ON q.id = f.question_id WHERE q.guild_id = ? AND q.created_at >= ? GROUP BY f.helpful",
                        rs -> new Votes(rs.getBoolean(1), rs.getInt(2)),
                        guildId,
                        since)));
        for (Asked asked : period.asked()) {
            int[] d = perDay.get(asked.at().atZone(ZoneOffset.UTC).toLocalDate());
            if (d != null) {
                d[0]++;
                d[1] += asked.grounded() ? 1 : 0;
            }
        }
        int[] feedback = new int[2];
        period.votes().forEach(v -> feedback[v.helpful() ? 0 : 1] = v.count());
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

    private record Asked(Instant at, boolean grounded) {}

    private record Votes(boolean helpful, int count) {}

    private record Period(List<Asked> asked, List<Votes> votes) {}

    private static double jaccard(Set<String> a, Set<String> b) {
        Set<String> inter = new HashSet<>(a);
        inter.retainAll(b);
        Set<String> union = new HashSet<>(a);
        union.addAll(b);
        return union.isEmpty() ? 0 : inter.size() / (double) union.size();
    }
}
