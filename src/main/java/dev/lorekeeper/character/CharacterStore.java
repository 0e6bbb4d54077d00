package dev.lorekeeper.character;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.lorekeeper.store.Database;
import dev.lorekeeper.store.Jdbc;
import dev.lorekeeper.store.StoreException;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Characters, keyed by token, and which character each member plays in each server. */
public final class CharacterStore {
    private static final String SELECT = "SELECT id, chain, contract, token_id, name, image_url, persona, "
            + "persona_version, xp, inventory, summary, quests_completed, active_quest_id FROM nft_character WHERE ";

    private final Database db;
    private final Clock clock;
    private final String pickUpsert;

    public CharacterStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.pickUpsert = db.dialect()
                .upsert(
                        "character_pick",
                        List.of("guild_id", "member_id"),
                        List.of("guild_id", "member_id", "character_id", "picked_at"));
    }

    public Optional<GameCharacter> find(TokenRef token) {
        return db.withConnection(c -> Jdbc.first(
                c,
                SELECT + "chain = ? AND contract = ? AND token_id = ?",
                CharacterStore::character,
                token.chain(),
                token.contract(),
                token.tokenId().toString()));
    }

    public Optional<GameCharacter> byId(long id) {
        return db.withConnection(c -> Jdbc.first(c, SELECT + "id = ?", CharacterStore::character, id));
    }

    /** The hash of the metadata the current persona was built from. */
    public Optional<String> metadataHash(long id) {
        return db.withConnection(
                c -> Jdbc.first(c, "SELECT metadata_hash FROM nft_character WHERE id = ?", rs -> rs.getString(1), id));
    }

    /** Creates the character, or returns the one another process created a moment before. */
    public GameCharacter create(TokenRef token, String imageUrl, Persona persona, String metadataHash) {
        try {
            db.withConnection(c -> Jdbc.update(
                    c,
                    "INSERT INTO nft_character (chain, contract, token_id, name, "
                            + "image_url, persona, persona_version, metadata_hash, inventory, summary, created_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?, 1, ?, '[]', '', ?)",
                    token.chain(),
                    token.contract(),
                    token.tokenId().toString(),
                    OfflineNarrator.truncate(persona.name(), 200),
                    Jdbc.Null.orNull(storable(imageUrl), Jdbc.Null.VARCHAR),
                    json(persona),
                    metadataHash,
                    clock.instant()));
        } catch (StoreException e) {
            if (!e.isDuplicateKey()) {
                throw e;
            }
        }
        return find(token).orElseThrow();
    }

    /** An image link is kept whole or not at all: metadata may carry any length, the column holds 2000. */
    private static String storable(String imageUrl) {
        return imageUrl == null || imageUrl.length() > 2000 ? null : imageUrl;
    }

    /** A new persona version, after the token's metadata changed. */
    public void updatePersona(long id, String imageUrl, Persona persona, String metadataHash) {
        db.withConnection(c -> Jdbc.update(
                c,
                "UPDATE nft_character SET name = ?, image_url = ?, persona = ?, "
                        + "persona_version = persona_version + 1, metadata_hash = ? WHERE id = ?",
                OfflineNarrator.truncate(persona.name(), 200),
                Jdbc.Null.orNull(storable(imageUrl), Jdbc.Null.VARCHAR),
                json(persona),
                metadataHash,
                id));
    }

    public Optional<Long> pickOf(long guildId, long memberId) {
        return db.withConnection(c -> Jdbc.first(
                c,
                "SELECT character_id FROM character_pick WHERE guild_id = ? " + "AND member_id = ?",
                rs -> rs.getLong(1),
                guildId,
                memberId));
    }

    /**
     * Makes this member the character's one player. Whoever played it before (here or in another server) loses it;
     * returns whether there was such a player.
     */
    public boolean pick(long guildId, long memberId, long characterId) {
        return db.inTransaction(c -> {
            int others = Jdbc.update(
                    c,
                    "DELETE FROM character_pick WHERE character_id = ? AND NOT (guild_id = ? " + "AND member_id = ?)",
                    characterId,
                    guildId,
                    memberId);
            Jdbc.update(c, pickUpsert, guildId, memberId, characterId, clock.instant());
            return others > 0;
        });
    }

    /** Adds XP and an item (or null) in the caller's transaction. */
    void addProgress(Connection c, long id, int xp, String item) throws SQLException {
        List<String> inventory = new ArrayList<>(
                Jdbc.first(c, "SELECT inventory FROM nft_character WHERE id = ?", rs -> list(rs.getString(1)), id)
                        .orElse(List.of()));
        if (item != null && !inventory.contains(item)) {
            inventory.add(item);
        }
        Jdbc.update(c, "UPDATE nft_character SET xp = xp + ?, inventory = ? WHERE id = ?", xp, json(inventory), id);
    }

    /** Sets the active quest only if there is none: the one-active-quest rule holds across processes. */
    boolean claimActiveQuest(Connection c, long id, long questId) throws SQLException {
        return Jdbc.update(
                        c,
                        "UPDATE nft_character SET active_quest_id = ? WHERE id = ? AND active_quest_id IS NULL",
                        questId,
                        id)
                == 1;
    }

    void releaseActiveQuest(Connection c, long id, long questId, boolean completed) throws SQLException {
        Jdbc.update(
                c,
                "UPDATE nft_character SET active_quest_id = NULL, quests_completed = quests_completed + ? "
                        + "WHERE id = ? AND active_quest_id = ?",
                completed ? 1 : 0,
                id,
                questId);
    }

    /** Counts an event toward the next summary. */
    void countEvent(Connection c, long id) throws SQLException {
        Jdbc.update(c, "UPDATE nft_character SET events_since_summary = events_since_summary + 1 WHERE id = ?", id);
    }

    /** Claims a due summary (resetting the count), so that only one writer rewrites it; false when not due. */
    boolean claimSummary(long id, int due) {
        return db.withConnection(c -> Jdbc.update(
                        c,
                        "UPDATE nft_character SET events_since_summary = 0 "
                                + "WHERE id = ? AND events_since_summary >= ?",
                        id,
                        due))
                == 1;
    }

    public void saveSummary(long id, String summary) {
        db.withConnection(c -> Jdbc.update(c, "UPDATE nft_character SET summary = ? WHERE id = ?", summary, id));
    }

    private static GameCharacter character(ResultSet rs) throws SQLException {
        long active = rs.getLong(13);
        Long activeQuest = rs.wasNull() ? null : active;
        return new GameCharacter(
                rs.getLong(1),
                new TokenRef(rs.getString(2), rs.getString(3), new BigInteger(rs.getString(4))),
                rs.getString(5),
                rs.getString(6),
                read(rs.getString(7), Persona.class),
                rs.getInt(8),
                rs.getInt(9),
                list(rs.getString(10)),
                rs.getString(11),
                rs.getInt(12),
                activeQuest);
    }

    static String json(Object value) {
        try {
            return QuestPlanParser.JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot serialize " + value.getClass().getSimpleName(), e);
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
            return QuestPlanParser.JSON.readValue(json, new TypeReference<List<String>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored inventory is not valid JSON", e);
        }
    }
}
