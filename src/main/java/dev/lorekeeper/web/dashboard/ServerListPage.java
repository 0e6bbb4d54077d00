package dev.lorekeeper.web.dashboard;

import dev.lorekeeper.dashboard.Access;
import dev.lorekeeper.dashboard.DashboardSessions.Session;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** "Your servers": the servers of the logged-in member where the bot sees them as a manager or moderator. */
public final class ServerListPage {
    private final DashboardRoutes.Services s;
    private final AccessChecks checks;

    ServerListPage(DashboardRoutes.Services services, AccessChecks checks) {
        this.s = services;
        this.checks = checks;
    }

    /** A server the member may see, with what they may do there. */
    public record ServerLink(String id, String name, boolean manage) {}

    void show(Context ctx) {
        Optional<Session> session = checks.session(ctx);
        if (session.isEmpty()) {
            Responses.loginPage(ctx);
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
        Page page =
                new Page("Your servers", session.get().userName(), session.get().csrf(), null, null, null, 0);
        Responses.render(ctx, 200, "dashboard/servers.jte", page, Map.of("servers", links));
    }
}
