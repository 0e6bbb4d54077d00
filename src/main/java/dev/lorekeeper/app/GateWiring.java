package dev.lorekeeper.app;

import dev.lorekeeper.chain.ChainReader;
import dev.lorekeeper.chain.CursorStore;
import dev.lorekeeper.chain.OwnerIndex;
import dev.lorekeeper.chain.TokenLister;
import dev.lorekeeper.chain.DelegationReader;
import dev.lorekeeper.config.GuildSettingsService;
import dev.lorekeeper.chain.Chains;
import dev.lorekeeper.chain.MetadataFetcher;
import dev.lorekeeper.chain.MetadataStore;
import dev.lorekeeper.chain.RpcClient;
import dev.lorekeeper.chain.RpcObserver;
import dev.lorekeeper.config.GatingConfig;
import dev.lorekeeper.config.LorekeeperConfig;
import dev.lorekeeper.gate.ChainHealth;
import dev.lorekeeper.gate.GateEvaluator;
import dev.lorekeeper.gate.GateService;
import dev.lorekeeper.gate.GateStore;
import dev.lorekeeper.gate.RoleOps;
import dev.lorekeeper.store.Database;
import dev.lorekeeper.wallet.WalletLinks;
import java.time.Clock;
import java.time.Duration;

/** How the gating parts are built from config: shared by the running bot and the sweep command. */
final class GateWiring {
    private GateWiring() {
    }

    static Chains chains(LorekeeperConfig config) {
        return chains(config, RpcObserver.NONE);
    }

    static Chains chains(LorekeeperConfig config, RpcObserver observer) {
        Chains chains = new Chains();
        config.chains().forEach((name, c) -> chains.add(new Chains.Chain(name, c.chainId(),
                new RpcClient(name, c.rpcUrls(), Duration.ofSeconds(10), observer))));
        return chains;
    }

    static ChainReader reader(GatingConfig g, Chains chains) {
        return new ChainReader(chains, g.cacheTtl(), g.batchSize(), g.multicall(), ChainReader.Mode.BATCHED);
    }

    /** Token metadata with the DB cache: shared by trait rules and characters. */
    static MetadataFetcher metadataFetcher(LorekeeperConfig config, Database db) {
        return new MetadataFetcher(config.metadata().ipfsGateways(), config.metadata().timeout(),
                new MetadataStore(db), config.metadata().refresh(), Clock.systemUTC());
    }

    static GateService service(LorekeeperConfig config, Database db, ChainReader reader, RoleOps roles,
            Chains chains, GuildSettingsService settings) {
        MetadataFetcher metadata = metadataFetcher(config, db);
        return new GateService(new GateStore(db), config.gates(), config.chains().keySet(),
                new GateEvaluator(reader, metadata, new TokenLister(new OwnerIndex(db, new CursorStore(db)), chains,
                        config.gating().confirmations())), new WalletLinks(db), db, roles,
                new ChainHealth(roles, config.gating().failuresBeforeAlert()), Clock.systemUTC(),
                new DelegationReader(chains, config.gating().delegateRegistry(), config.gating().cacheTtl()), settings);
    }
}
