package dev.lorekeeper.web.dashboard;

import static dev.lorekeeper.web.dashboard.Responses.message;

import dev.lorekeeper.config.RuleSpec;
import dev.lorekeeper.gate.StoredGate;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rule builder: adding, editing and removing a gate, through the same catalog, validator and role rules as /gate
 * (the same messages too).
 */
final class GateBuilderPage {
    private final DashboardRoutes.Services s;
    private final Resyncs resyncs;

    GateBuilderPage(DashboardRoutes.Services services, Resyncs resyncs) {
        this.s = services;
        this.resyncs = resyncs;
    }

    void newGate(Context ctx, GuildRequest r, Map<String, String> form) {
        if (!r.access().canManage()) {
            message(ctx, 403, "Read only", "Adding gates needs the Manage Server permission.");
            return;
        }
        builder(ctx, r, 200, null, "", "", RuleForm.blank(defaultChain()), List.of());
    }

    void editGate(Context ctx, GuildRequest r, Map<String, String> form) {
        long id = gateId(ctx);
        Optional<StoredGate> stored = id < 0 ? Optional.empty() : s.gates().stored(r.guildId(), id);
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

    void save(Context ctx, GuildRequest r, Map<String, String> form) {
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
        resyncs.start(r.guildId());
        ctx.redirect("/dashboard/" + r.guildId() + "/gates?done=" + done);
    }

    void delete(Context ctx, GuildRequest r, Map<String, String> form) {
        long id = gateId(ctx);
        Optional<StoredGate> stored = id < 0 ? Optional.empty() : s.gates().stored(r.guildId(), id);
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
        Responses.render(
                ctx,
                status,
                "dashboard/gate.jte",
                r.page(gateId == null ? "New gate" : "Edit gate #" + gateId, "gates"),
                p);
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
}
