package dev.lorekeeper.app;

import dev.lorekeeper.config.OAuthConfig;
import dev.lorekeeper.config.WebConfig;
import dev.lorekeeper.dashboard.DashboardSessions;
import dev.lorekeeper.dashboard.DiscordLogin;
import dev.lorekeeper.discord.JdaGuildDirectory;
import dev.lorekeeper.gate.RoleChangeLog;
import dev.lorekeeper.http.OutboundHttp;
import dev.lorekeeper.web.WebRoutes;
import dev.lorekeeper.web.dashboard.DashboardRoutes;
import java.util.List;

/**
 * The moderators' web dashboard: "Log in with Discord", sessions, and the server pages over the gate and settings
 * services. Off unless {@code web.oauth.client-id} is set.
 */
final class DashboardModule implements FeatureModule {
    private final Infra infra;
    private final GatingModule gating;

    DashboardModule(Infra infra, GatingModule gating) {
        this.infra = infra;
        this.gating = gating;
    }

    @Override
    public String name() {
        return "dashboard";
    }

    @Override
    public List<WebRoutes> routes() {
        WebConfig web = infra.config().web();
        OAuthConfig oauth = web.oauth();
        if (!oauth.enabled()) {
            return List.of();
        }
        DashboardRoutes.Services services = new DashboardRoutes.Services(
                new DashboardSessions(infra.db(), infra.clock(), oauth.sessionIdle(), oauth.sessionMax()),
                new DiscordLogin(oauth, web.publicUrl(), new OutboundHttp()),
                new JdaGuildDirectory(infra.discord()::guild),
                infra.settings(),
                gating.catalog(),
                gating.sync(),
                new RoleChangeLog(infra.db()),
                infra.work());
        return List.of(new DashboardRoutes(services, web.publicUrl(), web.https()));
    }
}
