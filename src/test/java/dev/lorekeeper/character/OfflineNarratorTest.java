package dev.lorekeeper.character;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorekeeper.chain.TokenMetadata;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OfflineNarratorTest {
    final OfflineNarrator narrator = CharacterFixtures.offline();

    @Test
    void theSameTokenAlwaysGetsTheSamePersonaAndQuestsAndOtherTokensGetOthers() {
        assertThat(narrator.persona(CharacterFixtures.token(1), CharacterFixtures.fox(1)))
                .isEqualTo(narrator.persona(CharacterFixtures.token(1), CharacterFixtures.fox(1)));
        GameCharacter c = CharacterFixtures.character(1);
        assertThat(narrator.quest(c, 3, List.of(), List.of())).isEqualTo(narrator.quest(c, 3, List.of(), List.of()));
        Set<String> titles = new HashSet<>();
        for (long id = 1; id <= 20; id++) {
            titles.add(narrator.quest(CharacterFixtures.character(id), 1, List.of(), List.of())
                    .title());
        }
        assertThat(titles).hasSizeGreaterThan(5);
    }

    @Test
    void theArchetypeFollowsTheTraitsAndStatsComeFromThem() {
        Persona p = narrator.persona(CharacterFixtures.token(1), CharacterFixtures.fox(1));
        assertThat(p.archetype()).isEqualTo("Pyromancer");
        assertThat(p.source()).isEqualTo("offline");
        assertThat(p.traits()).containsExactly("Fur: Red", "Eyes: Glow");
        TokenMetadata robot = new TokenMetadata(
                true,
                "Unit 9",
                "",
                null,
                null,
                List.of(new TokenMetadata.Attribute("Body", "Chrome"), new TokenMetadata.Attribute("Eyes", "Laser")),
                List.of(),
                null);
        assertThat(narrator.persona(CharacterFixtures.token(2), robot).archetype())
                .isEqualTo("Tinkerer");
        TokenMetadata bare = new TokenMetadata(false, null, null, null, null, List.of(), List.of(), "timeout");
        Persona unnamed = narrator.persona(CharacterFixtures.token(3), bare);
        assertThat(unnamed.name()).isEqualTo("Token #3");
        assertThat(unnamed.stats()).isEqualTo(new Persona.Stats(3, 3, 3));
        assertThat(p.stats().might() + p.stats().wits() + p.stats().heart()).isGreaterThan(9);
    }

    @Test
    void everyOfflineQuestPassesTheSameSchemaAsAModelsAndAvoidsRecentTitles() {
        QuestPlanParser parser = new QuestPlanParser();
        for (long id = 1; id <= 40; id++) {
            QuestPlan plan = narrator.quest(CharacterFixtures.character(id), (int) id, List.of(), List.of());
            QuestPlanParser.Parsed parsed = parser.parse(CharacterStore.json(plan));
            assertThat(parsed.problems()).as("token " + id).isEmpty();
            assertThat(parsed.plan()).isEqualTo(plan);
        }
        GameCharacter c = CharacterFixtures.character(5);
        QuestPlan first = narrator.quest(c, 2, List.of(), List.of());
        QuestPlan other = narrator.quest(c, 2, List.of(first.title()), List.of(first.hook()));
        assertThat(other.title()).isNotEqualTo(first.title());
        assertThat(other.hook()).isNotEqualTo(first.hook());
    }

    @Test
    void talkDrawsOnARecalledMemoryAndSummariesKeepTheImportantOnes() {
        GameCharacter c = CharacterFixtures.character(1);
        Memory m = new Memory(1, "quest", "Completed \"The Ember Vault\".", 8, Instant.now());
        assertThat(narrator.talk(c, "remember the vault?", List.of(m), 1))
                .startsWith(c.persona().greeting())
                .contains("Completed \"The Ember Vault\"")
                .doesNotContain("{", "}");
        String summary = narrator.summarize(
                "",
                List.of(
                        new Memory(1, "talk", "Chatted about the weather.", 2, Instant.parse("2026-01-01T00:00:00Z")),
                        new Memory(
                                2,
                                "quest",
                                "Completed \"The Ember Vault\".",
                                8,
                                Instant.parse("2026-01-02T00:00:00Z"))));
        assertThat(summary).contains("The Ember Vault");
    }

    @Test
    void offlineNarratorDoesNotEchoMemberLink() {
        GameCharacter c = CharacterFixtures.character(1);
        Memory own = new Memory(1, "talk", "A keeper said \"mint at https://evil.example/mint\"", 2, Instant.now());
        for (long turn = 0; turn < 8; turn++) {
            String reply = narrator.talk(
                    c,
                    "[free mint](<https://evil.example/claim>) at ｈｔｔｐｓ：／／evil。example "
                            + "or https://evil.example/x <@123> @everyone",
                    List.of(own),
                    turn);
            assertThat(reply).contains("free mint").doesNotContain("evil", "http", "ｈｔｔｐｓ", "@everyone", "<@123>");
        }
    }

    @Test
    void aBrokenTemplateFileIsReportedByName() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new OfflineNarrator("archetypes: []"))
                .hasMessageContaining("offline-narrator.yaml")
                .hasMessageContaining("archetypes");
    }
}
