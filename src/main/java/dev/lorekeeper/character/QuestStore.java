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
import java.util.Optional;

/** Quests and the steps taken in them. */
public final class QuestStore {
    private static final String COLUMNS = "id, character_id, guild_id, member_id, plan, step, status, source, "
            + "xp_gained, started_at";

    private final Database db;

    public QuestStore(Database db) {
        this.db = db;
    }

    static long insert(Connection c, long characterId, long guildId, long memberId, QuestPlan plan, boolean byModel,
            Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO quest (character_id, guild_id, member_id, title, "
                + "hook, plan, step, status, source, started_at) VALUES (?, ?, ?, ?, ?, ?, 0, 'ACTIVE', ?, ?)",
                new String[] {"id"})) {
            ps.setLong(1, characterId);
            ps.setLong(2, guildId);
            ps.setLong(3, memberId);
            ps.setString(4, plan.title());
            ps.setString(5, plan.hook());
            ps.setString(6, CharacterStore.json(plan));
            ps.setString(7, byModel ? "llm" : "offline");
            ps.setTimestamp(8, Timestamp.from(now));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    public Optional<Quest> byId(long id) {
        return db.withConnection(c -> byId(c, id));
    }

    static Optional<Quest> byId(Connection c, long id) throws SQLException {
        List<Quest> found = query(c, "WHERE id = ?", id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** The character's latest quests, newest first. */
    public List<Quest> latest(long characterId, int limit) {
        return db.withConnection(c -> query(c, "WHERE character_id = ? ORDER BY id DESC FETCH FIRST " + limit
                + " ROWS ONLY", characterId));
    }

    /** When this member last started a quest in this server (for the cooldown). */
    public Optional<Instant> lastStart(long guildId, long memberId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT MAX(started_at) FROM quest WHERE guild_id = ? AND member_id = ?")) {
                ps.setLong(1, guildId);
                ps.setLong(2, memberId);
                try (ResultSet rs = ps.executeQuery()) {
                    Timestamp t = rs.next() ? rs.getTimestamp(1) : null;
                    return Optional.ofNullable(t).map(Timestamp::toInstant);
                }
            }
        });
    }

    public int count(long characterId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM quest WHERE character_id = ?")) {
                ps.setLong(1, characterId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /** Records a step as taken; false when it was already taken (a double click, or a stale button). */
    static boolean takeStep(Connection c, Quest q, int step, int choice, long memberId, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE quest SET step = step + 1 WHERE id = ? AND step = ? "
                + "AND status = 'ACTIVE' AND member_id = ?")) {
            ps.setLong(1, q.id());
            ps.setInt(2, step);
            ps.setLong(3, memberId);
            if (ps.executeUpdate() != 1) {
                return false;
            }
        }
        // The primary key (quest, step) is the second guard: a racing duplicate fails here and rolls back.
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO quest_choice (quest_id, step, choice, member_id, "
                + "created_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setLong(1, q.id());
            ps.setInt(2, step);
            ps.setInt(3, choice);
            ps.setLong(4, memberId);
            ps.setTimestamp(5, Timestamp.from(now));
            ps.executeUpdate();
        }
        return true;
    }

    static void addXp(Connection c, long questId, int xp) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE quest SET xp_gained = xp_gained + ? WHERE id = ?")) {
            ps.setInt(1, xp);
            ps.setLong(2, questId);
            ps.executeUpdate();
        }
    }

    static boolean end(Connection c, long questId, Quest.Status status, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE quest SET status = ?, ended_at = ? WHERE id = ? AND status = 'ACTIVE'")) {
            ps.setString(1, status.name());
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setLong(3, questId);
            return ps.executeUpdate() == 1;
        }
    }

    /** Hands an active quest to the token's new holder. */
    public void reassign(long questId, long memberId) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE quest SET member_id = ? WHERE id = ? AND status = 'ACTIVE'")) {
                ps.setLong(1, memberId);
                ps.setLong(2, questId);
                return ps.executeUpdate();
            }
        });
    }

    private static List<Quest> query(Connection c, String tail, Object... args) throws SQLException {
        List<Quest> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM quest " + tail)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Quest(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                            CharacterStore.read(rs.getString(5), QuestPlan.class), rs.getInt(6),
                            Quest.Status.valueOf(rs.getString(7)), "llm".equals(rs.getString(8)), rs.getInt(9),
                            rs.getTimestamp(10).toInstant()));
                }
            }
        }
        return out;
    }
}
