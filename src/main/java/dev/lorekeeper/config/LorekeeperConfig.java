package dev.lorekeeper.config;

import java.util.List;
import java.util.Map;

/** The whole configuration, as loaded from YAML and the environment. Absent sections take their defaults. */
public record LorekeeperConfig(
        DiscordConfig discord,
        StorageConfig storage,
        WebConfig web,
        LlmConfig llm,
        Map<String, ChainConfig> chains,
        KnowledgeConfig knowledge,
        VerificationConfig verification,
        GatingConfig gating,
        List<GateConfig> gates,
        MetadataConfig metadata,
        CharactersConfig characters,
        GuildDefaults guildDefaults,
        OutboundConfig outbound) {

    public LorekeeperConfig {
        discord = discord == null ? DiscordConfig.defaults() : discord;
        storage = storage == null ? StorageConfig.defaults() : storage;
        web = web == null ? WebConfig.defaults() : web;
        chains = chains == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(chains));
        knowledge = knowledge == null ? KnowledgeConfig.defaults() : knowledge;
        verification = verification == null ? VerificationConfig.defaults() : verification;
        gating = gating == null ? GatingConfig.defaults() : gating;
        gates = gates == null ? List.of() : List.copyOf(gates);
        metadata = metadata == null ? MetadataConfig.defaults() : metadata;
        characters = characters == null ? CharactersConfig.defaults() : characters;
        llm = llm == null ? LlmConfig.defaults() : llm;
        guildDefaults = guildDefaults == null ? GuildDefaults.defaults() : guildDefaults;
        outbound = outbound == null ? OutboundConfig.defaults() : outbound;
    }

    public boolean llmConfigured() {
        return llm.configured();
    }
}
