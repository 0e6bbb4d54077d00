package dev.lorekeeper.app;

import dev.lorekeeper.chain.CursorStore;
import dev.lorekeeper.config.Feature;
import dev.lorekeeper.config.GatingConfig;
import dev.lorekeeper.config.LorekeeperConfig;
import dev.lorekeeper.discord.GateCommand;
import dev.lorekeeper.discord.JdaRoleOps;
import dev.lorekeeper.discord.MemberJoinRoleSync;
import dev.lorekeeper.discord.SlashCommand;
import dev.lorekeeper.gate.ChainWatcher;
import dev.lorekeeper.gate.GateCatalog;
import dev.lorekeeper.gate.OutboxPruning;
import dev.lorekeeper.gate.OutboxWorker;
import dev.lorekeeper.gate.OwnerIndexer;
import dev.lorekeeper.gate.RecentAlerts;
import dev.lorekeeper.gate.RecordedRoles;
import dev.lorekeeper.gate.RoleOutbox;
import dev.lorekeeper.gate.RoleSync;
import dev.lorekeeper.settings.FeatureStatus;
import dev.lorekeeper.settings.FeatureStatusSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.hooks.EventListener;

/** Token-gated roles: /gate, role sync, the role outbox, the chain watcher, the owner index and the sweep. */
final class GatingModule implements FeatureModule {
    private final Infra infra;
    private final GateWiring.Gating gating;
    private final RecentAlerts roleOps;
    private final RoleOutbox outbox;

    GatingModule(Infra infra) {
        this.infra = infra;
        LorekeeperConfig config = infra.config();
        // Role changes of a server are applied by the process that runs its shard; others are planned from the roles
        // Lorekeeper last applied.
        this.roleOps = new RecentAlerts(
                new JdaRoleOps(
                        infra.discord()::guild,
                        infra.settings(),
                        config.discord().shards()::owns,
                        new RecordedRoles(infra.db())),
                infra.clock());
        this.gating = GateWiring.gating(
                config,
                infra.db(),
                infra.chain(),
                infra.links(),
                roleOps,
                infra.settings(),
                infra.clock(),
                infra.chainReads());
        this.outbox = new RoleOutbox(infra.db(), infra.clock());
        infra.telemetry().gauge("lorekeeper.role.outbox.depth", "Role changes waiting", outbox::pendingCount);
        infra.telemetry()
                .gauge(
                        "lorekeeper.role.outbox.oldest.seconds",
                        "Age of the oldest waiting role change",
                        outbox::oldestPendingSeconds);
    }

    GateCatalog catalog() {
        return gating.catalog();
    }

    RoleOutbox outbox() {
        return outbox;
    }

    /** The alerts this process posted to audit channels, for the dashboard's overview. */
    RecentAlerts alerts() {
        return roleOps;
    }

    RoleSync sync() {
        return gating.sync();
    }

    @Override
    public String name() {
        return "gating";
    }

    @Override
    public List<SlashCommand> commands() {
        return List.of(new GateCommand(gating.catalog(), gating.sync(), infra.work()));
    }

    @Override
    public List<EventListener> listeners() {
        return List.of(new MemberJoinRoleSync(gating.sync(), infra.work()));
    }

    @Override
    public List<Routine> routines() {
        LorekeeperConfig config = infra.config();
        GatingConfig g = config.gating();
        List<Routine> out = new ArrayList<>();
        out.add(Routine.local(
                "role outbox",
                Duration.ofSeconds(1),
                Duration.ofMillis(250),
                new OutboxWorker(
                        outbox,
                        roleOps,
                        g.roleChangesPerTenSeconds(),
                        infra.clock(),
                        config.discord().shards().total(),
                        config.discord().shards().idList(),
                        infra.roleChanges())));
        // Any process may prune; the lease keeps two from deleting the same rows at once.
        out.add(Routine.leased(
                "outbox prune",
                Duration.ofMinutes(10),
                Duration.ofMinutes(1),
                Duration.ofHours(1),
                new OutboxPruning(outbox, g.outboxRetention(), infra.clock())));
        if (infra.chain().chains().isEmpty()) {
            return out;
        }
        // Jobs that must run once across processes hold a lease; another process takes over within one lease.
        Duration lease = g.pollInterval().multipliedBy(5).plusSeconds(10);
        out.add(Routine.leased(
                "chain-watcher",
                lease,
                g.pollInterval(),
                g.pollInterval(),
                new ChainWatcher(
                        infra.chain().chains(),
                        new CursorStore(infra.db(), infra.clock()),
                        gating.catalog(),
                        gating.sync(),
                        gating.coldWallets(),
                        infra.chain().reader(),
                        infra.links(),
                        g.confirmations(),
                        g.logBlockRange())));
        out.add(Routine.leased(
                "owner-index",
                lease,
                Duration.ofMillis(500),
                g.pollInterval(),
                new OwnerIndexer(
                        gating.catalog(),
                        infra.chain().chains(),
                        infra.chain().reader(),
                        infra.chain().ownerIndex(),
                        g.confirmations(),
                        g.logBlockRange())));
        out.add(Routine.leased(
                "sweep",
                g.sweepInterval().plusMinutes(5),
                Duration.ofMillis(Math.min(60_000, g.sweepInterval().toMillis())),
                g.sweepInterval(),
                gating.sync()::sweepAll));
        return out;
    }

    @Override
    public Optional<FeatureStatusSource> status() {
        GatingConfig g = infra.config().gating();
        return Optional.of(FeatureStatusSource.switchable(
                Feature.GATING,
                s -> infra.chain().chains().isEmpty()
                        ? FeatureStatus.inactive(Feature.GATING, "no chains are configured (add one under chains:)")
                        : FeatureStatus.active(
                                Feature.GATING,
                                gating.catalog().gates(s.guildId()).size() + " gate(s); "
                                        + "roles follow transfers within "
                                        + g.pollInterval().toSeconds() + " s, with a full check "
                                        + "every " + g.sweepInterval().toHours() + " h")));
    }
}
