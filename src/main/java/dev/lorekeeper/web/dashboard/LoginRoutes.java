package dev.lorekeeper.web.dashboard;

import static dev.lorekeeper.web.dashboard.Responses.forbidden;
import static dev.lorekeeper.web.dashboard.Responses.message;

import dev.lorekeeper.dashboard.DashboardSessions;
import dev.lorekeeper.dashboard.DashboardSessions.Session;
import dev.lorekeeper.dashboard.DiscordLogin;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** "Log in with Discord": the OAuth2 code grant with PKCE and a state bound to the browser, and logging out. */
final class LoginRoutes {
    private static final Logger log = LoggerFactory.getLogger(LoginRoutes.class);
    private final DashboardRoutes.Services s;
    private final AccessChecks checks;
    private final boolean secureCookies;

    LoginRoutes(DashboardRoutes.Services services, AccessChecks checks, boolean secureCookies) {
        this.s = services;
        this.checks = checks;
        this.secureCookies = secureCookies;
    }

    void login(Context ctx) {
        DashboardSessions.PendingLogin pending = s.sessions().beginLogin();
        // The state is also kept in a cookie: a callback opened in another browser (login CSRF) does not match it.
        ctx.cookie(cookie(DashboardRoutes.LOGIN_COOKIE, pending.state(), "/auth", (int)
                DashboardSessions.LOGIN_LIFETIME.toSeconds()));
        ctx.redirect(s.login().authorizeUrl(pending));
    }

    void callback(Context ctx) throws InterruptedException {
        String state = ctx.queryParam("state");
        String browserState = ctx.cookie(DashboardRoutes.LOGIN_COOKIE);
        ctx.cookie(cookie(DashboardRoutes.LOGIN_COOKIE, "", "/auth", 0));
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
        ctx.cookie(cookie(DashboardRoutes.SESSION_COOKIE, opened.cookie(), "/", -1));
        log.info("dashboard login by user {}", who.userId());
        ctx.redirect("/dashboard");
    }

    void logout(Context ctx) throws IOException {
        Optional<Session> session = checks.session(ctx);
        Map<String, String> form = AccessChecks.form(ctx);
        if (session.isEmpty()) {
            ctx.redirect("/dashboard");
            return;
        }
        if (!checks.csrfOk(ctx, session.get(), form)) {
            forbidden(ctx);
            return;
        }
        s.sessions().end(session.get().idHash());
        ctx.cookie(cookie(DashboardRoutes.SESSION_COOKIE, "", "/", 0));
        message(ctx, 200, "Logged out", "You are logged out of the Lorekeeper dashboard.");
    }

    private Cookie cookie(String name, String value, String path, int maxAge) {
        return new Cookie(name, value, path, maxAge, secureCookies, 0, true, null, null, SameSite.LAX);
    }
}
