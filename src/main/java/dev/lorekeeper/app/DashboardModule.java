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

    private final dev.lorekeeper.knowledge.KnowledgeService knowledge;

    DashboardModule(Infra infra, GatingModule gating, dev.lorekeeper.knowledge.KnowledgeService knowledge) {
        this.infra = infra;
        this.gating = gating;
        this.knowledge = knowledge;
    }

    /** The overview's health lines: what /readyz and the metrics say, in words. */
    private java.util.Map<String, String> health() {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        out.put("Discord gateway", infra.discord().connected() ? "connected" : "connecting");
        long waiting = gating.outbox().pendingCount();
        double oldest = gating.outbox().oldestPendingSeconds();
        out.put("Role changes waiting", waiting + (waiting > 0 ? " (oldest " + Math.round(oldest) + " s)" : ""));
        out.put(
                "Chain reads",
                infra.chain().chains().isEmpty()
                        ? "no chains configured"
                        : infra.chain().chains().all().size() + " chain(s) configured");
        out.put("Chain watcher, sweep and outbox", infra.routines().health().detail());
        return out;
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
                infra.work(),
                new dev.lorekeeper.character.ServerCharacters(infra.db()),
                infra.llm().usage(),
                knowledge,
                new dev.lorekeeper.knowledge.QaReports(infra.db(), infra.clock()),
                this::health,
                gating.alerts());
        return List.of(new DashboardRoutes(services, web.publicUrl(), web.https()));
    }
}
