package dev.lorekeeper.web.dashboard;

import dev.lorekeeper.config.RuleSpec;
import dev.lorekeeper.dashboard.Access;
import dev.lorekeeper.dashboard.DashboardSessions;
import dev.lorekeeper.dashboard.DashboardSessions.Session;
import dev.lorekeeper.dashboard.DiscordLogin;
import dev.lorekeeper.dashboard.GuildDirectory;
import dev.lorekeeper.gate.Gate;
import dev.lorekeeper.gate.GateCatalog;
import dev.lorekeeper.gate.RoleChangeLog;
import dev.lorekeeper.gate.RoleSync;
import dev.lorekeeper.gate.SyncKind;
import dev.lorekeeper.settings.GuildSettingsService;
import dev.lorekeeper.web.RequestBody;
import dev.lorekeeper.web.WebRoutes;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The moderators' dashboard: "Log in with Discord" (OAuth2 code grant with PKCE and a state bound to the browser),
 * sessions behind a random cookie, and the server pages. Every server page checks, on every request, the member's
 * access from the bot's own view of them (Manage Server manages; the moderator role reads); every POST carries the
 * session's CSRF token; gate changes go through the same catalog, validator and role rules as /gate.
 */
public final class DashboardRoutes implements WebRoutes {
    static final String SESSION_COOKIE = "lk_session";
    static final String LOGIN_COOKIE = "lk_login";
    static final int AUDIT_PAGE = 50;
    private static final Logger log = LoggerFactory.getLogger(DashboardRoutes.class);
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
            dev.lorekeeper.character.ServerCharacters characters,
            dev.lorekeeper.llm.LlmUsage usage,
            dev.lorekeeper.knowledge.KnowledgeService knowledge,
            dev.lorekeeper.knowledge.QaReports qa,
            java.util.function.Supplier<Map<String, String>> health) {}

    private final Services s;
    private final String publicUrl;
    private final boolean secureCookies;

    public DashboardRoutes(Services services, String publicUrl, boolean secureCookies) {
        this.s = services;
        this.publicUrl = publicUrl;
        this.secureCookies = secureCookies;
    }

    @Override
    public void install(Javalin app) {
        app.before("/dashboard*", DashboardRoutes::headers);
        app.before("/auth/*", DashboardRoutes::headers);
        app.get("/dashboard/static/dashboard.css", this::css);
        app.get("/auth/login", this::login);
        app.get("/auth/callback", this::callback);
        app.post("/auth/logout", this::logout);
        app.get("/dashboard", this::servers);
        app.get("/dashboard/{guild}", ctx -> guildPage(ctx, this::overview));
        app.get("/dashboard/{guild}/gates", ctx -> guildPage(ctx, this::gates));
        app.get("/dashboard/{guild}/gates/new", ctx -> guildPage(ctx, this::newGate));
        app.get("/dashboard/{guild}/gates/test", ctx -> guildPage(ctx, this::dryRun));
        app.post("/dashboard/{guild}/gates/new", ctx -> guildPost(ctx, this::builderPost));
        app.get("/dashboard/{guild}/gates/{id}", ctx -> guildPage(ctx, this::editGate));
        app.post("/dashboard/{guild}/gates/{id}", ctx -> guildPost(ctx, this::builderPost));
        app.post("/dashboard/{guild}/gates/{id}/delete", ctx -> guildPost(ctx, this::deleteGate));
        app.post("/dashboard/{guild}/resync", ctx -> guildPost(ctx, this::resync));
        app.post("/dashboard/{guild}/settings", ctx -> guildPost(ctx, this::saveSwitches));
        app.get("/dashboard/{guild}/audit", ctx -> guildPage(ctx, this::audit));
        app.get("/dashboard/{guild}/characters", ctx -> guildPage(ctx, this::characters));
        app.get("/dashboard/{guild}/docs", ctx -> guildPage(ctx, this::docs));
        app.post("/dashboard/{guild}/docs/reload", ctx -> guildPost(ctx, this::reloadDocs));
    }

    /**
     * Forms post to this site only; the referrer stays on this site, so that browsers send a real Origin with each
     * form (with no-referrer they send "null", which the Origin check would refuse).
     */
    private static void headers(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("Referrer-Policy", "same-origin");
    }

    // ---- login ----

    private void login(Context ctx) {
        DashboardSessions.PendingLogin pending = s.sessions().beginLogin();
        // The state is also kept in a cookie: a callback opened in another browser (login CSRF) does not match it.
        ctx.cookie(cookie(LOGIN_COOKIE, pending.state(), "/auth", (int) DashboardSessions.LOGIN_LIFETIME.toSeconds()));
        ctx.redirect(s.login().authorizeUrl(pending));
    }

    private void callback(Context ctx) throws InterruptedException {
        String state = ctx.queryParam("state");
        String browserState = ctx.cookie(LOGIN_COOKIE);
        ctx.cookie(cookie(LOGIN_COOKIE, "", "/auth", 0));
        if (ctx.queryParam("error") != null) {
            message(ctx, 400, "Login cancelled", "Discord did not log you in (" + ctx.queryParam("error") + ").");
            return;
        }
        boolean sameBrowser = state != null
                && browserState != null
                && MessageDigest.isEqual(
                        state.getBytes(StandardCharsets.UTF_8), browserState.getBytes(StandardCharsets.UTF_8));
        // Used up even when the browser does not match, so a leaked state is worth nothing.
        Optional<String> verifier = s.sessions().finishLogin(state);
        if (!sameBrowser || verifier.isEmpty() || ctx.queryParam("code") == null) {
            message(
                    ctx,
                    400,
                    "Login refused",
                    "This login link is not valid here: it was already used, is too old, or was started in another "
                            + "browser. Log in again.");
            return;
        }
        DiscordLogin.Identity who;
        try {
            who = s.login().identify(ctx.queryParam("code"), verifier.get());
        } catch (DiscordLogin.LoginFailed e) {
            message(ctx, 502, "Login failed", e.getMessage());
            return;
        }
        DashboardSessions.Opened opened = s.sessions().open(who.userId(), who.name(), who.guildIds());
        ctx.cookie(cookie(SESSION_COOKIE, opened.cookie(), "/", -1));
        log.info("dashboard login by user {}", who.userId());
        ctx.redirect("/dashboard");
    }

    private void logout(Context ctx) throws IOException {
        Optional<Session> session = session(ctx);
        Map<String, String> form = form(ctx);
        if (session.isEmpty()) {
            ctx.redirect("/dashboard");
            return;
        }
        if (!csrfOk(ctx, session.get(), form)) {
            forbidden(ctx);
            return;
        }
        s.sessions().end(session.get().idHash());
        ctx.cookie(cookie(SESSION_COOKIE, "", "/", 0));
        message(ctx, 200, "Logged out", "You are logged out of the Lorekeeper dashboard.");
    }

    private Cookie cookie(String name, String value, String path, int maxAge) {
        Cookie c = new Cookie(name, value, path, maxAge, secureCookies, 0, true, null, null, SameSite.LAX);
        return c;
    }

    // ---- pages ----

    private void servers(Context ctx) {
        Optional<Session> session = session(ctx);
        if (session.isEmpty()) {
            loginPage(ctx);
            return;
        }
        List<ServerLink> links = new ArrayList<>();
        for (long id : session.get().guildIds()) {
            s.directory().guild(id).ifPresent(g -> {
                Access a = Access.of(
                        s.directory().member(id, session.get().userId()),
                        s.settings().of(id));
                if (a.canRead()) {
                    links.add(new ServerLink(Long.toString(id), g.name(), a.canManage()));
                }
            });
        }
        render(
                ctx,
                200,
                "dashboard/servers.jte",
                page(session.get(), "Your servers", null, null),
                Map.of("servers", links));
    }

    /** A server the member may see, with what they may do there. */
    public record ServerLink(String id, String name, boolean manage) {}

    /** What a page handler gets once the session and the member's access were checked. */
    record GuildRequest(Session session, long guildId, String guildName, Access access) {
        Page page(String title, String section) {
            return new Page(title, session.userName(), session.csrf(), Long.toString(guildId), guildName, section, 0);
        }
    }

    @FunctionalInterface
    interface GuildHandler {
        void handle(Context ctx, GuildRequest r, Map<String, String> form) throws Exception;
    }

    private void guildPage(Context ctx, GuildHandler handler) throws Exception {
        Optional<GuildRequest> r = guildRequest(ctx);
        if (r.isPresent()) {
            handler.handle(ctx, r.get(), Map.of());
        }
    }

    /** A state-changing request: the CSRF token first, then Manage Server (the moderator role only reads). */
    private void guildPost(Context ctx, GuildHandler handler) throws Exception {
        Optional<Session> session = session(ctx);
        Map<String, String> form = form(ctx);
        if (session.isPresent() && !csrfOk(ctx, session.get(), form)) {
            forbidden(ctx);
            return;
        }
        Optional<GuildRequest> r = guildRequest(ctx);
        if (r.isEmpty()) {
            return;
        }
        if (!r.get().access().canManage()) {
            message(ctx, 403, "Read only", "Changing this server's setup needs the Manage Server permission.");
            return;
        }
        handler.handle(ctx, r.get(), form);
    }

    private Optional<GuildRequest> guildRequest(Context ctx) {
        Optional<Session> session = session(ctx);
        if (session.isEmpty()) {
            loginPage(ctx);
            return Optional.empty();
        }
        long guildId;
        try {
            guildId = Long.parseLong(ctx.pathParam("guild"));
        } catch (NumberFormatException e) {
            message(ctx, 404, "Not found", "There is no such server.");
            return Optional.empty();
        }
        Optional<GuildDirectory.GuildView> guild = s.directory().guild(guildId);
        Access access = guild.isEmpty()
                ? Access.NONE
                : Access.of(
                        s.directory().member(guildId, session.get().userId()),
                        s.settings().of(guildId));
        if (!access.canRead()) {
            // The same answer whether the bot is in the server or not: the page tells nothing about other servers.
            forbidden(ctx);
            return Optional.empty();
        }
        return Optional.of(new GuildRequest(session.get(), guildId, guild.get().name(), access));
    }

    private void overview(Context ctx, GuildRequest r, Map<String, String> form) {
        GuildDirectory.GuildView g = s.directory().guild(r.guildId()).orElseThrow();
        Map<String, Object> p = new HashMap<>();
        p.put("guild", g);
        p.put("settings", s.settings().of(r.guildId()));
        p.put("gateCount", s.gates().gates(r.guildId()).size());
        p.put("manage", r.access().canManage());
        p.put("health", s.health().get());
        p.put("switches", switches(r.guildId()));
        p.put("notice", "settings".equals(ctx.queryParam("done")) ? "Settings saved." : null);
        render(ctx, 200, "dashboard/overview.jte", r.page("Overview", "overview"), p);
    }

    /** The on/off settings of /settings, as checkboxes: each one that changed is set as /settings sets it. */
    static final List<dev.lorekeeper.settings.Setting> SWITCHES = List.of(
            dev.lorekeeper.settings.Setting.VERIFICATION,
            dev.lorekeeper.settings.Setting.GATING,
            dev.lorekeeper.settings.Setting.QA,
            dev.lorekeeper.settings.Setting.CHARACTERS,
            dev.lorekeeper.settings.Setting.DELEGATION,
            dev.lorekeeper.settings.Setting.PUBLIC_PAGES);

    /** A switch as the overview shows it. */
    public record Switch(String key, String label, boolean on) {}

    private List<Switch> switches(long guildId) {
        dev.lorekeeper.settings.GuildSettings g = s.settings().of(guildId);
        List<Switch> out = new ArrayList<>();
        for (dev.lorekeeper.config.Feature f : dev.lorekeeper.config.Feature.values()) {
            out.add(new Switch("feature." + f.key(), f.title(), g.features().enabled(f)));
        }
        out.add(new Switch(
                dev.lorekeeper.settings.Setting.DELEGATION.key(),
                "Count cold wallets delegated (delegate.xyz)",
                g.delegation()));
        out.add(new Switch(
                dev.lorekeeper.settings.Setting.PUBLIC_PAGES.key(), "Public character pages", g.publicPages()));
        return out;
    }

    private void saveSwitches(Context ctx, GuildRequest r, Map<String, String> form) {
        Map<String, Boolean> now = new HashMap<>();
        switches(r.guildId()).forEach(sw -> now.put(sw.key(), sw.on()));
        for (dev.lorekeeper.settings.Setting setting : SWITCHES) {
            boolean wanted = "on".equals(form.get(setting.key()));
            if (now.containsKey(setting.key()) && now.get(setting.key()) != wanted) {
                s.settings()
                        .set(
                                r.guildId(),
                                setting,
                                wanted ? "on" : "off",
                                r.session().userId());
            }
        }
        ctx.redirect("/dashboard/" + r.guildId() + "?done=settings");
    }

    private void gates(Context ctx, GuildRequest r, Map<String, String> form) {
        Map<Long, GuildDirectory.RoleView> roles = roleMap(r.guildId());
        List<GateRow> rows = new ArrayList<>();
        for (Gate g : s.gates().gates(r.guildId())) {
            GuildDirectory.RoleView role = roles.get(g.roleId());
            rows.add(new GateRow(
                    g.id() == null ? null : g.id().toString(),
                    g.name(),
                    role == null ? "deleted role " + g.roleId() : role.name(),
                    role == null ? 0 : role.members(),
                    RuleWords.of(g.rule())));
        }
        Map<String, Object> p = new HashMap<>();
        p.put("gates", rows);
        p.put("manage", r.access().canManage());
        p.put("notice", notice(ctx.queryParam("done")));
        Resync resync = resyncs.get(r.guildId());
        p.put("resync", resync);
        Page page = r.page("Gates", "gates");
        render(ctx, 200, "dashboard/gates.jte", resync != null && !resync.done() ? page.refreshingEvery(2) : page, p);
    }

    /** One line of the gates list. {@code id} is null for gates from the config file. */
    public record GateRow(String id, String name, String role, int holders, String rule) {}

    private static String notice(String done) {
        if (done == null) {
            return null;
        }
        return switch (done) {
            case "added" -> "Gate added. Verified members are being checked now.";
            case "saved" -> "Gate saved. Verified members are being checked now.";
            case "removed" -> "Gate removed. Roles it gave stay until a moderator removes them.";
            case "resync" -> "Resync started: every verified member is being checked.";
            default -> null;
        };
    }

    /** "Test a member": the same breakdown as /gate test, read-only, so the moderator role may use it too. */
    private void dryRun(Context ctx, GuildRequest r, Map<String, String> form) {
        String member =
                ctx.queryParam("member") == null ? "" : ctx.queryParam("member").trim();
        List<TestedGate> tested = new ArrayList<>();
        String problem = null;
        if (!member.matches("\\d{15,21}")) {
            problem = "Give the member's id (Developer Mode → right-click the member → Copy User ID).";
        } else {
            Map<Long, GuildDirectory.RoleView> roles = roleMap(r.guildId());
            s.sync().test(r.guildId(), Long.parseLong(member)).forEach((g, e) -> {
                GuildDirectory.RoleView role = roles.get(g.roleId());
                tested.add(new TestedGate(
                        g.label(),
                        role == null ? Long.toString(g.roleId()) : role.name(),
                        e.truth().name().toLowerCase(java.util.Locale.ROOT),
                        e.requirements().stream()
                                .map(q -> new TestedRequirement(
                                        q.requirement().describe(),
                                        q.truth().name().toLowerCase(java.util.Locale.ROOT),
                                        q.detail()))
                                .toList()));
            });
        }
        Map<String, Object> p = new HashMap<>();
        p.put("member", member);
        p.put("memberName", problem == null ? s.directory().memberName(r.guildId(), Long.parseLong(member)) : "");
        p.put("problem", problem);
        p.put("gates", tested);
        render(ctx, problem == null ? 200 : 400, "dashboard/dryrun.jte", r.page("Test a member", "gates"), p);
    }

    /** A gate's verdict for one member: {@code truth} is true, false or unknown (a chain read failed). */
    public record TestedGate(String gate, String role, String truth, List<TestedRequirement> requirements) {}

    public record TestedRequirement(String requirement, String truth, String detail) {}

    private void newGate(Context ctx, GuildRequest r, Map<String, String> form) {
        if (!r.access().canManage()) {
            message(ctx, 403, "Read only", "Adding gates needs the Manage Server permission.");
            return;
        }
        builder(ctx, r, 200, null, "", "", RuleForm.blank(defaultChain()), List.of());
    }

    private void editGate(Context ctx, GuildRequest r, Map<String, String> form) {
        long id = gateId(ctx);
        Optional<dev.lorekeeper.gate.StoredGate> stored =
                id < 0 ? Optional.empty() : s.gates().stored(r.guildId(), id);
        if (stored.isEmpty()) {
            message(ctx, 404, "Not found", "This server has no gate #" + ctx.pathParam("id") + ".");
            return;
        }
        builder(
                ctx,
                r,
                200,
                Long.toString(id),
                stored.get().name(),
                Long.toString(stored.get().roleId()),
                RuleForm.fromSpec(stored.get().rule()),
                List.of());
    }

    private void builderPost(Context ctx, GuildRequest r, Map<String, String> form) {
        String gateId = ctx.pathParamMap().containsKey("id") ? ctx.pathParam("id") : null;
        if (gateId != null && gateId(ctx) < 0) {
            message(ctx, 404, "Not found", "There is no such gate.");
            return;
        }
        String name = form.getOrDefault("name", "").trim();
        String role = form.getOrDefault("role", "");
        String action = form.getOrDefault("action", "apply");
        RuleForm.Node tree = RuleForm.apply(RuleForm.parse(form), action, defaultChain());
        if (!action.equals("save")) {
            builder(ctx, r, 200, gateId, name, role, tree, List.of());
            return;
        }
        List<String> problems = new ArrayList<>();
        RuleSpec rule = RuleForm.toSpec(tree, "rule", problems);
        long roleId;
        try {
            roleId = Long.parseLong(role);
            problems.addAll(s.directory().gateRefusals(r.guildId(), r.session().userId(), roleId));
        } catch (NumberFormatException e) {
            roleId = 0;
            problems.add("role: pick the role that holders get");
        }
        // The same checks and messages as /gate add.
        problems.addAll(s.gates().problems(rule, name));
        if (gateId != null) {
            s.gates().stored(r.guildId(), Long.parseLong(gateId)).ifPresent(old -> {
                if (old.roleId() != Long.parseLong(role.isEmpty() ? "0" : role)) {
                    // Moving a gate off a role is managing that role too.
                    problems.addAll(
                            s.directory().gateRefusals(r.guildId(), r.session().userId(), old.roleId()));
                }
            });
        }
        if (!problems.isEmpty()) {
            builder(
                    ctx,
                    r,
                    422,
                    gateId,
                    name,
                    role,
                    tree,
                    problems.stream().distinct().toList());
            return;
        }
        String done;
        if (gateId == null) {
            s.gates().add(r.guildId(), roleId, name, rule, r.session().userId());
            done = "added";
        } else if (s.gates()
                .update(
                        r.guildId(),
                        Long.parseLong(gateId),
                        roleId,
                        name,
                        rule,
                        r.session().userId())) {
            done = "saved";
        } else {
            message(ctx, 404, "Not found", "Gate #" + gateId + " is gone (removed meanwhile?).");
            return;
        }
        syncSoon(r.guildId());
        ctx.redirect("/dashboard/" + r.guildId() + "/gates?done=" + done);
    }

    private void builder(
            Context ctx,
            GuildRequest r,
            int status,
            String gateId,
            String name,
            String role,
            RuleForm.Node tree,
            List<String> problems) {
        Map<String, Object> p = new HashMap<>();
        p.put("gateId", gateId);
        p.put("name", name);
        p.put("role", role);
        p.put("roles", s.directory().roles(r.guildId()));
        p.put("chains", s.gates().chains().stream().sorted().toList());
        p.put("tree", tree);
        p.put("problems", problems);
        render(
                ctx,
                status,
                "dashboard/gate.jte",
                r.page(gateId == null ? "New gate" : "Edit gate #" + gateId, "gates"),
                p);
    }

    private void deleteGate(Context ctx, GuildRequest r, Map<String, String> form) {
        long id = gateId(ctx);
        Optional<dev.lorekeeper.gate.StoredGate> stored =
                id < 0 ? Optional.empty() : s.gates().stored(r.guildId(), id);
        if (stored.isEmpty()) {
            message(ctx, 404, "Not found", "This server has no gate #" + ctx.pathParam("id") + ".");
            return;
        }
        List<String> refusals =
                s
                        .directory()
                        .gateRefusals(
                                r.guildId(), r.session().userId(), stored.get().roleId())
                        .stream()
                        .filter(p -> p.contains("your highest role") || p.contains("no longer a member"))
                        .toList();
        if (!refusals.isEmpty()) {
            message(ctx, 403, "Not removed", String.join(" ", refusals));
            return;
        }
        s.gates().remove(r.guildId(), id, r.session().userId());
        ctx.redirect("/dashboard/" + r.guildId() + "/gates?done=removed");
    }

    private void resync(Context ctx, GuildRequest r, Map<String, String> form) {
        syncSoon(r.guildId());
        ctx.redirect("/dashboard/" + r.guildId() + "/gates?done=resync");
    }

    /**
     * Checks every verified member of the server in the background; the gates page shows how far it got. Progress is
     * this process's: with several processes, a page served by another one shows no resync under way.
     */
    private void syncSoon(long guildId) {
        Resync started = new Resync(0, 0, 0, 0, false);
        if (resyncs.putIfAbsent(guildId, started) != null
                && !resyncs.get(guildId).done()) {
            return; // one at a time per server; the page already shows it
        }
        resyncs.put(guildId, started);
        s.work().execute(() -> {
            try {
                List<Long> members = s.sync().sweepableMembers(guildId);
                resyncs.put(guildId, new Resync(members.size(), 0, 0, 0, false));
                dev.lorekeeper.gate.SyncReport r = s.sync()
                        .sync(
                                guildId,
                                members,
                                SyncKind.RESYNC,
                                soFar -> resyncs.put(
                                        guildId,
                                        new Resync(
                                                members.size(),
                                                soFar.checked(),
                                                soFar.added(),
                                                soFar.removed(),
                                                false)))
                        .report();
                resyncs.put(guildId, new Resync(members.size(), r.checked(), r.added(), r.removed(), true));
            } catch (RuntimeException e) {
                resyncs.put(guildId, new Resync(0, 0, 0, 0, true));
                throw e;
            }
        });
    }

    /** How far a server's resync got: members to check, checked so far, roles to add and remove. */
    public record Resync(int members, int checked, int added, int removed, boolean done) {}

    private final Map<Long, Resync> resyncs = new java.util.concurrent.ConcurrentHashMap<>();

    /** Characters played here, with their compute-to-asset: the model's tokens and estimated cost spent on each. */
    private void characters(Context ctx, GuildRequest r, Map<String, String> form) {
        Map<Long, dev.lorekeeper.llm.LlmUsage.CharacterSpend> spend =
                s.usage().perCharacter(r.guildId(), CHARACTER_DAYS);
        List<CharacterRow> rows = new ArrayList<>();
        long total = 0;
        for (dev.lorekeeper.character.ServerCharacters.Row c : s.characters().inGuild(r.guildId())) {
            dev.lorekeeper.llm.LlmUsage.CharacterSpend cs = spend.get(c.id());
            long tokens = cs == null ? 0 : cs.tokens();
            total += tokens;
            rows.add(new CharacterRow(
                    c.name(),
                    "/c/" + c.token().chain() + "/" + c.token().contract() + "/"
                            + c.token().tokenId(),
                    c.level(),
                    c.xp(),
                    c.questsHere(),
                    c.lastActivity() == null
                            ? "never"
                            : c.lastActivity()
                                    .truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
                                    .toString()
                                    .replace('T', ' ')
                                    .replace("Z", ""),
                    tokens,
                    cs == null ? "0.00" : String.format(java.util.Locale.ROOT, "%.2f", cs.usd())));
        }
        long budget = s.usage().guildBudget();
        Map<String, Object> p = new HashMap<>();
        p.put("rows", rows);
        p.put("days", CHARACTER_DAYS);
        p.put("totalTokens", total);
        p.put("budget", budget == 0 ? "unlimited" : budget * CHARACTER_DAYS + " tokens (" + budget + " a day)");
        render(ctx, 200, "dashboard/characters.jte", r.page("Characters", "characters"), p);
    }

    static final int CHARACTER_DAYS = 30;
    static final int DOCS_DAYS = 14;

    /** Index status, the gaps (grouped as /docs gaps groups them), stats by day and recent questions with votes. */
    private void docs(Context ctx, GuildRequest r, Map<String, String> form) {
        Map<String, Object> p = new HashMap<>();
        p.put(
                "index",
                s.knowledge()
                        .index()
                        .map(i -> "ready: " + i.size() + " passages")
                        .orElse(s.knowledge().docsExist() ? "loading" : "no docs configured (knowledge.docs)"));
        p.put("gaps", s.qa().gaps(r.guildId(), DOCS_DAYS));
        dev.lorekeeper.knowledge.QaReports.Stats stats = s.qa().stats(r.guildId(), DOCS_DAYS);
        p.put("stats", stats);
        p.put("maxDay", stats.days().stream().mapToInt(d -> d.questions()).max().orElse(0));
        p.put("recent", s.qa().recent(r.guildId(), 20));
        p.put("days", DOCS_DAYS);
        p.put("manage", r.access().canManage());
        p.put(
                "notice",
                "reload".equals(ctx.queryParam("done")) ? "Reload started: the index is rebuilt from the docs." : null);
        render(ctx, 200, "dashboard/docs.jte", r.page("Docs", "docs"), p);
    }

    private void reloadDocs(Context ctx, GuildRequest r, Map<String, String> form) {
        s.knowledge().reload(s.work());
        ctx.redirect("/dashboard/" + r.guildId() + "/docs?done=reload");
    }

    /** One character as the characters page lists it; {@code usd} is an estimate from the configured prices. */
    public record CharacterRow(
            String name, String page, int level, int xp, int quests, String lastActivity, long tokens, String usd) {}

    private void audit(Context ctx, GuildRequest r, Map<String, String> form) {
        AuditQuery q = AuditQuery.from(ctx);
        List<RoleChangeLog.Entry> entries = s.roleChanges()
                .page(
                        r.guildId(),
                        q.filter(),
                        q.csv() ? 0 : q.page() * AUDIT_PAGE,
                        q.csv() ? RoleChangeLog.MAX_PAGE : AUDIT_PAGE + 1);
        Map<Long, GuildDirectory.RoleView> roles = roleMap(r.guildId());
        List<AuditRow> rows = new ArrayList<>();
        for (RoleChangeLog.Entry e :
                entries.subList(0, Math.min(entries.size(), q.csv() ? entries.size() : AUDIT_PAGE))) {
            GuildDirectory.RoleView role = roles.get(e.roleId());
            rows.add(new AuditRow(
                    e.createdAt()
                            .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                            .toString()
                            .replace('T', ' ')
                            .replace("Z", ""),
                    s.directory().memberName(r.guildId(), e.memberId()),
                    Long.toString(e.memberId()),
                    role == null ? Long.toString(e.roleId()) : role.name(),
                    e.added() ? "given" : "taken",
                    e.reason(),
                    e.doneAt() == null ? "waiting" : String.valueOf(e.outcome())));
        }
        if (q.csv()) {
            ctx.contentType("text/csv; charset=utf-8");
            ctx.header("Content-Disposition", "attachment; filename=\"role-changes-" + r.guildId() + ".csv\"");
            StringBuilder csv = new StringBuilder("time,member,member_id,role,direction,reason,outcome\n");
            rows.forEach(row -> csv.append(row.csv()).append('\n'));
            ctx.result(csv.toString());
            return;
        }
        Map<String, Object> p = new HashMap<>();
        p.put("rows", rows);
        p.put("query", q);
        p.put("roles", s.directory().roles(r.guildId()));
        p.put("hasNext", entries.size() > AUDIT_PAGE);
        render(ctx, 200, "dashboard/audit.jte", r.page("Audit log", "audit"), p);
    }

    /** One role change as the audit page and its CSV show it. */
    public record AuditRow(
            String time, String member, String memberId, String role, String direction, String reason, String outcome) {
        String csv() {
            return String.join(
                    ",",
                    List.of(time, member, memberId, role, direction, reason, outcome).stream()
                            .map(AuditRow::cell)
                            .toList());
        }

        /** Quoted, and a leading = + - @ defused so a spreadsheet never runs a member-chosen name as a formula. */
        private static String cell(String v) {
            String safe = !v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 ? "'" + v : v;
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
    }

    // ---- helpers ----

    private Map<Long, GuildDirectory.RoleView> roleMap(long guildId) {
        Map<Long, GuildDirectory.RoleView> out = new LinkedHashMap<>();
        s.directory().roles(guildId).forEach(role -> out.put(role.id(), role));
        return out;
    }

    private String defaultChain() {
        return s.gates().chains().stream().sorted().findFirst().orElse("");
    }

    private static long gateId(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private Optional<Session> session(Context ctx) {
        return s.sessions().find(ctx.cookie(SESSION_COOKIE));
    }

    /**
     * The form's token must be the session's; a cross-site Origin is refused as well (SameSite=Lax already keeps the
     * cookie off cross-site POSTs in current browsers; the token covers the rest).
     */
    private boolean csrfOk(Context ctx, Session session, Map<String, String> form) {
        String origin = ctx.header("Origin");
        if (origin != null && !origin.equals(originOf(publicUrl))) {
            return false;
        }
        return session.csrfMatches(form.get("csrf"));
    }

    private static String originOf(String url) {
        URI u = URI.create(url);
        return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
    }

    private static Map<String, String> form(Context ctx) throws IOException {
        String body = new String(RequestBody.read(ctx), StandardCharsets.UTF_8);
        Map<String, String> out = new HashMap<>();
        if (body.isEmpty()) {
            return out;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            try {
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.putIfAbsent(k, v);
            } catch (IllegalArgumentException e) {
                // a malformed %-escape: the field is dropped, and validation says what is missing
            }
        }
        return out;
    }

    private void loginPage(Context ctx) {
        render(ctx, 401, "dashboard/login.jte", Page.anonymous("Log in"), Map.of());
    }

    private void forbidden(Context ctx) {
        message(
                ctx,
                403,
                "Not allowed",
                "You can't do this here. The dashboard needs the Manage Server permission (or the server's moderator "
                        + "role, to read), and forms must come from this site.");
    }

    private void message(Context ctx, int status, String heading, String text) {
        render(ctx, status, "dashboard/message.jte", Page.anonymous(heading), Map.of("heading", heading, "text", text));
    }

    private Page page(Session session, String title, String guildId, String guildName) {
        return new Page(title, session.userName(), session.csrf(), guildId, guildName, null, 0);
    }

    private static void render(Context ctx, int status, String template, Page page, Map<String, Object> params) {
        Map<String, Object> all = new HashMap<>(params);
        all.put("page", page);
        ctx.status(status).contentType("text/html; charset=utf-8").result(Templates.render(template, all));
    }

    private void css(Context ctx) throws IOException {
        try (InputStream in = DashboardRoutes.class.getResourceAsStream("/web/dashboard.css")) {
            ctx.header("Cache-Control", "public, max-age=3600");
            ctx.contentType("text/css").result(in == null ? new byte[0] : in.readAllBytes());
        }
    }
}
