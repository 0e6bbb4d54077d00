package dev.lorekeeper.app;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.lorekeeper.Refusal;
import dev.lorekeeper.chain.ChainReader;
import dev.lorekeeper.chain.DelegationReader;
import dev.lorekeeper.chain.TokenMetadataLocator;
import dev.lorekeeper.character.CharacterService;
import dev.lorekeeper.character.CharacterStore;
import dev.lorekeeper.character.Chronicle;
import dev.lorekeeper.character.Holdings;
import dev.lorekeeper.character.LivingMetadata;
import dev.lorekeeper.character.Lore;
import dev.lorekeeper.character.MemoryRecall;
import dev.lorekeeper.character.MemoryStore;
import dev.lorekeeper.character.Narrator;
import dev.lorekeeper.character.OfflineNarrator;
import dev.lorekeeper.character.PlayerWallets;
import dev.lorekeeper.character.QuestService;
import dev.lorekeeper.character.QuestStore;
import dev.lorekeeper.config.CharactersConfig;
import dev.lorekeeper.config.LorekeeperConfig;
import dev.lorekeeper.gate.GateCatalog;
import dev.lorekeeper.gate.Rule;
import dev.lorekeeper.knowledge.KnowledgeService;
import dev.lorekeeper.settings.GuildSettingsService;
import dev.lorekeeper.store.Database;
import dev.lorekeeper.wallet.WalletLink;
import dev.lorekeeper.wallet.WalletLinks;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** How characters and quests are built from config and the other features' parts. */
final class CharacterWiring {
    /** Both services share one store, narrator and memory. */
    record Characters(
            CharacterService characters,
            QuestService quests,
            LivingMetadata living,
            CharacterService.Collections collections) {}

    private CharacterWiring() {}

    static Characters build(Infra infra, GateCatalog gates, KnowledgeService knowledge) {
        LorekeeperConfig config = infra.config();
        CharactersConfig cc = config.characters();
        Clock clock = infra.clock();
        Database db = infra.db();
        GateWiring.ChainParts parts = infra.chain();
        CharacterStore store = new CharacterStore(db, clock);
        MemoryStore memories = new MemoryStore(db, clock);
        MemoryRecall recall = new MemoryRecall(cc.memoryTokens());
        LlmParts llm = infra.llm();
        Narrator narrator = new Narrator(
                llm.gateway(),
                llm.prompts(),
                new OfflineNarrator(llm.prompts().file("offline-narrator.yaml")),
                llm.output());
        Chronicle chronicle = new Chronicle(db, store, memories, narrator, cc.summaryEvery(), infra.work());
        // Its own reader: holder checks are trusted for a short while only, whatever the gating cache does.
        ChainReader reader = new ChainReader(
                parts.chains(),
                cc.ownershipCache(),
                config.gating().cacheMaxBytes(),
                config.gating().batchSize(),
                config.gating().multicall(),
                ChainReader.Mode.BATCHED);
        Holdings holdings = new Holdings(reader, parts.tokens(), infra.chainReads(), Duration.ofMillis(2_000));
        CharacterService.Collections collections = collections(cc, gates);
        CharacterService characters = new CharacterService(
                store,
                memories,
                recall,
                chronicle,
                narrator,
                new TokenMetadataLocator(reader, parts.metadata()),
                holdings,
                wallets(infra.links(), parts.delegations(), infra.settings()),
                collections,
                new QuestStore(db, clock),
                clock);
        QuestService quests = new QuestService(
                db, store, memories, recall, chronicle, narrator, lore(knowledge), cc.questCooldown(), clock);
        return new Characters(characters, quests, new LivingMetadata(store), collections);
    }

    /**
     * The playable collections of a server. Every character command asks for them, and reading the server's gates
     * is a database query, so the answer is kept for a few seconds (a new gate shows up within that time).
     */
    static CharacterService.Collections collections(CharactersConfig cc, GateCatalog gates) {
        Cache<Long, List<CharactersConfig.Collection>> cache = Caffeine.newBuilder()
                .expireAfterWrite(Duration.ofSeconds(10))
                .maximumSize(10_000)
                .build();
        return guildId -> cache.get(guildId, id -> collections(cc, gates, id));
    }

    /** The configured collections, plus every ERC-721 and ERC-1155 contract the server's gates ask for. */
    private static List<CharactersConfig.Collection> collections(CharactersConfig cc, GateCatalog gates, long guildId) {
        Set<CharactersConfig.Collection> out = new LinkedHashSet<>();
        cc.collections()
                .forEach(c -> out.add(new CharactersConfig.Collection(
                        c.chain(), c.contract().toLowerCase(Locale.ROOT), c.standard())));
        gates.gates(guildId)
                .forEach(g -> g.rule().requirements().forEach(r -> {
                    if (r instanceof Rule.Erc721 e) {
                        out.add(new CharactersConfig.Collection(
                                e.chain(), e.contract().toLowerCase(Locale.ROOT), "erc721"));
                    } else if (r instanceof Rule.Erc1155 e) {
                        out.add(new CharactersConfig.Collection(
                                e.chain(), e.contract().toLowerCase(Locale.ROOT), "erc1155"));
                    }
                }));
        return List.copyOf(out);
    }

    /** Verified wallets, plus cold wallets delegated to them when the server counts delegations. */
    private static PlayerWallets wallets(
            WalletLinks links, DelegationReader delegations, GuildSettingsService settings) {
        return (guildId, memberId, chain, contract) -> {
            List<String> hot = links.of(guildId, memberId).stream()
                    .map(WalletLink::address)
                    .toList();
            List<String> out = new ArrayList<>(hot);
            if (!hot.isEmpty() && settings.of(guildId).delegation()) {
                DelegationReader.Incoming incoming = delegations.incoming(chain, hot);
                if (!incoming.unknown().isEmpty()) {
                    // Without the cold wallets the answer could be a wrong "not yours".
                    throw new Refusal("I can't read the delegation registry right now to see your cold "
                            + "wallets. Please try again in a minute.");
                }
                incoming.byHot()
                        .values()
                        .forEach(list -> list.stream()
                                .filter(d ->
                                        d.contract() == null || d.contract().equalsIgnoreCase(contract))
                                .map(DelegationReader.Delegation::from)
                                .filter(from -> out.stream().noneMatch(a -> a.equalsIgnoreCase(from)))
                                .forEach(out::add));
            }
            return out;
        };
    }

    private static Lore lore(KnowledgeService knowledge) {
        return (query, passages) -> knowledge
                .index()
                .map(idx -> idx.search(query, passages).stream()
                        .map(h -> "[" + h.chunk().title() + "] "
                                + h.chunk().text().replaceAll("\\s+", " ").strip())
                        .map(t -> t.length() > 700 ? t.substring(0, 700) + "…" : t)
                        .collect(Collectors.joining("\n\n")))
                .orElse("");
    }
}
