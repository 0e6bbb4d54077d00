package dev.lorekeeper.character;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lorekeeper.Refusal;
import dev.lorekeeper.llm.GeneratedText;
import dev.lorekeeper.llm.LlmCall;
import dev.lorekeeper.llm.LlmUsage;
import dev.lorekeeper.store.Database;
import dev.lorekeeper.store.Jdbc;
import dev.lorekeeper.testing.MutableClock;
import dev.lorekeeper.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The quest state machine and the usage ledger on H2 and on a real PostgreSQL, with the same migrations. */
class QuestStorageTest {
    static Stream<TestDatabases.Kind> kinds() {
        return TestDatabases.both();
    }

    record Setup(Database db, CharacterStore characters, MemoryStore memories, QuestService quests, MutableClock clock)
            implements AutoCloseable {
        @Override
        public void close() {
            db.close();
        }

        Player player(GameCharacter c, long member) {
            return new Player(1, member, characters.byId(c.id()).orElseThrow());
        }
    }

    static Setup setup(TestDatabases.Kind kind) {
        Database db = TestDatabases.open(kind);
        MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
        CharacterStore characters = new CharacterStore(db, clock);
        MemoryStore memories = new MemoryStore(db, clock);
        Narrator narrator =
                new Narrator(null, CharacterFixtures.prompts(), CharacterFixtures.offline(), GeneratedText.strict());
        Chronicle chronicle = new Chronicle(db, characters, memories, narrator, 3, Runnable::run);
        QuestService quests = new QuestService(
                db,
                characters,
                memories,
                new MemoryRecall(400),
                chronicle,
                narrator,
                Lore.NONE,
                Duration.ofMinutes(10),
                clock);
        return new Setup(db, characters, memories, quests, clock);
    }

    static GameCharacter create(Setup s, long tokenId) {
        Persona persona =
                CharacterFixtures.offline().persona(CharacterFixtures.token(tokenId), CharacterFixtures.fox(tokenId));
        return s.characters()
                .create(
                        CharacterFixtures.token(tokenId),
                        "https://img.example/" + tokenId + ".png",
                        persona,
                        "hash-" + tokenId);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aQuestRunsToTheEndAndItsOutcomesBecomeXpItemsAndMemories(TestDatabases.Kind kind) {
        try (Setup s = setup(kind)) {
            GameCharacter c = create(s, 1);
            Instant started = s.clock().instant();
            QuestService.View v = s.quests().start(s.player(c, 10));
            assertThat(v.quest().step()).isZero();
            assertThat(v.character().activeQuestId()).isEqualTo(v.quest().id());
            assertThat(v.quest().startedAt()).isEqualTo(started);
            s.clock().advance(Duration.ofMinutes(5));
            Instant played = s.clock().instant();
            int xp = 0;
            List<String> items = new ArrayList<>();
            QuestService.Outcome o = null;
            for (int step = 0; step < v.quest().plan().steps().size(); step++) {
                int pick = v.quest().plan().steps().get(step).choices().size() - 1;
                o = s.quests().choose(s.player(c, 10), v.quest().id(), step, pick);
                QuestPlan.Choice choice =
                        v.quest().plan().steps().get(step).choices().get(pick);
                xp += choice.xp();
                if (choice.item() != null) {
                    items.add(choice.item());
                }
            }
            xp += QuestService.COMPLETION_XP;
            assertThat(o.completed()).isTrue();
            GameCharacter after = s.characters().byId(c.id()).orElseThrow();
            assertThat(after.xp()).isEqualTo(xp);
            assertThat(after.level()).isEqualTo(Levels.level(xp));
            assertThat(after.inventory())
                    .containsExactlyElementsOf(items.stream().distinct().toList());
            assertThat(after.questsCompleted()).isEqualTo(1);
            assertThat(after.activeQuestId()).isNull();
            assertThat(o.quest().status()).isEqualTo(Quest.Status.COMPLETED);
            assertThat(o.quest().xpGained()).isEqualTo(xp);
            List<Memory> memories = s.memories().recent(c.id(), 50);
            assertThat(memories).extracting(Memory::kind).startsWith("quest").endsWith("choice", "quest");
            assertThat(memories.get(memories.size() - 1).text()).contains("Completed");
            assertThat(memories.get(0).createdAt()).isEqualTo(started);
            assertThat(memories.get(memories.size() - 1).createdAt()).isEqualTo(played);
            List<Instant> endedAndChosen = s.db().withConnection(tx -> Jdbc.list(
                    tx,
                    "SELECT ended_at FROM quest "
                            + "WHERE id = ? UNION ALL SELECT created_at FROM quest_choice WHERE quest_id = ?",
                    rs -> Jdbc.instant(rs, 1),
                    v.quest().id(),
                    v.quest().id()));
            assertThat(endedAndChosen)
                    .hasSize(1 + v.quest().plan().steps().size())
                    .containsOnly(played);
            // Every third event rewrites the rolling summary.
            assertThat(after.summary()).isNotBlank();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void simultaneousClicksOnOneStepApplyExactlyOnce(TestDatabases.Kind kind) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (Setup s = setup(kind)) {
            GameCharacter c = create(s, 2);
            QuestService.View v = s.quests().start(s.player(c, 10));
            List<Callable<String>> clicks = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int choice = i % v.quest().current().choices().size();
                clicks.add(() -> {
                    try {
                        s.quests().choose(s.player(c, 10), v.quest().id(), 0, choice);
                        return "applied";
                    } catch (Refusal e) {
                        return e.getMessage();
                    }
                });
            }
            List<String> results = new ArrayList<>();
            for (Future<String> f : pool.invokeAll(clicks)) {
                results.add(f.get());
            }
            assertThat(results).filteredOn("applied"::equals).hasSize(1);
            assertThat(results)
                    .filteredOn(r -> r.startsWith("This choice was already made"))
                    .hasSize(7);
            assertThat(s.quests().log(c.id(), 1).get(0).step()).isEqualTo(1);
            // Another member, from a stale view of step 0, can not advance it either, nor take the quest over by
            // trying.
            assertThatThrownBy(
                            () -> s.quests().choose(s.player(c, 11), v.quest().id(), 0, 0))
                    .hasMessageContaining("already made");
            Quest after = s.quests().log(c.id(), 1).get(0);
            assertThat(after.step()).isEqualTo(1);
            assertThat(after.memberId()).isEqualTo(10);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void oneActiveQuestPerCharacterAndACooldownPerMember(TestDatabases.Kind kind) {
        try (Setup s = setup(kind)) {
            GameCharacter c = create(s, 3);
            QuestService.View v = s.quests().start(s.player(c, 10));
            assertThatThrownBy(() -> s.quests().start(s.player(c, 10))).hasMessageContaining("already on a quest");
            s.quests().abandon(s.player(c, 10));
            assertThat(s.characters().byId(c.id()).orElseThrow().activeQuestId())
                    .isNull();
            assertThatThrownBy(() -> s.quests().start(s.player(c, 10)))
                    .hasMessageContaining("new quest in about 10 minutes");
            s.clock().advance(Duration.ofMinutes(10));
            QuestService.View next = s.quests().start(s.player(c, 10));
            assertThat(next.quest().plan().title())
                    .isNotEqualTo(v.quest().plan().title());
            assertThat(s.quests().log(c.id(), 10))
                    .extracting(Quest::status)
                    .containsExactly(Quest.Status.ACTIVE, Quest.Status.ABANDONED);
            // A new holder takes the open quest over; its start does not count against their cooldown.
            assertThat(s.quests().current(s.player(c, 11)).orElseThrow().quest().memberId())
                    .isEqualTo(11);
            s.quests().abandon(s.player(c, 11));
            assertThat(s.quests().start(s.player(c, 11)).quest().memberId()).isEqualTo(11);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aCharacterIsOnePerTokenAndPassesToTheNextPicker(TestDatabases.Kind kind) {
        try (Setup s = setup(kind)) {
            GameCharacter c = create(s, 4);
            assertThat(create(s, 4).id()).isEqualTo(c.id());
            assertThat(s.characters().pick(1, 10, c.id())).isFalse();
            assertThat(s.characters().pick(1, 11, c.id())).isTrue();
            assertThat(s.characters().pickOf(1, 10)).isEmpty();
            assertThat(s.characters().pickOf(1, 11)).contains(c.id());
            // One player across servers too: picking it elsewhere takes it over.
            assertThat(s.characters().pick(2, 12, c.id())).isTrue();
            assertThat(s.characters().pickOf(1, 11)).isEmpty();
            assertThat(s.characters().pick(2, 12, c.id())).isFalse();
            s.characters().updatePersona(c.id(), null, c.persona(), "hash-new");
            assertThat(s.characters().byId(c.id()).orElseThrow().personaVersion())
                    .isEqualTo(2);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void theUsageLedgerCountsPerMemberAndServerAndEnforcesBothBudgets(TestDatabases.Kind kind) {
        Database db = TestDatabases.open(kind);
        try (db) {
            MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
            LlmUsage usage = new LlmUsage(db, new LlmUsage.Budgets(500, 800, 0), new LlmUsage.Prices(1, 2), clock);
            usage.settle(usage.reserve(new LlmCall("qa", 1, 10, null), 450).orElseThrow(), 300, 100);
            usage.settle(usage.reserve(new LlmCall("quest", 1, 11, 5L), 400).orElseThrow(), 300, 50);
            // Member 10 has 100 left, the server 50: a reservation must fit both.
            assertThat(usage.reserve(LlmCall.of("talk", 1, 10), 51)).isEmpty();
            LlmUsage.Reservation talk =
                    usage.reserve(new LlmCall("talk", 1, 10, 5L), 50).orElseThrow();
            usage.settle(talk, 30, 20);
            assertThat(usage.reserve(LlmCall.of("talk", 1, 10), 1)).isEmpty();
            assertThat(usage.reserve(LlmCall.of("talk", 1, 12), 1)).isEmpty(); // the server's 800 are spent
            assertThat(usage.reserve(LlmCall.of("talk", 2, 10), 500)).isPresent();
            LlmUsage.Report r = usage.report(1, 30);
            assertThat(r.today()).extracting(LlmUsage.FeatureUsage::feature).containsExactly("qa", "quest", "talk");
            assertThat(r.dayAxis()).hasSize(30);
            assertThat(r.tokensPerDay().get("qa").get(29)).isEqualTo(400L);
            clock.advance(Duration.ofDays(1));
            assertThat(usage.reserve(LlmCall.of("talk", 1, 10), 500)).isPresent();
            assertThat(usage.report(1, 30).today()).isEmpty();
            assertThat(usage.report(1, 30).period()).hasSize(3);
        }
    }
}
