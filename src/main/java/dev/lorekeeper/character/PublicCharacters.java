package dev.lorekeeper.character;

import dev.lorekeeper.settings.GuildSettingsService;
import dev.lorekeeper.store.Database;
import dev.lorekeeper.store.Jdbc;
import java.util.List;
import java.util.Optional;

/**
 * A character as the public may read it: persona, progress, the story so far (summaries and events, which is what
 * {@link MemoryStore#events} returns: never what members said) and completed quests. Shown only while at least one
 * server that plays the character allows public pages.
 */
public final class PublicCharacters {
    static final int EVENTS = 20;
    static final int QUESTS = 20;

    private final Database db;
    private final CharacterStore store;
    private final MemoryStore memories;
    private final QuestStore quests;
    private final GuildSettingsService settings;

    public PublicCharacters(Database db, java.time.Clock clock, GuildSettingsService settings) {
        this.db = db;
        this.store = new CharacterStore(db, clock);
        this.memories = new MemoryStore(db, clock);
        this.quests = new QuestStore(db, clock);
        this.settings = settings;
    }

    /** What the page shows; {@code cardJson} is the Card V2 export of the same public parts. */
    public record Page(GameCharacter character, List<Memory> events, List<Quest> completedQuests, String cardJson) {}

    public Optional<Page> page(TokenRef token) {
        Optional<GameCharacter> found = store.find(token);
        if (found.isEmpty() || !allowed(found.get().id())) {
            return Optional.empty();
        }
        GameCharacter c = found.get();
        List<Memory> events = memories.events(c.id(), EVENTS);
        List<Quest> latest = quests.latest(c.id(), QUESTS);
        List<Quest> completed = latest.stream()
                .filter(q -> q.status() == Quest.Status.COMPLETED)
                .toList();
        return Optional.of(new Page(c, events, completed, CardV2.json(c, events, latest)));
    }

    /** Some server that plays the character (picked it, or played a quest with it) allows public pages. */
    private boolean allowed(long characterId) {
        List<Long> guilds = db.withConnection(c -> Jdbc.list(
                c,
                "SELECT guild_id FROM character_pick WHERE character_id = ? "
                        + "UNION SELECT guild_id FROM quest WHERE character_id = ?",
                rs -> rs.getLong(1),
                characterId,
                characterId));
        return guilds.stream().anyMatch(g -> settings.of(g).publicPages());
    }
}
