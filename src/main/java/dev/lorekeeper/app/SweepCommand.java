package dev.lorekeeper.app;

import dev.lorekeeper.config.LorekeeperConfig;
import dev.lorekeeper.gate.RecordedRoles;
import dev.lorekeeper.gate.SyncPlan;
import dev.lorekeeper.settings.GuildSettingsService;
import dev.lorekeeper.store.Database;
import dev.lorekeeper.store.JdbcGuildSettingsStore;
import dev.lorekeeper.wallet.WalletLinks;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lorekeeper sweep --guild ID --dry-run}: who would gain and lose which role, and why. */
@Command(
        name = "sweep",
        description = "Plan a full role sweep of one server (compared with the roles Lorekeeper " + "last applied)",
        mixinStandardHelpOptions = true)
public final class SweepCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(names = "--guild", required = true, paramLabel = "ID", description = "The server's id")
    long guild;

    @Option(
            names = "--dry-run",
            description = "Print the plan without changing anything (required: live sweeps "
                    + "run inside the bot, see /gate resync)")
    boolean dryRun;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!dryRun) {
            throw new CliFailure(
                    2,
                    "error: only --dry-run is supported here; a live sweep runs inside the bot "
                            + "(/gate resync in Discord, or wait for the periodic sweep).");
        }
        LorekeeperConfig c = config.load().config();
        PrintWriter out = spec.commandLine().getOut();
        try (Database db = Database.open(
                c.storage().jdbcUrl(),
                c.storage().username(),
                c.storage().password(),
                2,
                c.storage().connectTimeout().toMillis())) {
            Clock clock = Clock.systemUTC();
            GateWiring.ChainParts chain = GateWiring.chainParts(c, db, GateWiring.chains(c), clock);
            GateWiring.Gating gates = GateWiring.gating(
                    c,
                    db,
                    chain,
                    new WalletLinks(db, clock),
                    new RecordedRoles(db),
                    new GuildSettingsService(c.guildDefaults(), new JdbcGuildSettingsStore(db, clock)),
                    clock,
                    Runnable::run); // a dry run plans in one pass: nothing to read ahead of
            if (gates.catalog().gates(guild).isEmpty()) {
                out.println("server " + guild + " has no gates");
                out.flush();
                return 0;
            }
            SyncPlan plan = gates.sync().plan(guild, gates.sync().sweepableMembers(guild));
            out.println(
                    "checked " + plan.checked() + " members; " + plan.changes().size() + " changes"
                            + (plan.unknown() > 0
                                    ? "; " + plan.unknown() + " members kept as they are (chain unreadable)"
                                    : ""));
            plan.changes()
                    .forEach(p -> out.println((p.add() ? "+ gains " : "- loses ") + "role " + p.roleId() + "  member "
                            + p.memberId() + "  because: " + p.reason()));
            out.flush();
            return 0;
        }
    }
}
