package dev.lorekeeper.character;

import dev.lorekeeper.chain.TokenMetadata;
import dev.lorekeeper.llm.PromptTemplates;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;

/** Tokens, metadata and narrators shared by the character tests. */
final class CharacterFixtures {
    static final String CONTRACT = "0x00000000000000000000000000000000000000aa";

    private CharacterFixtures() {}

    static PromptTemplates prompts() {
        return new PromptTemplates(Path.of("prompts"));
    }

    static OfflineNarrator offline() {
        return new OfflineNarrator(prompts().file("offline-narrator.yaml"));
    }

    static TokenRef token(long id) {
        return new TokenRef("anvil", CONTRACT, BigInteger.valueOf(id));
    }

    static TokenMetadata fox(long id) {
        return new TokenMetadata(
                true,
                "Ember Fox #" + id,
                "A fox that guards the embers.",
                null,
                null,
                List.of(new TokenMetadata.Attribute("Fur", "Red"), new TokenMetadata.Attribute("Eyes", "Glow")),
                List.of(),
                null);
    }

    static GameCharacter character(long id) {
        return new GameCharacter(
                id,
                token(id),
                "Ember Fox #" + id,
                null,
                offline().persona(token(id), fox(id)),
                1,
                0,
                List.of(),
                "",
                0,
                null);
    }
}
