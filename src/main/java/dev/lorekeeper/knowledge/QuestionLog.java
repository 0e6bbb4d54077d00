package dev.lorekeeper.knowledge;

import dev.lorekeeper.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** Questions and the feedback on their answers. */
public final class QuestionLog {
    private final Database db;
    private final String vote;

    public QuestionLog(Database db) {
        this.db = db;
        this.vote = db.dialect().upsert("ask_feedback", List.of("question_id", "member_id"),
                List.of("question_id", "member_id", "helpful", "created_at"));
    }

    public long record(long guildId, long channelId, long memberId, String question, String normalized,
            Answer answer) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO ask_question (guild_id, channel_id, member_id, "
                    + "question, normalized, grounded, mode, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, guildId);
                ps.setLong(2, channelId);
                ps.setLong(3, memberId);
                ps.setString(4, cut(question));
                ps.setString(5, cut(normalized));
                ps.setBoolean(6, answer.grounded());
                ps.setString(7, answer.mode().name());
                ps.setTimestamp(8, Timestamp.from(Instant.now()));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    /** Records a vote; false when the question is unknown. */
    public boolean feedback(long questionId, long memberId, boolean helpful) {
        return db.withConnection(c -> {
            try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM ask_question WHERE id = ?")) {
                exists.setLong(1, questionId);
                try (ResultSet rs = exists.executeQuery()) {
                    if (!rs.next()) {
                        return false;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(vote)) {
                ps.setLong(1, questionId);
                ps.setLong(2, memberId);
                ps.setBoolean(3, helpful);
                ps.setTimestamp(4, Timestamp.from(Instant.now()));
                ps.executeUpdate();
            }
            return true;
        });
    }

    private static String cut(String s) {
        return s.length() > 2000 ? s.substring(0, 2000) : s;
    }
}
