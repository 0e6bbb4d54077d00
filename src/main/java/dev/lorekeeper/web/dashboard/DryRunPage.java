package dev.lorekeeper.web.dashboard;

import dev.lorekeeper.dashboard.GuildDirectory;
import dev.lorekeeper.gate.Evaluation;
import dev.lorekeeper.gate.Gate;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * "Test a member or a wallet": the same breakdown as /gate test (for a wallet: as if a member had linked only it),
 * read-only, so the moderator role may use it too.
 */
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
        String subject = "";
        Map<Gate, Evaluation> verdicts = Map.of();
        if (member.matches("\\d{15,21}")) {
            subject = s.directory().memberName(r.guildId(), Long.parseLong(member));
            verdicts = s.sync().test(r.guildId(), Long.parseLong(member));
        } else if (member.matches("0x[0-9a-fA-F]{40}")) {
            subject = "Wallet " + member;
            verdicts = s.sync().testWallet(r.guildId(), member);
        } else {
            problem = "Give the member's id (Developer Mode → right-click the member → Copy User ID) or a wallet "
                    + "address (0x and 40 hex characters).";
        }
        Map<Long, GuildDirectory.RoleView> roles = AccessChecks.roleMap(s.directory(), r.guildId());
        verdicts.forEach((g, e) -> {
            GuildDirectory.RoleView role = roles.get(g.roleId());
            tested.add(new TestedGate(
                    g.label(),
                    role == null ? Long.toString(g.roleId()) : role.name(),
                    e.truth().name().toLowerCase(Locale.ROOT),
                    e.requirements().stream()
                            .map(q -> new TestedRequirement(
                                    q.requirement().describe(), q.truth().name().toLowerCase(Locale.ROOT), q.detail()))
                            .toList()));
        });
        Map<String, Object> p = new HashMap<>();
        p.put("member", member);
        p.put("memberName", subject);
        p.put("problem", problem);
        p.put("gates", tested);
        Responses.render(
                ctx,
                problem == null ? 200 : 400,
                "dashboard/dryrun.jte",
                r.page("Test a member or a wallet", "gates"),
                p);
    }
}
