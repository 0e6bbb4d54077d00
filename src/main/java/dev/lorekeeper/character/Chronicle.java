package dev.lorekeeper.character;

import dev.lorekeeper.llm.LlmCall;
import dev.lorekeeper.store.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what a character lives through into its episodic log and keeps the rolling summary fresh: after every
 * {@code summaryEvery} events, the summary is rewritten from the previous one and the events since. Talk is not an
 * event: the summary travels with the token to its next holders and into exports, and members' words must not.
 */
public final class Chronicle {
    private static final Logger log = LoggerFactory.getLogger(Chronicle.class);

    private final Database db;
    private final CharacterStore characters;
    private final MemoryStore memories;
    private final Narrator narrator;
    private final int summaryEvery;
    private final Executor background;

    /** Summaries are written on {@code background}: a model call must never hold up a member's reply. */
    public Chronicle(
            Database db,
            CharacterStore characters,
            MemoryStore memories,
            Narrator narrator,
            int summaryEvery,
            Executor background) {
        this.db = db;
        this.background = background;
        this.characters = characters;
        this.memories = memories;
        this.narrator = narrator;
        this.summaryEvery = summaryEvery;
    }

    /** Records a memory made in a server with a member on its own, then rewrites the summary if one is due. */
    void record(long characterId, long guildId, long memberId, String kind, String text, int importance) {
        db.inTransaction(c -> {
            remember(c, characterId, guildId, memberId, kind, text, importance);
            return null;
        });
        summarize(characterId, new LlmCall("memory", guildId, memberId, characterId));
    }

    /** Records a memory in the caller's transaction; call {@link #summarize} once it has committed. */
    void remember(Connection c, long characterId, long guildId, long memberId, String kind, String text, int importance)
            throws SQLException {
        memories.append(c, characterId, guildId, memberId, kind, text, importance);
        if (!kind.equals(MemoryStore.TALK)) {
            characters.countEvent(c, characterId);
        }
    }

    /**
     * Rewrites the summary when {@code summaryEvery} events piled up since the last one. The due count is claimed
     * first, so concurrent events never start two rewrites.
     */
    void summarize(long characterId, LlmCall call) {
        if (!characters.claimSummary(characterId, summaryEvery)) {
            return;
        }
        background.execute(() -> {
            try {
                characters
                        .byId(characterId)
                        .ifPresent(c -> characters.saveSummary(
                                characterId, narrator.summarize(c, memories.events(characterId, summaryEvery), call)));
            } catch (RuntimeException e) {
                log.warn(
                        "summary of character {} failed ({}); the next one covers these events too",
                        characterId,
                        e.toString());
            }
        });
    }
}
