package dev.lorekeeper.knowledge;

import dev.lorekeeper.store.Database;
import dev.lorekeeper.store.Jdbc;
import java.time.Clock;
import java.util.List;

/** Questions and the feedback on their answers. */
public final class QuestionLog {
    private final Database db;
    private final Clock clock;
    private final String vote;

    public QuestionLog(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.vote = db.dialect()
                .upsert(
                        "ask_feedback",
                        List.of("question_id", "member_id"),
                        List.of("question_id", "member_id", "helpful", "created_at"));
    }

    public long record(long guildId, long channelId, long memberId, String question, String normalized, Answer answer) {
        return db.withConnection(c -> Jdbc.insert(
                c,
                "INSERT INTO ask_question (guild_id, channel_id, member_id, "
                        + "question, normalized, grounded, mode, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                guildId,
                channelId,
                memberId,
                cut(question),
                cut(normalized),
                answer.grounded(),
                answer.mode().name(),
                clock.instant()));
    }

    /** Records a vote; false when the question is unknown. */
    public boolean feedback(long questionId, long memberId, boolean helpful) {
        return db.withConnection(c -> {
            if (Jdbc.first(c, "SELECT 1 FROM ask_question WHERE id = ?", rs -> true, questionId)
                    .isEmpty()) {
                return false;
            }
            Jdbc.update(c, vote, questionId, memberId, helpful, clock.instant());
            return true;
        });
    }

    private static String cut(String s) {
        return s.length() > 2000 ? s.substring(0, 2000) : s;
    }
}
