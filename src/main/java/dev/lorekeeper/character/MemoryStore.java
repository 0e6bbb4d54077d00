package dev.lorekeeper.character;

import dev.lorekeeper.store.Database;
import dev.lorekeeper.store.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The episodic log of each character. Every memory keeps the server and member it was made with: a server recalls
 * only its own, and what a member said to the character ({@link #TALK}) stays theirs, out of summaries and exports.
 */
public final class MemoryStore {
    /** Recall looks at this many recent memories; older ones live on through the rolling summary. */
    static final int RECALL_WINDOW = 300;
    /** A member's own words and the character's answer: private to that member in that server. */
    static final String TALK = "talk";

    private static final String COLUMNS = "SELECT id, kind, text, importance, created_at FROM character_memory ";

    private final Database db;
    private final Clock clock;

    public MemoryStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Adds a memory in the caller's transaction. */
    void append(Connection c, long characterId, long guildId, long memberId, String kind, String text, int importance)
            throws SQLException {
        Jdbc.update(
                c,
                "INSERT INTO character_memory (character_id, guild_id, member_id, kind, text, importance, "
                        + "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                characterId,
                guildId,
                memberId,
                kind,
                OfflineNarrator.truncate(text, 1000),
                Math.max(1, Math.min(10, importance)),
                clock.instant());
    }

    /** The newest {@code limit} memories of every kind, from every server, oldest first. */
    List<Memory> recent(long characterId, int limit) {
        return newest("WHERE character_id = ?", limit, characterId);
    }

    /** The newest {@code limit} events (quests, choices, new keepers), from every server: no one's talk. */
    public List<Memory> events(long characterId, int limit) {
        return newest("WHERE character_id = ? AND kind <> '" + TALK + "'", limit, characterId);
    }

    /** The memories recall may choose from in a server: its events, and this member's own talk there. */
    public List<Memory> window(long characterId, long guildId, long memberId) {
        return newest(
                "WHERE character_id = ? AND guild_id = ? AND (kind <> '" + TALK + "' OR member_id = ?)",
                RECALL_WINDOW,
                characterId,
                guildId,
                memberId);
    }

    private List<Memory> newest(String where, int limit, Object... args) {
        List<Memory> newestFirst = db.withConnection(c -> Jdbc.list(
                c,
                COLUMNS + where + " ORDER BY id DESC " + "FETCH FIRST " + limit + " ROWS ONLY",
                rs -> new Memory(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), Jdbc.instant(rs, 5)),
                args));
        List<Memory> out = new ArrayList<>(newestFirst);
        Collections.reverse(out);
        return out;
    }
}
