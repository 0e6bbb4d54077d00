package dev.lorekeeper.web.dashboard;

import dev.lorekeeper.dashboard.GuildDirectory;
import dev.lorekeeper.gate.RoleChangeLog;
import io.javalin.http.Context;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The role changes the bot made, filtered and paged, or all matching ones as CSV. */
public final class AuditPage {
    static final int AUDIT_PAGE = 50;
    private final DashboardRoutes.Services s;

    AuditPage(DashboardRoutes.Services services) {
        this.s = services;
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

    void show(Context ctx, GuildRequest r, Map<String, String> form) {
        AuditQuery q = AuditQuery.from(ctx);
        List<RoleChangeLog.Entry> entries = s.roleChanges()
                .page(
                        r.guildId(),
                        q.filter(),
                        q.csv() ? 0 : q.page() * AUDIT_PAGE,
                        q.csv() ? RoleChangeLog.MAX_PAGE : AUDIT_PAGE + 1);
        Map<Long, GuildDirectory.RoleView> roles = AccessChecks.roleMap(s.directory(), r.guildId());
        List<AuditRow> rows = new ArrayList<>();
        for (RoleChangeLog.Entry e :
                entries.subList(0, Math.min(entries.size(), q.csv() ? entries.size() : AUDIT_PAGE))) {
            GuildDirectory.RoleView role = roles.get(e.roleId());
            rows.add(new AuditRow(
                    e.createdAt()
                            .truncatedTo(ChronoUnit.SECONDS)
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
        Responses.render(ctx, 200, "dashboard/audit.jte", r.page("Audit log", "audit"), p);
    }
}
