package dev.lorekeeper.web.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorekeeper.discorddouble.FakeGuild;
import dev.lorekeeper.discorddouble.FakeMember;
import dev.lorekeeper.discorddouble.FakeRole;
import dev.lorekeeper.discorddouble.Perms;
import dev.lorekeeper.store.Database;
import dev.lorekeeper.store.Jdbc;
import dev.lorekeeper.testing.Anvil;
import dev.lorekeeper.testing.DashboardClient;
import dev.lorekeeper.testing.ManualVerify;
import dev.lorekeeper.testing.TestBot;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's doors, attacked over plain HTTP against the real bot and the double's OAuth2: who gets in, forms
 * without the session's token, OAuth2 states that are wrong or replayed, sessions that ran out, and names that try to
 * be markup.
 */
class DashboardAccessTest {
    static final String NFT = "0x" + "ab".repeat(20);
    static Anvil anvil;
    static TestBot bot;
    static FakeGuild guild;
    static FakeRole holders;

    @BeforeAll
    static void start() {
        anvil = Anvil.start();
        bot = TestBot.startWithDashboard(ManualVerify.anvilChainYaml(anvil, anvil.url()));
        guild = bot.discord.guild("Dashboard Door");
        bot.discord.awaitBotReady(guild);
        holders = guild.role("Holders");
    }

    @AfterAll
    static void stop() {
        bot.close();
        anvil.close();
    }

    String guildUrl() {
        return "/dashboard/" + guild.id();
    }

    @Test
    void aMemberWithoutManageServerGets403() {
        FakeMember plain = guild.member("plain-member");
        DashboardClient browser = new DashboardClient(bot);
        browser.logIn(plain.user());

        assertThat(browser.get("/dashboard").body()).doesNotContain("Dashboard Door");
        assertThat(browser.get(guildUrl()).statusCode()).isEqualTo(403);
        assertThat(browser.get(guildUrl() + "/gates").statusCode()).isEqualTo(403);
        assertThat(browser.get(guildUrl() + "/audit?format=csv").statusCode()).isEqualTo(403);
        // Even with a valid token for their own session, a change is refused.
        String csrf = DashboardClient.csrf(browser.get("/dashboard").body());
        assertThat(browser.post(guildUrl() + "/resync", Map.of("csrf", csrf)).statusCode())
                .isEqualTo(403);
    }

    @Test
    void manageServerIsCheckedOnEveryRequestFromTheBotsView() {
        FakeRole managers = guild.role("Managers " + System.nanoTime(), Perms.MANAGE_GUILD);
        FakeMember manager = guild.member("manager", managers);
        DashboardClient browser = new DashboardClient(bot);
        browser.logIn(manager.user());
        assertThat(browser.get(guildUrl()).statusCode()).isEqualTo(200);

        // The server takes the permission away: the same session is refused at the next request.
        guild.updatePermissions(managers, 0);
        dev.lorekeeper.discorddouble.DiscordDouble.await(
                () -> browser.get(guildUrl()).statusCode() == 403,
                java.time.Duration.ofSeconds(10),
                "access ends when Manage Server is gone");
    }

    @Test
    void theModeratorRoleReadsButCannotChange() {
        FakeRole helpers = guild.role("Helpers");
        guild.owner().slash("settings moderator-role", Map.of("role", helpers)).reply();
        FakeMember helper = guild.member("helper", helpers);
        DashboardClient browser = new DashboardClient(bot);
        browser.logIn(helper.user());

        HttpResponse<String> gates = browser.get(guildUrl() + "/gates");
        assertThat(gates.statusCode()).isEqualTo(200);
        assertThat(gates.body()).doesNotContain("New gate");
        String csrf = DashboardClient.csrf(gates.body());
        assertThat(browser.post(guildUrl() + "/gates/new", gateForm(csrf, "Helpers' gate"))
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void aMissingOrWrongCsrfTokenGets403() {
        DashboardClient browser = new DashboardClient(bot);
        browser.logIn(guild.owner().user());
        String good = DashboardClient.csrf(browser.get(guildUrl() + "/gates").body());

        Map<String, String> noToken = gateForm(good, "No token");
        noToken.remove("csrf");
        assertThat(browser.post(guildUrl() + "/gates/new", noToken).statusCode())
                .isEqualTo(403);
        assertThat(browser.post(guildUrl() + "/gates/new", gateForm("x" + good, "Wrong token"))
                        .statusCode())
                .isEqualTo(403);
        // Another session's token does not fit this one.
        DashboardClient other = new DashboardClient(bot);
        other.logIn(guild.owner().user());
        String theirs = DashboardClient.csrf(other.get(guildUrl() + "/gates").body());
        assertThat(browser.post(guildUrl() + "/gates/new", gateForm(theirs, "Their token"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(browser.post("/auth/logout", Map.of()).statusCode()).isEqualTo(403);
        assertThat(browser.get(guildUrl() + "/gates").body()).doesNotContain("No token", "Wrong token", "Their token");
    }

    @Test
    void aWrongOrReplayedOAuthStateIsRefused() {
        DashboardClient browser = new DashboardClient(bot);
        String callback = browser.startLogin(guild.owner().user());
        String wrongState = callback.replaceAll("state=[^&]+", "state=forged");
        assertThat(browser.get(wrongState).statusCode()).isEqualTo(400);
        // The forged attempt spent this browser's login cookie, so the real callback is refused too: log in afresh.
        assertThat(browser.get(callback).statusCode()).isEqualTo(400);

        DashboardClient fresh = new DashboardClient(bot);
        String used = fresh.logIn(guild.owner().user());
        DashboardClient replayer = new DashboardClient(bot);
        HttpResponse<String> replay = replayer.get(used);
        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(replay.body()).contains("Log in again");
        assertThat(replayer.cookie(DashboardRoutes.SESSION_COOKIE)).isNull();

        // A callback opened in another browser (login CSRF) does not match that browser's state.
        DashboardClient victim = new DashboardClient(bot);
        victim.get("/auth/login");
        String attackers = new DashboardClient(bot).startLogin(guild.owner().user());
        assertThat(victim.get(attackers).statusCode()).isEqualTo(400);
    }

    @Test
    void anExpiredSessionAsksToLogInAgain() {
        DashboardClient browser = new DashboardClient(bot);
        browser.logIn(guild.owner().user());
        assertThat(browser.get(guildUrl()).statusCode()).isEqualTo(200);
        try (Database db = Database.open(bot.jdbcUrl, "", "", 1)) {
            // Idle past web.oauth.session-idle (2 h by default).
            db.inTransaction(c -> Jdbc.update(
                    c,
                    "UPDATE dashboard_session SET last_seen_at = ? WHERE id_hash = ?",
                    Instant.now().minusSeconds(3 * 3600),
                    dev.lorekeeper.store.Hashes.sha256Hex(browser.cookie(DashboardRoutes.SESSION_COOKIE))));
        }
        HttpResponse<String> after = browser.get(guildUrl());
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(after.body()).contains("Log in with Discord", "session has ended");
    }

    @Test
    void logoutEndsTheSession() {
        DashboardClient browser = new DashboardClient(bot);
        browser.logIn(guild.owner().user());
        String csrf = DashboardClient.csrf(browser.get("/dashboard").body());
        String cookie = browser.cookie(DashboardRoutes.SESSION_COOKIE);
        assertThat(browser.post("/auth/logout", Map.of("csrf", csrf)).statusCode())
                .isEqualTo(200);
        DashboardClient thief = new DashboardClient(bot);
        // The old cookie value, replayed, opens nothing.
        HttpResponse<String> reused = thief.getWithCookie(guildUrl(), DashboardRoutes.SESSION_COOKIE, cookie);
        assertThat(reused.statusCode()).isEqualTo(401);
    }

    @Test
    void theSessionCookieIsHttpOnlyAndLax() {
        DashboardClient browser = new DashboardClient(bot);
        String callback = browser.startLogin(guild.owner().user());
        HttpResponse<String> done = browser.get(callback);
        String setCookie = done.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(DashboardRoutes.SESSION_COOKIE + "="))
                .findFirst()
                .orElseThrow();
        assertThat(setCookie).contains("HttpOnly", "SameSite=Lax", "Path=/");
        // web.public-url is http here, so not Secure (browsers would drop it); https turns Secure on.
        assertThat(setCookie).doesNotContain("Secure");
        assertThat(done.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("default-src 'none'")
                .doesNotContain("unsafe-inline");
    }

    @Test
    void gateNamesWithScriptRenderAsText() {
        DashboardClient browser = new DashboardClient(bot);
        browser.logIn(guild.owner().user());
        String csrf = DashboardClient.csrf(browser.get(guildUrl() + "/gates").body());
        HttpResponse<String> saved =
                browser.post(guildUrl() + "/gates/new", gateForm(csrf, "<script>alert('x')</script>"));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        String list = browser.get(guildUrl() + "/gates").body();
        assertThat(list).contains("&lt;script&gt;alert('x')&lt;/script&gt;");
        assertThat(list).doesNotContain("<script>");
    }

    @Test
    void invalidRulesGetTheSameMessagesAsTheSlashCommand() {
        DashboardClient browser = new DashboardClient(bot);
        browser.logIn(guild.owner().user());
        String csrf = DashboardClient.csrf(browser.get(guildUrl() + "/gates").body());
        Map<String, String> form = gateForm(csrf, "Bad contract");
        form.put("r.contract", "0x1234");
        HttpResponse<String> refused = browser.post(guildUrl() + "/gates/new", form);
        assertThat(refused.statusCode()).isEqualTo(422);
        String expected = "rule.contract: '0x1234' is not a 0x address of 40 hex characters";
        assertThat(refused.body()).contains("Not saved. Fix these and try again", expected);
    }

    @Test
    void theCharactersPageShowsComputeToAssetAndEscapesNames() {
        try (Database db = Database.open(bot.jdbcUrl, "", "", 1)) {
            dev.lorekeeper.character.CharacterStore store =
                    new dev.lorekeeper.character.CharacterStore(db, java.time.Clock.systemUTC());
            dev.lorekeeper.character.GameCharacter c = store.create(
                    new dev.lorekeeper.character.TokenRef("anvil", NFT, java.math.BigInteger.valueOf(7)),
                    null,
                    new dev.lorekeeper.character.Persona(
                            "<script>alert(7)</script> Fox",
                            "Pyromancer",
                            "speaks in embers",
                            "Born in ash.",
                            "Well met.",
                            java.util.List.of(),
                            new dev.lorekeeper.character.Persona.Stats(1, 1, 1),
                            "offline"),
                    "hash");
            store.pick(guild.id(), 77, c.id());
            db.inTransaction(x -> Jdbc.update(
                    x,
                    "INSERT INTO llm_usage (usage_day, feature, guild_id, member_id, character_id, prompt_tokens, "
                            + "completion_tokens, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    java.sql.Date.valueOf(java.time.LocalDate.now(java.time.ZoneOffset.UTC)),
                    "quest",
                    guild.id(),
                    77L,
                    c.id(),
                    1200,
                    345,
                    Instant.now()));
        }
        DashboardClient browser = new DashboardClient(bot);
        browser.logIn(guild.owner().user());
        HttpResponse<String> page = browser.get(guildUrl() + "/characters");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("&lt;script&gt;alert(7)&lt;/script&gt; Fox", "1545", "1545 model tokens")
                .doesNotContain("<script>");
    }

    @Test
    void gatingARoleAboveYourOwnIsRefusedAsInTheSlashCommand() {
        FakeRole managers = guild.role("Low managers", Perms.MANAGE_GUILD);
        FakeMember manager = guild.member("low-manager", managers);
        FakeRole elite = guild.role("Elite");
        DashboardClient browser = new DashboardClient(bot);
        browser.logIn(manager.user());
        String csrf = DashboardClient.csrf(browser.get(guildUrl() + "/gates").body());
        Map<String, String> form = gateForm(csrf, "Climb");
        form.put("role", Long.toString(elite.id()));
        HttpResponse<String> refused = browser.post(guildUrl() + "/gates/new", form);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("role: Elite sits at or above your highest role");
        assertThat(browser.get(guildUrl() + "/gates").body()).doesNotContain("Climb");
    }

    @Test
    void switchesAreSavedAsSettingsWouldSaveThem() {
        DashboardClient browser = new DashboardClient(bot);
        browser.logIn(guild.owner().user());
        String csrf = DashboardClient.csrf(browser.get(guildUrl()).body());
        Map<String, String> form = new HashMap<>(Map.of("csrf", csrf));
        // Everything on but Q&A and public pages (unchecked boxes are not sent).
        form.put("feature.verification", "on");
        form.put("feature.gating", "on");
        form.put("feature.characters", "on");
        assertThat(browser.post(guildUrl() + "/settings", form).statusCode()).isEqualTo(302);
        String shown = guild.owner().runs("/settings show").reply().content();
        assertThat(shown).contains("Q&A off", "Public character pages: off");
        form.put("feature.qa", "on");
        form.put("characters.public-pages", "on");
        browser.post(guildUrl() + "/settings", form);
        assertThat(guild.owner().runs("/settings show").reply().content())
                .contains("Q&A on", "Public character pages: on");
    }

    @Test
    void theGatesListShowsWhenTheBotLastChangedEachGatesRole() {
        FakeRole scouts = guild.role("Scouts");
        FakeMember scout = guild.member("scout");
        DashboardClient browser = new DashboardClient(bot);
        browser.logIn(guild.owner().user());
        String csrf = DashboardClient.csrf(browser.get(guildUrl() + "/gates").body());
        Map<String, String> form = gateForm(csrf, "Scouting party");
        form.put("role", Long.toString(scouts.id()));
        assertThat(browser.post(guildUrl() + "/gates/new", form).statusCode()).isEqualTo(302);
        assertThat(gateLine(browser.get(guildUrl() + "/gates").body(), "Scouting party"))
                .contains("none recorded");

        // A change queued as the sync queues it; the bot's own outbox worker gives the role.
        Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        try (Database db = Database.open(bot.jdbcUrl, "", "", 1)) {
            db.inTransaction(c -> dev.lorekeeper.gate.RoleOutbox.enqueue(
                    c,
                    guild.id(),
                    scout.id(),
                    scouts.id(),
                    true,
                    "test: holds the token",
                    dev.lorekeeper.gate.SyncKind.INTERACTIVE,
                    Instant.now()));
        }
        dev.lorekeeper.discorddouble.DiscordDouble.await(
                () -> scout.hasRole(scouts), java.time.Duration.ofSeconds(10), "the outbox gives the role");
        dev.lorekeeper.discorddouble.DiscordDouble.await(
                () -> !gateLine(browser.get(guildUrl() + "/gates").body(), "Scouting party")
                        .contains("none recorded"),
                java.time.Duration.ofSeconds(10),
                "the gates list shows the change");
        String line = gateLine(browser.get(guildUrl() + "/gates").body(), "Scouting party");
        String shown = line.replaceAll("(?s).*class=\"last-change\">([^<]+)<.*", "$1");
        assertThat(Instant.parse(shown.replace(" UTC", ":00Z").replace(' ', 'T')))
                .isBetween(before, Instant.now());
    }

    @Test
    void theDocsPageShowsTheStatsChartBehindTheSameAccessChecks() throws java.io.IOException {
        DashboardClient owner = new DashboardClient(bot);
        owner.logIn(guild.owner().user());
        String chart = guildUrl() + "/docs/llm-usage.png";
        assertThat(owner.get(guildUrl() + "/docs").body()).contains("<img id=\"usage-chart\" src=\"" + chart + "\"");
        HttpResponse<byte[]> png = owner.getBytes(chart);
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("Content-Type").orElse("")).startsWith("image/png");
        assertThat(png.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png.body()));
        // The size /stats attaches in Discord.
        assertThat(image.getWidth()).isEqualTo(800);
        assertThat(image.getHeight()).isEqualTo(360);

        DashboardClient plain = new DashboardClient(bot);
        plain.logIn(guild.member("chart-peeker").user());
        assertThat(plain.getBytes(chart).statusCode()).isEqualTo(403);
        assertThat(new DashboardClient(bot).getBytes(chart).statusCode()).isEqualTo(401);
    }

    /** The gates list's row for one gate. */
    static String gateLine(String page, String gateName) {
        int at = page.indexOf(gateName);
        assertThat(at).as("gate " + gateName + " listed").isGreaterThanOrEqualTo(0);
        return page.substring(at, page.indexOf("</tr>", at));
    }

    /** A one-requirement gate on {@link #holders}, as the builder would post it. */
    static Map<String, String> gateForm(String csrf, String name) {
        Map<String, String> form = new HashMap<>();
        form.put("csrf", csrf);
        form.put("name", name);
        form.put("role", Long.toString(holders.id()));
        form.put("r.kind", "erc721");
        form.put("r.chain", "anvil");
        form.put("r.contract", NFT);
        form.put("r.min", "1");
        form.put("action", "save");
        return form;
    }
}
