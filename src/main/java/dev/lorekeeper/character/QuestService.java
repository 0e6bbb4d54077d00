package dev.lorekeeper.character;

import dev.lorekeeper.Refusal;
import dev.lorekeeper.llm.LlmCall;
import dev.lorekeeper.store.Database;
import dev.lorekeeper.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Quests as a persisted state machine: start (one active quest per character, a cooldown per member), show the
 * current step, take a choice (applied once, whatever the clicks), abandon, and the log.
 */
public final class QuestService {
    public static final int COMPLETION_XP = 50;
    static final int RECENT_QUESTS = 5;

    private final Database db;
    private final QuestStore quests;
    private final CharacterStore characters;
    private final MemoryStore memories;
    private final MemoryRecall recall;
    private final Chronicle chronicle;
    private final Narrator narrator;
    private final Lore lore;
    private final Duration cooldown;
    private final Clock clock;

    public QuestService(
            Database db,
            CharacterStore characters,
            MemoryStore memories,
            MemoryRecall recall,
            Chronicle chronicle,
            Narrator narrator,
            Lore lore,
            Duration cooldown,
            Clock clock) {
        this.db = db;
        this.quests = new QuestStore(db, clock);
        this.characters = characters;
        this.memories = memories;
        this.recall = recall;
        this.chronicle = chronicle;
        this.narrator = narrator;
        this.lore = lore;
        this.cooldown = cooldown;
        this.clock = clock;
    }

    /** A quest at its current step, the character as it is now, and a notice for the member (or null). */
    public record View(GameCharacter character, Quest quest, String notice) {}

    /** What a choice did. */
    public record Outcome(
            GameCharacter character,
            Quest quest,
            QuestPlan.Choice choice,
            int xpGained,
            boolean completed,
            boolean levelUp) {}

    /** Refuses quickly (before anything slow) when the character is busy or the member is cooling down. */
    public void checkCanStart(Player p) {
        GameCharacter c = p.character();
        if (c.activeQuestId() != null) {
            throw new Refusal(c.name() + " is already on a quest. Use /quest show to continue it, or "
                    + "/quest abandon to drop it.");
        }
        Optional<Instant> last = quests.lastStart(p.guildId(), p.memberId());
        Instant now = clock.instant();
        if (last.isPresent() && last.get().plus(cooldown).isAfter(now)) {
            long minutes = Math.max(
                    1, (Duration.between(now, last.get().plus(cooldown)).toSeconds() + 59) / 60);
            throw new Refusal(
                    "You can start a new quest in about " + minutes + " minute" + (minutes == 1 ? "" : "s") + ".");
        }
    }

    public View start(Player p) {
        checkCanStart(p);
        GameCharacter c = p.character();
        Instant now = clock.instant();
        List<Quest> recent = quests.latest(c.id(), RECENT_QUESTS);
        List<Memory> remembered = recall.recall(
                memories.window(c.id(), p.guildId(), p.memberId()),
                c.persona().archetype() + " " + c.persona().backstory(),
                now);
        Narrator.Narrated<QuestPlan> plan = narrator.quest(
                new Narrator.QuestContext(
                        c,
                        quests.count(c.id()) + 1,
                        MemoryRecall.lines(remembered),
                        lore.about(c.persona().archetype() + " " + c.name(), 2),
                        recent.stream().map(q -> q.plan().title()).toList(),
                        recent.stream().map(q -> q.plan().hook()).toList()),
                new LlmCall("quest", p.guildId(), p.memberId(), c.id()));
        long questId = db.inTransaction(tx -> {
            long id = quests.insert(tx, c.id(), p.guildId(), p.memberId(), plan.value(), plan.byModel());
            if (!characters.claimActiveQuest(tx, c.id(), id)) {
                throw new Refusal(c.name() + " has just set out on another quest. Use /quest show.");
            }
            chronicle.remember(
                    tx,
                    c.id(),
                    p.guildId(),
                    p.memberId(),
                    "quest",
                    "Set out on \"" + plan.value().title() + "\": "
                            + plan.value().hook(),
                    4);
            return id;
        });
        chronicle.summarize(c.id(), new LlmCall("memory", p.guildId(), p.memberId(), c.id()));
        GameCharacter started = characters.byId(c.id()).orElseThrow();
        return new View(started, quests.byId(questId).orElseThrow(), plan.notice());
    }

    /** The active quest, handed to this member if the token changed hands since it started. */
    public Optional<View> current(Player p) {
        Long active = p.character().activeQuestId();
        if (active == null) {
            return Optional.empty();
        }
        Quest q = quests.byId(active).orElseThrow();
        if (q.memberId() != p.memberId()) {
            quests.reassign(q.id(), p.memberId());
            q = quests.byId(active).orElseThrow();
        }
        return Optional.of(new View(p.character(), q, null));
    }

    /** Takes a choice at a step; a second click on the same step (or a stale one) is refused with a clear reason. */
    public Outcome choose(Player p, long questId, int step, int choice) {
        Quest q = quests.byId(questId).orElseThrow(() -> new Refusal("This quest no longer exists."));
        if (q.characterId() != p.character().id()) {
            throw new Refusal("This quest belongs to another character; only its holder can play it.");
        }
        if (q.status() != Quest.Status.ACTIVE || q.step() != step) {
            throw new Refusal("This choice was already made. Use /quest show to see where the story is now.");
        }
        if (q.memberId() != p.memberId()) {
            quests.reassign(q.id(), p.memberId());
        }
        if (choice < 0 || choice >= q.current().choices().size()) {
            throw new Refusal("That choice is not on this step.");
        }
        QuestPlan.Choice picked = q.current().choices().get(choice);
        boolean last = step == q.plan().steps().size() - 1;
        int xp = picked.xp() + (last ? COMPLETION_XP : 0);
        int levelBefore = p.character().level();
        try {
            db.inTransaction(tx -> {
                if (!quests.takeStep(tx, q, step, choice, p.memberId())) {
                    throw new Refusal(
                            "This choice was already made. Use /quest show to see where the story " + "is now.");
                }
                characters.addProgress(tx, p.character().id(), xp, picked.item());
                quests.addXp(tx, q.id(), xp);
                chronicle.remember(
                        tx,
                        p.character().id(),
                        p.guildId(),
                        p.memberId(),
                        "choice",
                        "In \""
                                + q.plan().title() + "\", chose to " + lower(picked.label()) + ": " + picked.outcome()
                                + (picked.item() == null ? "" : " Found " + picked.item() + "."),
                        5);
                if (last) {
                    quests.end(tx, q.id(), Quest.Status.COMPLETED);
                    characters.releaseActiveQuest(tx, p.character().id(), q.id(), true);
                    chronicle.remember(
                            tx,
                            p.character().id(),
                            p.guildId(),
                            p.memberId(),
                            "quest",
                            "Completed \"" + q.plan().title() + "\".",
                            8);
                }
                return null;
            });
        } catch (StoreException e) {
            if (e.isDuplicateKey()) {
                throw new Refusal("This choice was already made. Use /quest show to see where the story is now.");
            }
            throw e;
        }
        chronicle.summarize(
                p.character().id(),
                new LlmCall("memory", p.guildId(), p.memberId(), p.character().id()));
        GameCharacter after = characters.byId(p.character().id()).orElseThrow();
        return new Outcome(after, quests.byId(q.id()).orElseThrow(), picked, xp, last, after.level() > levelBefore);
    }

    public Quest abandon(Player p) {
        Long active = p.character().activeQuestId();
        if (active == null) {
            throw new Refusal(p.character().name() + " is not on a quest. Start one with /quest start.");
        }
        Quest q = quests.byId(active).orElseThrow();
        db.inTransaction(tx -> {
            if (!quests.end(tx, active, Quest.Status.ABANDONED)) {
                throw new Refusal("That quest has already ended.");
            }
            characters.releaseActiveQuest(tx, p.character().id(), active, false);
            chronicle.remember(
                    tx,
                    p.character().id(),
                    p.guildId(),
                    p.memberId(),
                    "quest",
                    "Abandoned \"" + q.plan().title() + "\".",
                    3);
            return null;
        });
        chronicle.summarize(
                p.character().id(),
                new LlmCall("memory", p.guildId(), p.memberId(), p.character().id()));
        return q;
    }

    public List<Quest> log(long characterId, int limit) {
        return quests.latest(characterId, limit);
    }

    private static String lower(String label) {
        return label.isEmpty() ? label : Character.toLowerCase(label.charAt(0)) + label.substring(1);
    }
}
