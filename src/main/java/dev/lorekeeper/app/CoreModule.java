package dev.lorekeeper.app;

import dev.lorekeeper.discord.AboutCommand;
import dev.lorekeeper.discord.SettingsCommand;
import dev.lorekeeper.discord.SlashCommand;
import dev.lorekeeper.discord.StatsCommand;
import dev.lorekeeper.settings.FeatureStatusSource;
import dev.lorekeeper.web.HealthRoutes;
import java.util.List;

/** What every server has whatever it switches on: /about, /settings, /stats, and the process's own health. */
final class CoreModule implements FeatureModule {
    private final Infra infra;
    private final List<FeatureStatusSource> features;

    CoreModule(Infra infra, List<FeatureStatusSource> features) {
        this.infra = infra;
        this.features = List.copyOf(features);
    }

    @Override
    public String name() {
        return "core";
    }

    @Override
    public List<SlashCommand> commands() {
        return List.of(
                new AboutCommand(features, infra.settings(), VersionInfo.version()),
                new SettingsCommand(infra.settings()),
                new StatsCommand(
                        infra.llm().usage(), infra.settings(), infra.config().llmConfigured()));
    }

    @Override
    public List<HealthRoutes.Check> checks() {
        return List.of(
                new HealthRoutes.Check(
                        "database",
                        () -> infra.db().withConnection(c -> c.isValid(2))
                                ? HealthRoutes.Status.ok()
                                : HealthRoutes.Status.notReady("unreachable")),
                new HealthRoutes.Check(
                        "gateway",
                        () -> infra.discord().connected()
                                ? HealthRoutes.Status.ok()
                                : HealthRoutes.Status.notReady("connecting")),
                new HealthRoutes.Check("routines", infra.routines()::health));
    }
}
