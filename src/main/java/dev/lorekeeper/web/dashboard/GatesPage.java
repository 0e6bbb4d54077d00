package dev.lorekeeper.web.dashboard;

import dev.lorekeeper.dashboard.GuildDirectory;
import dev.lorekeeper.gate.Gate;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The gates list with each gate's role and holders, and the "Resync" button with its live progress. */
public final class GatesPage {
    private static final DateTimeFormatter MINUTES =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private final DashboardRoutes.Services s;
    private final Resyncs resyncs;

    GatesPage(DashboardRoutes.Services services, Resyncs resyncs) {
        this.s = services;
        this.resyncs = resyncs;
    }

    /**
     * One line of the gates list. {@code id} is null for gates from the config file; {@code lastChange} is when the
     * bot last gave or took the gate's role (UTC), or "none recorded".
     */
    public record GateRow(String id, String name, String role, int holders, String rule, String lastChange) {}

    void show(Context ctx, GuildRequest r, Map<String, String> form) {
        Map<Long, GuildDirectory.RoleView> roles = AccessChecks.roleMap(s.directory(), r.guildId());
        Map<Long, Instant> lastChange = s.roleChanges().lastAppliedByRole(r.guildId());
        List<GateRow> rows = new ArrayList<>();
        for (Gate g : s.gates().gates(r.guildId())) {
            GuildDirectory.RoleView role = roles.get(g.roleId());
            rows.add(new GateRow(
                    g.id() == null ? null : g.id().toString(),
                    g.name(),
                    role == null ? "deleted role " + g.roleId() : role.name(),
                    role == null ? 0 : role.members(),
                    RuleWords.of(g.rule()),
                    lastChange.containsKey(g.roleId()) ? minutes(lastChange.get(g.roleId())) : "none recorded"));
        }
        Map<String, Object> p = new HashMap<>();
        p.put("gates", rows);
        p.put("manage", r.access().canManage());
        p.put("notice", notice(ctx.queryParam("done")));
        Resyncs.Resync resync = resyncs.of(r.guildId());
        p.put("resync", resync);
        Page page = r.page("Gates", "gates");
        Responses.render(
                ctx, 200, "dashboard/gates.jte", resync != null && !resync.done() ? page.refreshingEvery(2) : page, p);
    }

    void resync(Context ctx, GuildRequest r, Map<String, String> form) {
        resyncs.start(r.guildId());
        ctx.redirect("/dashboard/" + r.guildId() + "/gates?done=resync");
    }

    static String minutes(Instant t) {
        return MINUTES.format(t);
    }

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
}
