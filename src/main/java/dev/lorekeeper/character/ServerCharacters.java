package dev.lorekeeper.character;

import dev.lorekeeper.store.Database;
import dev.lorekeeper.store.Jdbc;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

/** The characters played in one server, for the dashboard: level, quests there, and when they last did something. */
public final class ServerCharacters {
    static final int MAX = 200;

    private final Database db;

    public ServerCharacters(Database db) {
        this.db = db;
    }

    /** {@code lastActivity} is null when the character has no memory in this server yet. */
    public record Row(long id, TokenRef token, String name, int level, int xp, int questsHere, Instant lastActivity) {}

    public List<Row> inGuild(long guildId) {
        return db.withConnection(c -> Jdbc.list(
                c,
                "SELECT c.id, c.chain, c.contract, c.token_id, c.name, c.xp, "
                        + "(SELECT COUNT(*) FROM quest q WHERE q.character_id = c.id AND q.guild_id = ?), "
                        + "(SELECT MAX(m.created_at) FROM character_memory m "
                        + "WHERE m.character_id = c.id AND m.guild_id = ?) AS last_activity "
                        + "FROM nft_character c WHERE c.id IN (SELECT character_id FROM character_pick "
                        + "WHERE guild_id = ? UNION SELECT character_id FROM quest WHERE guild_id = ?) "
                        + "ORDER BY last_activity DESC NULLS LAST, c.id LIMIT " + MAX,
                rs -> new Row(
                        rs.getLong(1),
                        new TokenRef(rs.getString(2), rs.getString(3), new BigInteger(rs.getString(4))),
                        rs.getString(5),
                        Levels.level(rs.getInt(6)),
                        rs.getInt(6),
                        rs.getInt(7),
                        Jdbc.instant(rs, 8)),
                guildId,
                guildId,
                guildId,
                guildId));
    }
}
