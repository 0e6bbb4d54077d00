package dev.lorekeeper.web.dashboard;

import static dev.lorekeeper.web.dashboard.Responses.forbidden;
import static dev.lorekeeper.web.dashboard.Responses.loginPage;
import static dev.lorekeeper.web.dashboard.Responses.message;

import dev.lorekeeper.dashboard.Access;
import dev.lorekeeper.dashboard.DashboardSessions.Session;
import dev.lorekeeper.dashboard.GuildDirectory;
import dev.lorekeeper.web.RequestBody;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The checks in front of every server page: a live session, the member's access from the bot's own view of them on
 * every request (Manage Server manages; the moderator role reads), and for each POST the session's CSRF token and this
 * site's Origin.
 */
final class AccessChecks {
    private final DashboardRoutes.Services s;
    private final String publicUrl;

    AccessChecks(DashboardRoutes.Services services, String publicUrl) {
        this.s = services;
        this.publicUrl = publicUrl;
    }

    /** A read-only server page: the moderator role may see it. */
    void page(Context ctx, GuildHandler handler) throws Exception {
        Optional<GuildRequest> r = guildRequest(ctx);
        if (r.isPresent()) {
            handler.handle(ctx, r.get(), Map.of());
        }
    }

    /** A state-changing request: the CSRF token first, then Manage Server (the moderator role only reads). */
    void post(Context ctx, GuildHandler handler) throws Exception {
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

    Optional<Session> session(Context ctx) {
        return s.sessions().find(ctx.cookie(DashboardRoutes.SESSION_COOKIE));
    }

    /**
     * The form's token must be the session's; a cross-site Origin is refused as well (SameSite=Lax already keeps the
     * cookie off cross-site POSTs in current browsers; the token covers the rest).
     */
    boolean csrfOk(Context ctx, Session session, Map<String, String> form) {
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

    static Map<String, String> form(Context ctx) throws IOException {
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

    /** The server's roles by id, for showing role names instead of ids. */
    static Map<Long, GuildDirectory.RoleView> roleMap(GuildDirectory directory, long guildId) {
        Map<Long, GuildDirectory.RoleView> out = new LinkedHashMap<>();
        directory.roles(guildId).forEach(role -> out.put(role.id(), role));
        return out;
    }
}
