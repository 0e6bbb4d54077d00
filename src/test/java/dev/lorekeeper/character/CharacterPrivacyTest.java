package dev.lorekeeper.character;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorekeeper.llm.GeneratedText;
import dev.lorekeeper.store.Database;
import dev.lorekeeper.testing.MutableClock;
import dev.lorekeeper.testing.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What members say to a character stays with them, in the server where they said it: another server, the token's
 * next holder and the exported card see the character's story (summaries and events), never the raw talk.
 */
class CharacterPrivacyTest {
    static final String SECRET = "my recovery hint is PURPLE-OTTER-42";

    static Stream<TestDatabases.Kind> kinds() {
        return TestDatabases.both();
    }

    record Play(
            Database db,
            CharacterStore characters,
            MemoryStore memories,
            CharacterService service,
            QuestService quests,
            MutableClock clock)
            implements AutoCloseable {
        @Override
        public void close() {
            db.close();
        }

        Player player(long guild, long member, GameCharacter c) {
            return new Player(guild, member, characters.byId(c.id()).orElseThrow());
        }

        /** Several lines, so that the offline narrator gets several chances to bring up what it recalls. */
        List<String> chat(Player p, int lines) {
            return java.util.stream.IntStream.range(0, lines)
                    .mapToObj(i -> service.talk(p, "what do you remember " + "about the recovery hint? " + i)
                            .value())
                    .toList();
        }
    }

    static Play play(TestDatabases.Kind kind) {
        Database db = TestDatabases.open(kind);
        MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
        CharacterStore characters = new CharacterStore(db, clock);
        MemoryStore memories = new MemoryStore(db, clock);
        Narrator narrator =
                new Narrator(null, CharacterFixtures.prompts(), CharacterFixtures.offline(), GeneratedText.strict());
        Chronicle chronicle = new Chronicle(db, characters, memories, narrator, 3, Runnable::run);
        MemoryRecall recall = new MemoryRecall(400);
        QuestStore questStore = new QuestStore(db, clock);
        // Talk and export read no chain, wallets or collections: those parts stay out of this test.
        CharacterService service = new CharacterService(
                characters,
                memories,
                recall,
                chronicle,
                narrator,
                null,
                null,
                (guild, member, chain, contract) -> List.of(),
                guild -> List.of(),
                questStore,
                clock);
        QuestService quests = new QuestService(
                db, characters, memories, recall, chronicle, narrator, Lore.NONE, Duration.ZERO, clock);
        return new Play(db, characters, memories, service, quests, clock);
    }

    static GameCharacter create(Play s, long tokenId) {
        return s.characters()
                .create(
                        CharacterFixtures.token(tokenId),
                        null,
                        CharacterFixtures.offline()
                                .persona(CharacterFixtures.token(tokenId), CharacterFixtures.fox(tokenId)),
                        "hash-" + tokenId);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void talkInOneServerIsNotRecalledInAnother(TestDatabases.Kind kind) {
        try (Play s = play(kind)) {
            GameCharacter c = create(s, 1);
            s.service().talk(s.player(1, 10, c), SECRET);
            withQuest(s, 1, 10, c);
            s.quests().abandon(s.player(1, 10, c));

            // The same member, in another server: neither their talk nor server 1's events come up there.
            assertThat(s.memories().window(c.id(), 2, 10)).isEmpty();
            assertThat(s.chat(s.player(2, 10, c), 4))
                    .noneMatch(r -> r.contains("PURPLE-OTTER"))
                    .noneMatch(r -> r.contains("Abandoned"));
            // Back in server 1 the member's own words and the server's events are still there to recall.
            assertThat(s.memories().window(c.id(), 1, 10))
                    .extracting(Memory::text)
                    .anyMatch(t -> t.contains("PURPLE-OTTER"))
                    .anyMatch(t -> t.contains("Abandoned"));
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void nextHolderDoesNotSeePreviousHoldersRawMessages(TestDatabases.Kind kind) {
        try (Play s = play(kind)) {
            GameCharacter c = create(s, 2);
            s.service().talk(s.player(1, 10, c), SECRET);
            s.service().talk(s.player(1, 10, c), "and my wallet's PIN is 4321");
            // Enough events for the rolling summary to be rewritten (every 3 in this test).
            withQuest(s, 1, 10, c);
            s.quests().abandon(s.player(1, 10, c));
            withQuest(s, 1, 10, c);

            GameCharacter now = s.characters().byId(c.id()).orElseThrow();
            assertThat(now.summary()).isNotBlank().doesNotContain("PURPLE-OTTER", "4321");
            assertThat(s.memories().window(c.id(), 1, 11))
                    .extracting(Memory::kind)
                    .doesNotContain("talk");
            assertThat(s.chat(s.player(1, 11, c), 4)).noneMatch(r -> r.contains("PURPLE-OTTER") || r.contains("4321"));
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void exportCarriesNoRawTalkMessages(TestDatabases.Kind kind) {
        try (Play s = play(kind)) {
            GameCharacter c = create(s, 3);
            s.service().talk(s.player(1, 10, c), SECRET);
            withQuest(s, 1, 10, c);
            s.quests().abandon(s.player(1, 10, c));
            s.service().talk(s.player(1, 10, c), "PIN 4321, don't tell anyone");

            String card = new String(s.service().export(s.player(1, 10, c)), StandardCharsets.UTF_8);
            assertThat(card)
                    .doesNotContain("PURPLE-OTTER", "4321", "A keeper said")
                    .contains("Abandoned");
        }
    }

    static GameCharacter withQuest(Play s, long guild, long member, GameCharacter c) {
        s.quests().start(s.player(guild, member, c));
        return s.characters().byId(c.id()).orElseThrow();
    }
}
