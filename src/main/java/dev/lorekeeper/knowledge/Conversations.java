package dev.lorekeeper.knowledge;

import dev.lorekeeper.store.Database;
import dev.lorekeeper.store.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Q&A threads and their turns, so that a follow-up is understood in context (even after a restart). */
public final class Conversations {
    private static final int HISTORY = 6;

    private final Database db;
    private final Clock clock;

    public Conversations(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** One question and its answer in a thread. */
    public record Turn(String question, String answer) {}

    public void open(long threadId, long guildId, String question, String answer) {
        db.inTransaction(c -> {
            Jdbc.update(
                    c,
                    "INSERT INTO ask_thread (thread_id, guild_id, created_at) VALUES (?, ?, ?)",
                    threadId,
                    guildId,
                    clock.instant());
            insertTurn(c, threadId, 0, question, answer);
            return null;
        });
    }

    public boolean isThread(long threadId) {
        return db.withConnection(
                        c -> Jdbc.first(c, "SELECT 1 FROM ask_thread WHERE thread_id = ?", rs -> true, threadId))
                .isPresent();
    }

    /** The last turns, oldest first. */
    public List<Turn> history(long threadId) {
        List<Turn> newestFirst = db.withConnection(c -> Jdbc.list(
                c,
                "SELECT question, answer FROM ask_turn " + "WHERE thread_id = ? ORDER BY seq DESC FETCH FIRST "
                        + HISTORY + " ROWS ONLY",
                rs -> new Turn(rs.getString(1), rs.getString(2)),
                threadId));
        List<Turn> out = new ArrayList<>(newestFirst);
        Collections.reverse(out);
        return out;
    }

    public void append(long threadId, String question, String answer) {
        db.inTransaction(c -> {
            int seq = Jdbc.first(
                            c,
                            "SELECT COALESCE(MAX(seq), -1) + 1 FROM ask_turn WHERE thread_id = ?",
                            rs -> rs.getInt(1),
                            threadId)
                    .orElseThrow();
            insertTurn(c, threadId, seq, question, answer);
            return null;
        });
    }

    private static void insertTurn(Connection c, long threadId, int seq, String q, String a) throws SQLException {
        Jdbc.update(
                c,
                "INSERT INTO ask_turn (thread_id, seq, question, answer) VALUES (?, ?, ?, ?)",
                threadId,
                seq,
                q.length() > 2000 ? q.substring(0, 2000) : q,
                a.length() > 4000 ? a.substring(0, 4000) : a);
    }
}
