package dev.lorekeeper.character;

import dev.lorekeeper.store.Database;
import dev.lorekeeper.store.Jdbc;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Quests and the steps taken in them. */
public final class QuestStore {
    private static final String SELECT = "SELECT id, character_id, guild_id, member_id, plan, step, status, source, "
            + "xp_gained, started_at FROM quest ";

    private final Database db;
    private final Clock clock;

    public QuestStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Starts a quest in the caller's transaction; returns its id. */
    long insert(Connection c, long characterId, long guildId, long memberId, QuestPlan plan, boolean byModel)
            throws SQLException {
        return Jdbc.insert(
                c,
                "INSERT INTO quest (character_id, guild_id, member_id, started_by, title, hook, plan, "
                        + "step, status, source, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 'ACTIVE', ?, ?)",
                characterId,
                guildId,
                memberId,
                memberId,
                plan.title(),
                plan.hook(),
                CharacterStore.json(plan),
                byModel ? "llm" : "offline",
                clock.instant());
    }

    public Optional<Quest> byId(long id) {
        return db.withConnection(c -> Jdbc.first(c, SELECT + "WHERE id = ?", QuestStore::quest, id));
    }

    /** The character's latest quests, newest first. */
    public List<Quest> latest(long characterId, int limit) {
        return db.withConnection(c -> Jdbc.list(
                c,
                SELECT + "WHERE character_id = ? ORDER BY id DESC FETCH FIRST " + limit + " ROWS ONLY",
                QuestStore::quest,
                characterId));
    }

    /** When this member last started a quest in this server (for the cooldown; taking one over does not count). */
    public Optional<Instant> lastStart(long guildId, long memberId) {
        return db.withConnection(c -> Jdbc.first(
                c,
                "SELECT MAX(started_at) FROM quest WHERE guild_id = ? " + "AND started_by = ?",
                rs -> Jdbc.instant(rs, 1),
                guildId,
                memberId));
    }

    public int count(long characterId) {
        return db.withConnection(
                c -> Jdbc.first(c, "SELECT COUNT(*) FROM quest WHERE character_id = ?", rs -> rs.getInt(1), characterId)
                        .orElse(0));
    }

    /** Records a step as taken; false when it was already taken (a double click, or a stale button). */
    boolean takeStep(Connection c, Quest q, int step, int choice, long memberId) throws SQLException {
        if (Jdbc.update(
                        c,
                        "UPDATE quest SET step = step + 1 WHERE id = ? AND step = ? AND status = 'ACTIVE' "
                                + "AND member_id = ?",
                        q.id(),
                        step,
                        memberId)
                != 1) {
            return false;
        }
        // The primary key (quest, step) is the second guard: a racing duplicate fails here and rolls back.
        Jdbc.update(
                c,
                "INSERT INTO quest_choice (quest_id, step, choice, member_id, created_at) VALUES (?, ?, ?, ?, ?)",
                q.id(),
                step,
                choice,
                memberId,
                clock.instant());
        return true;
    }

    void addXp(Connection c, long questId, int xp) throws SQLException {
        Jdbc.update(c, "UPDATE quest SET xp_gained = xp_gained + ? WHERE id = ?", xp, questId);
    }

    boolean end(Connection c, long questId, Quest.Status status) throws SQLException {
        return Jdbc.update(
                        c,
                        "UPDATE quest SET status = ?, ended_at = ? WHERE id = ? AND status = 'ACTIVE'",
                        status.name(),
                        clock.instant(),
                        questId)
                == 1;
    }

    /** Hands an active quest to the token's new holder. */
    public void reassign(long questId, long memberId) {
        db.withConnection(c ->
                Jdbc.update(c, "UPDATE quest SET member_id = ? WHERE id = ? AND status = 'ACTIVE'", memberId, questId));
    }

    private static Quest quest(ResultSet rs) throws SQLException {
        return new Quest(
                rs.getLong(1),
                rs.getLong(2),
                rs.getLong(3),
                rs.getLong(4),
                CharacterStore.read(rs.getString(5), QuestPlan.class),
                rs.getInt(6),
                Quest.Status.valueOf(rs.getString(7)),
                "llm".equals(rs.getString(8)),
                rs.getInt(9),
                Jdbc.instant(rs, 10));
    }
}
