package dev.lorekeeper.knowledge;

import dev.lorekeeper.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Q&A threads and their turns, so that a follow-up is understood in context (even after a restart). */
public final class Conversations {
    private static final int HISTORY = 6;

    private final Database db;

    public Conversations(Database db) {
        this.db = db;
    }

    /** One question and its answer in a thread. */
    public record Turn(String question, String answer) {
    }

    public void open(long threadId, long guildId, String question, String answer) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO ask_thread (thread_id, guild_id, created_at) VALUES (?, ?, ?)")) {
                ps.setLong(1, threadId);
                ps.setLong(2, guildId);
                ps.setTimestamp(3, Timestamp.from(Instant.now()));
                ps.executeUpdate();
            }
            insertTurn(c, threadId, 0, question, answer);
            return null;
        });
    }

    public boolean isThread(long threadId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM ask_thread WHERE thread_id = ?")) {
                ps.setLong(1, threadId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** The last turns, oldest first. */
    public List<Turn> history(long threadId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT question, answer FROM ask_turn WHERE thread_id = ? "
                    + "ORDER BY seq DESC")) {
                ps.setLong(1, threadId);
                ps.setMaxRows(HISTORY);
                List<Turn> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(0, new Turn(rs.getString(1), rs.getString(2)));
                    }
                }
                return out;
            }
        });
    }

    public void append(long threadId, String question, String answer) {
        db.inTransaction(c -> {
            int seq;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COALESCE(MAX(seq), -1) + 1 FROM ask_turn WHERE thread_id = ?")) {
                ps.setLong(1, threadId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    seq = rs.getInt(1);
                }
            }
            insertTurn(c, threadId, seq, question, answer);
            return null;
        });
    }

    private static void insertTurn(java.sql.Connection c, long threadId, int seq, String q, String a)
            throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO ask_turn (thread_id, seq, question, answer) VALUES (?, ?, ?, ?)")) {
            ps.setLong(1, threadId);
            ps.setInt(2, seq);
            ps.setString(3, q.length() > 2000 ? q.substring(0, 2000) : q);
            ps.setString(4, a.length() > 4000 ? a.substring(0, 4000) : a);
            ps.executeUpdate();
        }
    }
}
