package dev.lorekeeper.web.dashboard;

import dev.lorekeeper.dashboard.GuildDirectory;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** "Test a member": the same breakdown as /gate test, read-only, so the moderator role may use it too. */
public final class DryRunPage {
    private final DashboardRoutes.Services s;

    DryRunPage(DashboardRoutes.Services services) {
        this.s = services;
    }

    /** A gate's verdict for one member: {@code truth} is true, false or unknown (a chain read failed). */
    public record TestedGate(String gate, String role, String truth, List<TestedRequirement> requirements) {}

    public record TestedRequirement(String requirement, String truth, String detail) {}

    void show(Context ctx, GuildRequest r, Map<String, String> form) {
        String member =
                ctx.queryParam("member") == null ? "" : ctx.queryParam("member").trim();
        List<TestedGate> tested = new ArrayList<>();
        String problem = null;
        if (!member.matches("\\d{15,21}")) {
            problem = "Give the member's id (Developer Mode → right-click the member → Copy User ID).";
        } else {
            Map<Long, GuildDirectory.RoleView> roles = AccessChecks.roleMap(s.directory(), r.guildId());
            s.sync().test(r.guildId(), Long.parseLong(member)).forEach((g, e) -> {
                GuildDirectory.RoleView role = roles.get(g.roleId());
                tested.add(new TestedGate(
                        g.label(),
                        role == null ? Long.toString(g.roleId()) : role.name(),
                        e.truth().name().toLowerCase(Locale.ROOT),
                        e.requirements().stream()
                                .map(q -> new TestedRequirement(
                                        q.requirement().describe(),
                                        q.truth().name().toLowerCase(Locale.ROOT),
                                        q.detail()))
                                .toList()));
            });
        }
        Map<String, Object> p = new HashMap<>();
        p.put("member", member);
        p.put("memberName", problem == null ? s.directory().memberName(r.guildId(), Long.parseLong(member)) : "");
        p.put("problem", problem);
        p.put("gates", tested);
        Responses.render(ctx, problem == null ? 200 : 400, "dashboard/dryrun.jte", r.page("Test a member", "gates"), p);
    }
}
