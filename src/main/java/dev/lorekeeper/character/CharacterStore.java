package dev.lorekeeper.character;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.lorekeeper.store.Database;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Characters, keyed by token, and which character each member plays in each server. */
public final class CharacterStore {
    private static final String COLUMNS = "id, chain, contract, token_id, name, image_url, persona, persona_version, "
            + "xp, inventory, summary, quests_completed, active_quest_id";

    private final Database db;
    private final Clock clock;

    public CharacterStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    dev.lorekeeper.store.Database database() {
        return db;
    }

    public Optional<GameCharacter> find(TokenRef token) {
        return db.withConnection(c -> one(c, "chain = ? AND contract = ? AND token_id = ?", token.chain(),
                token.contract(), token.tokenId().toString()));
    }

    public Optional<GameCharacter> byId(long id) {
        return db.withConnection(c -> byId(c, id));
    }

    Optional<GameCharacter> byId(Connection c, long id) throws SQLException {
        return one(c, "id = ?", id);
    }

    /** The hash of the metadata the current persona was built from. */
    public Optional<String> metadataHash(long id) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT metadata_hash FROM nft_character WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    /** Creates the character, or returns the one another process created a moment before. */
    public GameCharacter create(TokenRef token, String imageUrl, Persona persona, String metadataHash) {
        try {
            db.withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO nft_character (chain, contract, token_id, "
                        + "name, image_url, persona, persona_version, metadata_hash, inventory, summary, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, 1, ?, '[]', '', ?)")) {
                    ps.setString(1, token.chain());
                    ps.setString(2, token.contract());
                    ps.setString(3, token.tokenId().toString());
                    ps.setString(4, OfflineNarrator.truncate(persona.name(), 200));
                    ps.setString(5, imageUrl);
                    ps.setString(6, json(persona));
                    ps.setString(7, metadataHash);
                    ps.setTimestamp(8, Timestamp.from(clock.instant()));
                    return ps.executeUpdate();
                }
            });
        } catch (RuntimeException e) {
            if (find(token).isEmpty()) {
                throw e;
            }
        }
        return find(token).orElseThrow();
    }

    /** A new persona version, after the token's metadata changed. */
    public void updatePersona(long id, String imageUrl, Persona persona, String metadataHash) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE nft_character SET name = ?, image_url = ?, "
                    + "persona = ?, persona_version = persona_version + 1, metadata_hash = ? WHERE id = ?")) {
                ps.setString(1, OfflineNarrator.truncate(persona.name(), 200));
                ps.setString(2, imageUrl);
                ps.setString(3, json(persona));
                ps.setString(4, metadataHash);
                ps.setLong(5, id);
                return ps.executeUpdate();
            }
        });
    }

    public Optional<Long> pickOf(long guildId, long memberId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT character_id FROM character_pick WHERE guild_id = ? AND member_id = ?")) {
                ps.setLong(1, guildId);
                ps.setLong(2, memberId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getLong(1)) : Optional.<Long>empty();
                }
            }
        });
    }

    /**
     * Makes this member the one who plays the character in this server. Members who played it before lose it
     * (the token changed hands); their ids are returned.
     */
    public List<Long> pick(long guildId, long memberId, long characterId) {
        return db.inTransaction(c -> {
            List<Long> previous = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT member_id FROM character_pick WHERE guild_id = ? "
                    + "AND character_id = ? AND member_id <> ?")) {
                ps.setLong(1, guildId);
                ps.setLong(2, characterId);
                ps.setLong(3, memberId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        previous.add(rs.getLong(1));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM character_pick WHERE guild_id = ? AND character_id = ? AND member_id <> ?")) {
                ps.setLong(1, guildId);
                ps.setLong(2, characterId);
                ps.setLong(3, memberId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(db.dialect().upsert("character_pick",
                    List.of("guild_id", "member_id"), List.of("guild_id", "member_id", "character_id", "picked_at")))) {
                ps.setLong(1, guildId);
                ps.setLong(2, memberId);
                ps.setLong(3, characterId);
                ps.setTimestamp(4, Timestamp.from(clock.instant()));
                ps.executeUpdate();
            }
            return previous;
        });
    }

    /** Adds XP and an item (or null) in the caller's transaction. */
    static void addProgress(Connection c, long id, int xp, String item) throws SQLException {
        List<String> inventory = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT inventory FROM nft_character WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    inventory.addAll(list(rs.getString(1)));
                }
            }
        }
        if (item != null && !inventory.contains(item)) {
            inventory.add(item);
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE nft_character SET xp = xp + ?, inventory = ? WHERE id = ?")) {
            ps.setInt(1, xp);
            ps.setString(2, json(inventory));
            ps.setLong(3, id);
            ps.executeUpdate();
        }
    }

    /** Sets the active quest only if there is none: the one-active-quest rule holds across processes. */
    static boolean claimActiveQuest(Connection c, long id, long questId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE nft_character SET active_quest_id = ? WHERE id = ? AND active_quest_id IS NULL")) {
            ps.setLong(1, questId);
            ps.setLong(2, id);
            return ps.executeUpdate() == 1;
        }
    }

    static void releaseActiveQuest(Connection c, long id, long questId, boolean completed) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE nft_character SET active_quest_id = NULL, "
                + "quests_completed = quests_completed + ? WHERE id = ? AND active_quest_id = ?")) {
            ps.setInt(1, completed ? 1 : 0);
            ps.setLong(2, id);
            ps.setLong(3, questId);
            ps.executeUpdate();
        }
    }

    /** Counts an event toward the next summary; returns how many have piled up since the last one. */
    static int countEvent(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE nft_character SET events_since_summary = events_since_summary + 1 WHERE id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT events_since_summary FROM nft_character WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    public void saveSummary(long id, String summary) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE nft_character SET summary = ?, events_since_summary = 0 WHERE id = ?")) {
                ps.setString(1, summary);
                ps.setLong(2, id);
                return ps.executeUpdate();
            }
        });
    }

    private static Optional<GameCharacter> one(Connection c, String where, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM nft_character WHERE " + where)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long active = rs.getLong(13);
                Long activeQuest = rs.wasNull() ? null : active;
                return Optional.of(new GameCharacter(rs.getLong(1), new TokenRef(rs.getString(2), rs.getString(3),
                        new BigInteger(rs.getString(4))), rs.getString(5), rs.getString(6),
                        read(rs.getString(7), Persona.class), rs.getInt(8), rs.getInt(9), list(rs.getString(10)),
                        rs.getString(11), rs.getInt(12), activeQuest));
            }
        }
    }

    static String json(Object value) {
        try {
            return QuestPlanParser.JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return QuestPlanParser.JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " is not valid JSON", e);
        }
    }

    private static List<String> list(String json) {
        try {
            return QuestPlanParser.JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored inventory is not valid JSON", e);
        }
    }
}
