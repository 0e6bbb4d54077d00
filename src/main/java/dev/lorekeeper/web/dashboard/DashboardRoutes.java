package dev.lorekeeper.web.dashboard;

import dev.lorekeeper.character.ServerCharacters;
import dev.lorekeeper.dashboard.DashboardSessions;
import dev.lorekeeper.dashboard.DiscordLogin;
import dev.lorekeeper.dashboard.GuildDirectory;
import dev.lorekeeper.gate.GateCatalog;
import dev.lorekeeper.gate.RecentAlerts;
import dev.lorekeeper.gate.RoleChangeLog;
import dev.lorekeeper.gate.RoleSync;
import dev.lorekeeper.knowledge.KnowledgeService;
import dev.lorekeeper.knowledge.QaReports;
import dev.lorekeeper.llm.LlmUsage;
import dev.lorekeeper.settings.GuildSettingsService;
import dev.lorekeeper.web.WebRoutes;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The moderators' dashboard: "Log in with Discord" ({@link LoginRoutes}), sessions behind a random cookie, and the
 * server pages, one class each. Every server page goes through {@link AccessChecks}: the member's access from the
 * bot's own view of them on every request (Manage Server manages; the moderator role reads), and the session's CSRF
 * token on every POST; gate changes go through the same catalog, validator and role rules as /gate.
 */
public final class DashboardRoutes implements WebRoutes {
    static final String SESSION_COOKIE = "lk_session";
    static final String LOGIN_COOKIE = "lk_login";
    private static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
            + "base-uri 'none'; frame-ancestors 'none'";

    /** What the dashboard works with, built by the wiring. */
    public record Services(
            DashboardSessions sessions,
            DiscordLogin login,
            GuildDirectory directory,
            GuildSettingsService settings,
            GateCatalog gates,
            RoleSync sync,
            RoleChangeLog roleChanges,
            Executor work,
            ServerCharacters characters,
            LlmUsage usage,
            KnowledgeService knowledge,
            QaReports qa,
            Supplier<Map<String, String>> health,
            RecentAlerts alerts) {}

    private final AccessChecks checks;
    private final LoginRoutes login;
    private final ServerListPage servers;
    private final OverviewPage overview;
    private final GatesPage gates;
    private final GateBuilderPage builder;
    private final DryRunPage dryRun;
    private final AuditPage audit;
    private final CharactersPage characters;
    private final DocsPage docs;

    public DashboardRoutes(Services services, String publicUrl, boolean secureCookies) {
        this.checks = new AccessChecks(services, publicUrl);
        this.login = new LoginRoutes(services, checks, secureCookies);
        this.servers = new ServerListPage(services, checks);
        this.overview = new OverviewPage(services);
        Resyncs resyncs = new Resyncs(services.sync(), services.work());
        this.gates = new GatesPage(services, resyncs);
        this.builder = new GateBuilderPage(services, resyncs);
        this.dryRun = new DryRunPage(services);
        this.audit = new AuditPage(services);
        this.characters = new CharactersPage(services);
        this.docs = new DocsPage(services);
    }

    /** The routes, in the order Javalin matches them: the fixed paths under /gates before /gates/{id}. */
    @Override
    public void install(Javalin app) {
        app.before("/dashboard*", DashboardRoutes::headers);
        app.before("/auth/*", DashboardRoutes::headers);
        app.get("/dashboard/static/dashboard.css", DashboardRoutes::css);
        app.get("/auth/login", login::login);
        app.get("/auth/callback", login::callback);
        app.post("/auth/logout", login::logout);
        app.get("/dashboard", servers::show);
        app.get("/dashboard/{guild}", ctx -> checks.page(ctx, overview::show));
        app.get("/dashboard/{guild}/gates", ctx -> checks.page(ctx, gates::show));
        app.get("/dashboard/{guild}/gates/new", ctx -> checks.page(ctx, builder::newGate));
        app.get("/dashboard/{guild}/gates/test", ctx -> checks.page(ctx, dryRun::show));
        app.post("/dashboard/{guild}/gates/new", ctx -> checks.post(ctx, builder::save));
        app.get("/dashboard/{guild}/gates/{id}", ctx -> checks.page(ctx, builder::editGate));
        app.post("/dashboard/{guild}/gates/{id}", ctx -> checks.post(ctx, builder::save));
        app.post("/dashboard/{guild}/gates/{id}/delete", ctx -> checks.post(ctx, builder::delete));
        app.post("/dashboard/{guild}/resync", ctx -> checks.post(ctx, gates::resync));
        app.post("/dashboard/{guild}/settings", ctx -> checks.post(ctx, overview::saveSwitches));
        app.post("/dashboard/{guild}/settings/channels", ctx -> checks.post(ctx, overview::saveChannels));
        app.get("/dashboard/{guild}/audit", ctx -> checks.page(ctx, audit::show));
        app.get("/dashboard/{guild}/characters", ctx -> checks.page(ctx, characters::show));
        app.get("/dashboard/{guild}/docs", ctx -> checks.page(ctx, docs::show));
        app.get("/dashboard/{guild}/docs/llm-usage.png", ctx -> checks.page(ctx, docs::usageChart));
        app.post("/dashboard/{guild}/docs/reload", ctx -> checks.post(ctx, docs::reload));
    }

    /**
     * Forms post to this site only; the referrer stays on this site, so that browsers send a real Origin with each
     * form (with no-referrer they send "null", which the Origin check would refuse).
     */
    private static void headers(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("Referrer-Policy", "same-origin");
    }

    private static void css(Context ctx) throws IOException {
        try (InputStream in = DashboardRoutes.class.getResourceAsStream("/web/dashboard.css")) {
            ctx.header("Cache-Control", "public, max-age=3600");
            ctx.contentType("text/css").result(in == null ? new byte[0] : in.readAllBytes());
        }
    }
}
