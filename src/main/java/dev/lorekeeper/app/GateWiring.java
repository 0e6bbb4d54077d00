package dev.lorekeeper.app;

import dev.lorekeeper.chain.ChainReader;
import dev.lorekeeper.chain.Chains;
import dev.lorekeeper.chain.CursorStore;
import dev.lorekeeper.chain.DelegationReader;
import dev.lorekeeper.chain.MetadataFetcher;
import dev.lorekeeper.chain.MetadataStore;
import dev.lorekeeper.chain.OwnerIndex;
import dev.lorekeeper.chain.RpcClient;
import dev.lorekeeper.chain.RpcObserver;
import dev.lorekeeper.chain.TokenLister;
import dev.lorekeeper.config.GatingConfig;
import dev.lorekeeper.config.LorekeeperConfig;
import dev.lorekeeper.config.MetadataConfig;
import dev.lorekeeper.gate.ChainHealth;
import dev.lorekeeper.gate.ColdWallets;
import dev.lorekeeper.gate.GateCatalog;
import dev.lorekeeper.gate.GateEvaluator;
import dev.lorekeeper.gate.GateStore;
import dev.lorekeeper.gate.PaceEstimate;
import dev.lorekeeper.gate.RoleOps;
import dev.lorekeeper.gate.RoleSync;
import dev.lorekeeper.http.OutboundHttp;
import dev.lorekeeper.http.PrivateNetworks;
import dev.lorekeeper.settings.GuildSettingsService;
import dev.lorekeeper.store.Database;
import dev.lorekeeper.wallet.WalletLinks;
import java.time.Clock;
import java.util.concurrent.Executor;

/** How the gating parts are built from config: shared by the running bot and the sweep command. */
final class GateWiring {
    private GateWiring() {}

    static Chains chains(LorekeeperConfig config) {
        return chains(config, RpcObserver.NONE);
    }

    static Chains chains(LorekeeperConfig config, RpcObserver observer) {
        Chains chains = new Chains();
        config.chains()
                .forEach((name, c) -> chains.add(
                        new Chains.Chain(name, c.chainId(), new RpcClient(name, c.rpcUrls(), c.timeout(), observer))));
        return chains;
    }

    static ChainReader reader(GatingConfig g, Chains chains) {
        return new ChainReader(
                chains, g.cacheTtl(), g.cacheMaxBytes(), g.batchSize(), g.multicall(), ChainReader.Mode.BATCHED);
    }

    /** Token metadata as configured; {@code store} null keeps fetched copies in memory only. */
    static MetadataFetcher metadata(LorekeeperConfig config, MetadataStore store, Clock clock) {
        MetadataConfig m = config.metadata();
        OutboundHttp http = new OutboundHttp(
                config.outbound().allowPrivateNetworks() ? PrivateNetworks.ALLOWED : PrivateNetworks.REFUSED);
        return new MetadataFetcher(
                new MetadataFetcher.Settings(
                        m.ipfsGateways(), m.arweaveGateways(), m.timeout(), m.refresh(), m.cacheMaxBytes()),
                http,
                store,
                clock);
    }

    /**
     * The chain-reading parts that gating and characters share, built once so that their caches (metadata, token
     * lists, delegations) serve both.
     */
    record ChainParts(
            Chains chains,
            ChainReader reader,
            OwnerIndex ownerIndex,
            TokenLister tokens,
            MetadataFetcher metadata,
            DelegationReader delegations) {}

    static ChainParts chainParts(LorekeeperConfig config, Database db, Chains chains, Clock clock) {
        GatingConfig g = config.gating();
        OwnerIndex ownerIndex = new OwnerIndex(db, new CursorStore(db, clock));
        return new ChainParts(
                chains,
                reader(g, chains),
                ownerIndex,
                new TokenLister(ownerIndex, chains, g.confirmations()),
                metadata(config, new MetadataStore(db, clock), clock),
                new DelegationReader(chains, g.delegateRegistry(), g.cacheTtl()));
    }

    /** The gating parts: the gates of every server, role sync, and the cold wallets that count for members. */
    record Gating(GateCatalog catalog, RoleSync sync, ColdWallets coldWallets) {}

    static Gating gating(
            LorekeeperConfig config,
            Database db,
            ChainParts parts,
            WalletLinks links,
            RoleOps roles,
            GuildSettingsService settings,
            Clock clock,
            Executor ahead) {
        GateCatalog catalog = new GateCatalog(
                new GateStore(db, clock), config.gates(), config.chains().keySet());
        ColdWallets coldWallets = new ColdWallets(parts.delegations(), settings);
        RoleSync sync = new RoleSync(
                catalog,
                new GateEvaluator(parts.reader(), parts.metadata(), parts.tokens()),
                coldWallets,
                links,
                db,
                roles,
                new ChainHealth(roles, config.gating().failuresBeforeAlert()),
                new PaceEstimate(config.gating().roleChangesPerTenSeconds()),
                clock,
                ahead);
        return new Gating(catalog, sync, coldWallets);
    }
}
