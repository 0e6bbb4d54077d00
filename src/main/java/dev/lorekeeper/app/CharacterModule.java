package dev.lorekeeper.app;

import dev.lorekeeper.chain.Chains;
import dev.lorekeeper.character.PublicCharacters;
import dev.lorekeeper.config.Feature;
import dev.lorekeeper.config.LorekeeperConfig;
import dev.lorekeeper.discord.CharacterCommand;
import dev.lorekeeper.discord.QuestCommand;
import dev.lorekeeper.discord.SlashCommand;
import dev.lorekeeper.gate.GateCatalog;
import dev.lorekeeper.knowledge.KnowledgeService;
import dev.lorekeeper.settings.FeatureStatus;
import dev.lorekeeper.settings.FeatureStatusSource;
import dev.lorekeeper.web.CharacterPageRoutes;
import dev.lorekeeper.web.MetadataRoutes;
import dev.lorekeeper.web.WebRoutes;
import java.util.List;
import java.util.Optional;

/** Characters and quests: /character, /quest, and living metadata for each played token. */
final class CharacterModule implements FeatureModule {
    private final Infra infra;
    private final CharacterWiring.Characters play;

    /** Playable collections come from the gates; quests draw lore from the docs. */
    CharacterModule(Infra infra, GateCatalog gates, KnowledgeService knowledge) {
        this.infra = infra;
        this.play = CharacterWiring.build(infra, gates, knowledge);
    }

    @Override
    public String name() {
        return "characters";
    }

    @Override
    public List<SlashCommand> commands() {
        return List.of(
                new CharacterCommand(play.characters(), infra.settings(), infra.replies()),
                new QuestCommand(play.quests(), play.characters(), infra.settings(), infra.replies()));
    }

    @Override
    public List<WebRoutes> routes() {
        Chains chains = infra.chain().chains();
        LorekeeperConfig config = infra.config();
        java.util.Set<String> names = new java.util.HashSet<>();
        chains.all().forEach(c -> names.add(c.name()));
        return List.of(
                new MetadataRoutes(play.living(), id -> chains.byId(id).map(Chains.Chain::name)),
                new CharacterPageRoutes(
                        new PublicCharacters(infra.db(), infra.clock(), infra.settings()),
                        names,
                        name -> chains.byName(name).map(Chains.Chain::chainId),
                        config.web().publicUrl(),
                        java.util.stream.Stream.concat(
                                        config.metadata().ipfsGateways().stream(),
                                        config.metadata().arweaveGateways().stream())
                                .toList()));
    }

    @Override
    public Optional<FeatureStatusSource> status() {
        LorekeeperConfig config = infra.config();
        return Optional.of(FeatureStatusSource.switchable(Feature.CHARACTERS, s -> {
            int n = play.collections().of(s.guildId()).size();
            return n == 0
                    ? FeatureStatus.inactive(
                            Feature.CHARACTERS,
                            "no playable collection (add a gate on an "
                                    + "NFT, or characters.collections in the config)")
                    : FeatureStatus.active(
                            Feature.CHARACTERS,
                            n + " playable collection(s); stories by "
                                    + (config.llmConfigured()
                                            ? config.llm().model() + ", offline narrator as fallback"
                                            : "the offline narrator (no LLM configured)"));
        }));
    }
}
