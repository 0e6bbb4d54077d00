package dev.lorekeeper.character;

import dev.lorekeeper.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The episodic log of each character. */
public final class MemoryStore {
    /** Recall looks at this many recent memories; older ones live on through the rolling summary. */
    static final int RECALL_WINDOW = 300;

    private final Database db;

    public MemoryStore(Database db) {
        this.db = db;
    }

    static void append(Connection c, long characterId, String kind, String text, int importance, Instant at)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO character_memory (character_id, kind, text, "
                + "importance, created_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setLong(1, characterId);
            ps.setString(2, kind);
            ps.setString(3, OfflineNarrator.truncate(text, 1000));
            ps.setInt(4, Math.max(1, Math.min(10, importance)));
            ps.setTimestamp(5, Timestamp.from(at));
            ps.executeUpdate();
        }
    }

    /** The newest {@code limit} memories, oldest first. */
    public List<Memory> recent(long characterId, int limit) {
        return db.withConnection(c -> {
            List<Memory> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, kind, text, importance, created_at FROM "
                    + "character_memory WHERE character_id = ? ORDER BY id DESC FETCH FIRST " + limit
                    + " ROWS ONLY")) {
                ps.setLong(1, characterId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(0, new Memory(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                                rs.getTimestamp(5).toInstant()));
                    }
                }
            }
            return out;
        });
    }

    /** The memories recall may choose from. */
    public List<Memory> window(long characterId) {
        return recent(characterId, RECALL_WINDOW);
    }
}
