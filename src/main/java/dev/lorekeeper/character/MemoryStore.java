package dev.lorekeeper.character;

import dev.lorekeeper.store.Database;
import dev.lorekeeper.store.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
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
        Jdbc.update(c, "INSERT INTO character_memory (character_id, kind, text, importance, created_at) "
                + "VALUES (?, ?, ?, ?, ?)", characterId, kind, OfflineNarrator.truncate(text, 1000),
                Math.max(1, Math.min(10, importance)), at);
    }

    /** The newest {@code limit} memories, oldest first. */
    public List<Memory> recent(long characterId, int limit) {
        List<Memory> newestFirst = db.withConnection(c -> Jdbc.list(c, "SELECT id, kind, text, importance, "
                + "created_at FROM character_memory WHERE character_id = ? ORDER BY id DESC FETCH FIRST " + limit
                + " ROWS ONLY", rs -> new Memory(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                rs.getTimestamp(5).toInstant()), characterId));
        List<Memory> out = new ArrayList<>(newestFirst);
        Collections.reverse(out);
        return out;
    }

    /** The memories recall may choose from. */
    public List<Memory> window(long characterId) {
        return recent(characterId, RECALL_WINDOW);
    }
}
