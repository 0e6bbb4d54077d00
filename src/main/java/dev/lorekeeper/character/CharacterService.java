package dev.lorekeeper.character;

import dev.lorekeeper.Refusal;
import dev.lorekeeper.chain.TokenMetadata;
import dev.lorekeeper.chain.TokenMetadataLocator;
import dev.lorekeeper.config.CharactersConfig;
import dev.lorekeeper.llm.LlmCall;
import dev.lorekeeper.store.Hashes;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Characters from a member's point of view: the tokens they can pick, picking one (creating its persona the first
 * time, inheriting its story when it changed hands), the card, talking, and export. Only the current holder plays.
 */
public final class CharacterService {
    static final int AUTOCOMPLETE_CHOICES = 25;
    static final int TALKS_PER_MINUTE = 6;

    private final CharacterStore store;
    private final MemoryStore memories;
    private final MemoryRecall recall;
    private final Chronicle chronicle;
    private final Narrator narrator;
    private final TokenMetadataLocator metadata;
    private final Holdings holdings;
    private final PlayerWallets wallets;
    private final Collections collections;
    private final QuestStore quests;
    private final Clock clock;
    private final AtomicLong turns = new AtomicLong();
    /** Talking is cheap to type and each line becomes a memory (and maybe model tokens): a few a minute. */
    private final dev.lorekeeper.RateLimiter talkLimit =
            new dev.lorekeeper.RateLimiter(TALKS_PER_MINUTE, java.time.Duration.ofMinutes(1));

    /** The collections playable in a server. */
    @FunctionalInterface
    public interface Collections {
        List<CharactersConfig.Collection> of(long guildId);
    }

    public CharacterService(
            CharacterStore store,
            MemoryStore memories,
            MemoryRecall recall,
            Chronicle chronicle,
            Narrator narrator,
            TokenMetadataLocator metadata,
            Holdings holdings,
            PlayerWallets wallets,
            Collections collections,
            QuestStore quests,
            Clock clock) {
        this.store = store;
        this.memories = memories;
        this.recall = recall;
        this.chronicle = chronicle;
        this.narrator = narrator;
        this.metadata = metadata;
        this.holdings = holdings;
        this.wallets = wallets;
        this.collections = collections;
        this.quests = quests;
        this.clock = clock;
    }

    /** An autocomplete choice: what the member reads, and the token key it stands for. */
    public record Option(String label, String value) {}

    /** The tokens this member's wallets hold in the server's collections, filtered by what they typed. */
    public List<Option> options(long guildId, long memberId, String typed) {
        String filter = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
        List<Option> out = new ArrayList<>();
        for (CharactersConfig.Collection col : collections.of(guildId)) {
            List<String> mine = wallets.walletsFor(guildId, memberId, col.chain(), col.contract());
            if (col.standard().equals("erc1155") && filter.matches("\\d{1,78}")) {
                TokenRef t = new TokenRef(col.chain(), col.contract(), new BigInteger(filter));
                out.add(new Option(label(t), ChoiceKeys.of(t)));
                continue;
            }
            for (BigInteger id : holdings.tokensOf(col, mine).orElse(List.of())) {
                TokenRef t = new TokenRef(col.chain(), col.contract(), id);
                String label = label(t);
                if (filter.isEmpty()
                        || label.toLowerCase(Locale.ROOT).contains(filter)
                        || id.toString().startsWith(filter)) {
                    out.add(new Option(label, ChoiceKeys.of(t)));
                }
            }
        }
        return out.subList(0, Math.min(AUTOCOMPLETE_CHOICES, out.size()));
    }

    private String label(TokenRef t) {
        String collection = t.contract().substring(0, 6) + "…" + t.contract().substring(38);
        return store.find(t)
                .map(c -> c.name() + " (#" + t.tokenId() + ", " + collection + ")")
                .orElse("#" + t.tokenId() + " (" + collection + " on " + t.chain() + ")");
    }

    /** The outcome of /character choose: the character, and whether its story came from another holder. */
    public record Chosen(GameCharacter character, boolean inherited, boolean isNew) {}

    public Chosen choose(long guildId, long memberId, String choice) {
        TokenRef token = ChoiceKeys.resolve(choice, collections.of(guildId))
                .orElseThrow(
                        () -> new Refusal(
                                "Pick one of the suggested tokens (start typing in the token option), or give chain:contract:id."));
        CharactersConfig.Collection col = collection(guildId, token)
                .orElseThrow(() ->
                        new Refusal("That collection can't be played in this server. Ask a moderator to add it under "
                                + "characters.collections."));
        requireHolder(guildId, memberId, col, token);
        Optional<GameCharacter> existing = store.find(token);
        TokenMetadata meta =
                LivingMetadata.withoutProgress(metadata.metadata(token.chain(), token.contract(), token.tokenId()));
        LlmCall call = LlmCall.of("persona", guildId, memberId);
        GameCharacter character;
        if (existing.isEmpty()) {
            Persona persona = narrator.persona(token, meta, call).value();
            character = store.create(token, meta.imageUrl(), persona, hash(meta));
        } else {
            character = existing.get();
            String h = hash(meta);
            if (meta.ok() && !h.equals(store.metadataHash(character.id()).orElse(""))) {
                store.updatePersona(
                        character.id(),
                        meta.imageUrl(),
                        narrator.persona(token, meta, call).value(),
                        h);
                character = store.byId(character.id()).orElseThrow();
            }
        }
        boolean inherited = pick(guildId, memberId, character);
        if (inherited) {
            chronicle.record(
                    character.id(),
                    guildId,
                    memberId,
                    "owner",
                    character.name() + " passed into the care of a new keeper.",
                    6);
        }
        if (character.activeQuestId() != null) {
            quests.reassign(character.activeQuestId(), memberId);
        }
        return new Chosen(store.byId(character.id()).orElseThrow(), inherited, existing.isEmpty());
    }

    /** Takes the character for this member; true when someone else played it before. */
    private boolean pick(long guildId, long memberId, GameCharacter character) {
        try {
            return store.pick(guildId, memberId, character.id());
        } catch (dev.lorekeeper.store.StoreException e) {
            if (e.isDuplicateKey()) {
                throw new Refusal("Someone picked " + character.name() + " at the same moment. Try again.");
            }
            throw e;
        }
    }

    /** The member's character, if they still hold its token. */
    public Player player(long guildId, long memberId) {
        long id = store.pickOf(guildId, memberId)
                .orElseThrow(() -> new Refusal(
                        "You haven't picked a " + "character yet. Use /character choose and pick one of your tokens."));
        GameCharacter c = store.byId(id)
                .orElseThrow(() -> new Refusal("Your character is gone; pick again " + "with /character choose."));
        CharactersConfig.Collection col = collection(guildId, c.token())
                .orElseThrow(() -> new Refusal(c.name() + "'s collection is no longer playable in this server."));
        requireHolder(guildId, memberId, col, c.token());
        return new Player(guildId, memberId, c);
    }

    private void requireHolder(long guildId, long memberId, CharactersConfig.Collection col, TokenRef token) {
        List<String> mine = wallets.walletsFor(guildId, memberId, token.chain(), token.contract());
        if (mine.isEmpty()) {
            throw new Refusal("Link the wallet that holds your token first, with /verify.");
        }
        switch (holdings.holds(col, token, mine)) {
            case YES -> {}
            case NO ->
                throw new Refusal("None of your verified wallets holds token #" + token.tokenId()
                        + " any more. Only its current holder can play it.");
            default ->
                throw new Refusal("I can't read the chain right now to check that you hold this token. "
                        + "Please try again in a minute.");
        }
    }

    private Optional<CharactersConfig.Collection> collection(long guildId, TokenRef token) {
        return collections.of(guildId).stream()
                .filter(c -> c.chain().equals(token.chain()) && c.contract().equalsIgnoreCase(token.contract()))
                .findFirst();
    }

    /** What the card shows besides the character itself. */
    public record Card(GameCharacter character, List<Quest> recentQuests, int nextLevelXp) {}

    public Card card(Player p) {
        GameCharacter c = p.character();
        return new Card(c, quests.latest(c.id(), 3), Levels.xpFor(c.level() + 1));
    }

    /** Refuses at once (before anything slow) an empty message, or a member talking too fast. */
    public void checkTalk(Player p, String message) {
        GameCharacter c = p.character();
        if (message.isBlank()) {
            throw new Refusal("Say something to " + c.name() + ", for example: /character talk message: hello!");
        }
        if (!talkLimit.tryAcquire(p.guildId() + ":" + p.memberId())) {
            throw new Refusal(c.name() + " needs a moment to think. Try again in a minute.");
        }
    }

    /** An in-character reply (check the member with {@link #checkTalk} first). */
    public Narrator.Narrated<String> talk(Player p, String message) {
        GameCharacter c = p.character();
        List<Memory> recalled =
                recall.recall(memories.window(c.id(), p.guildId(), p.memberId()), message, clock.instant());
        LlmCall call = new LlmCall("talk", p.guildId(), p.memberId(), c.id());
        Narrator.Narrated<String> reply =
                narrator.talk(c, message, recalled, MemoryRecall.lines(recalled), call, turns.incrementAndGet());
        chronicle.record(
                c.id(),
                p.guildId(),
                p.memberId(),
                MemoryStore.TALK,
                "A keeper said \""
                        + OfflineNarrator.truncate(message, 200) + "\"; " + c.name() + " answered \""
                        + OfflineNarrator.truncate(reply.value(), 300) + "\"",
                2);
        return reply;
    }

    /** The character as a card: its story (summary, events, quests), never what members said to it. */
    public byte[] export(Player p) {
        GameCharacter c = p.character();
        return CardV2.json(c, memories.events(c.id(), 20), quests.latest(c.id(), 10))
                .getBytes(StandardCharsets.UTF_8);
    }

    static String hash(TokenMetadata m) {
        String basis = m.name() + "\n" + m.description() + "\n" + m.image() + "\n" + m.attributes();
        return Hashes.sha256Hex(basis);
    }
}
