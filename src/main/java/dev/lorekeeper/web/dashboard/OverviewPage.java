package dev.lorekeeper.web.dashboard;

import dev.lorekeeper.Refusal;
import dev.lorekeeper.config.Feature;
import dev.lorekeeper.dashboard.GuildDirectory;
import dev.lorekeeper.gate.RoleSync;
import dev.lorekeeper.settings.GuildSettings;
import dev.lorekeeper.settings.Setting;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A server's overview: its settings, gate count, the bot's health, and the on/off switches of /settings. */
public final class OverviewPage {
    /** The on/off settings of /settings, as checkboxes: each one that changed is set as /settings sets it. */
    static final List<Setting> SWITCHES = List.of(
            Setting.VERIFICATION,
            Setting.GATING,
            Setting.QA,
            Setting.CHARACTERS,
            Setting.DELEGATION,
            Setting.PUBLIC_PAGES);

    private final DashboardRoutes.Services s;

    OverviewPage(DashboardRoutes.Services services) {
        this.s = services;
    }

    /** A switch as the overview shows it. */
    public record Switch(String key, String label, boolean on) {}

    void show(Context ctx, GuildRequest r, Map<String, String> form) {
        show(ctx, r, 200, List.of());
    }

    private void show(Context ctx, GuildRequest r, int status, List<String> problems) {
        GuildDirectory.GuildView g = s.directory().guild(r.guildId()).orElseThrow();
        Map<String, Object> p = new HashMap<>();
        p.put("guild", g);
        p.put("settings", s.settings().of(r.guildId()));
        p.put("gateCount", s.gates().gates(r.guildId()).size());
        p.put("manage", r.access().canManage());
        p.put("health", s.health().get());
        p.put("switches", switches(r.guildId()));
        p.put("notice", "settings".equals(ctx.queryParam("done")) ? "Settings saved." : null);
        p.put("problems", problems);
        p.put("channels", s.directory().textChannels(r.guildId()));
        p.put("roles", s.directory().roles(r.guildId()));
        p.put("names", Names.of(s.directory(), r.guildId(), s.settings().of(r.guildId())));
        p.put(
                "sweep",
                s.sync()
                        .lastSweep(r.guildId())
                        .map(OverviewPage::sweepLine)
                        .orElse("not since this process started (the sweep runs every few hours, on one process)"));
        p.put(
                "alerts",
                s.alerts().of(r.guildId()).stream()
                        .map(a -> new AlertLine(GatesPage.minutes(a.at()), a.text()))
                        .toList());
        Responses.render(ctx, status, "dashboard/overview.jte", r.page("Overview", "overview"), p);
    }

    /** An audit-channel alert as the overview lists it. */
    public record AlertLine(String at, String text) {}

    private static String sweepLine(RoleSync.Sweep sw) {
        return GatesPage.minutes(sw.finishedAt())
                + (sw.failure() == null
                        ? ": " + sw.checked() + " member(s) checked"
                        : ": failed (" + sw.failure() + "); the log says why");
    }

    /** The channels and moderator role of /settings, by name as the bot sees them now. */
    public record Names(String auditChannel, String moderatorRole, String qaChannels) {
        static Names of(GuildDirectory d, long guildId, GuildSettings g) {
            Map<String, String> channels = new HashMap<>();
            d.textChannels(guildId).forEach(c -> channels.put(Long.toString(c.id()), "#" + c.name()));
            Map<String, String> roles = new HashMap<>();
            d.roles(guildId).forEach(role -> roles.put(Long.toString(role.id()), "@" + role.name()));
            return new Names(
                    g.auditChannelId() == null
                            ? "not set"
                            : channels.getOrDefault(g.auditChannelId(), "deleted channel " + g.auditChannelId()),
                    g.moderatorRoleId() == null
                            ? "not set"
                            : roles.getOrDefault(g.moderatorRoleId(), "deleted role " + g.moderatorRoleId()),
                    g.qaChannelIds().isEmpty()
                            ? "all"
                            : String.join(
                                    ", ",
                                    g.qaChannelIds().stream()
                                            .map(id -> channels.getOrDefault(id, "deleted channel " + id))
                                            .toList()));
        }
    }

    /**
     * The audit channel, moderator role and Q&A channels, set as /settings sets them (the same service and its
     * checks); the picks must be channels and roles of this server, as Discord's own pickers guarantee for /settings.
     * An empty pick resets the setting ("not set", or Q&A in every channel).
     */
    void saveChannels(Context ctx, GuildRequest r, Map<String, String> form) {
        List<String> problems = new ArrayList<>();
        java.util.Set<String> channels = new java.util.HashSet<>();
        s.directory().textChannels(r.guildId()).forEach(c -> channels.add(Long.toString(c.id())));
        java.util.Set<String> roles = new java.util.HashSet<>();
        s.directory().roles(r.guildId()).forEach(role -> roles.add(Long.toString(role.id())));
        String audit = form.getOrDefault(Setting.AUDIT_CHANNEL.key(), "");
        String moderator = form.getOrDefault(Setting.MODERATOR_ROLE.key(), "");
        List<String> qa = form.keySet().stream()
                .filter(k -> k.startsWith(QA_PREFIX))
                .map(k -> k.substring(QA_PREFIX.length()))
                .sorted()
                .toList();
        if (!audit.isEmpty() && !channels.contains(audit)) {
            problems.add("audit-channel: pick one of this server's text channels");
        }
        if (!moderator.isEmpty() && !roles.contains(moderator)) {
            problems.add("moderator-role: pick one of this server's roles");
        }
        if (!qa.stream().allMatch(channels::contains)) {
            problems.add("qa-channels: pick this server's text channels");
        }
        if (!problems.isEmpty()) {
            show(ctx, r, 422, problems);
            return;
        }
        try {
            put(r, Setting.AUDIT_CHANNEL, audit);
            put(r, Setting.MODERATOR_ROLE, moderator);
            put(r, Setting.QA_CHANNELS, String.join(",", qa));
        } catch (Refusal refused) {
            show(ctx, r, 422, List.of(refused.getMessage()));
            return;
        }
        ctx.redirect("/dashboard/" + r.guildId() + "?done=settings");
    }

    /** The form field of one Q&A channel checkbox: this prefix and the channel id. */
    static final String QA_PREFIX = "qa-channel.";

    private void put(GuildRequest r, Setting setting, String value) {
        if (value.isEmpty()) {
            s.settings().reset(r.guildId(), setting, r.session().userId());
        } else {
            s.settings().set(r.guildId(), setting, value, r.session().userId());
        }
    }

    private List<Switch> switches(long guildId) {
        GuildSettings g = s.settings().of(guildId);
        List<Switch> out = new ArrayList<>();
        for (Feature f : Feature.values()) {
            out.add(new Switch("feature." + f.key(), f.title(), g.features().enabled(f)));
        }
        out.add(new Switch(Setting.DELEGATION.key(), "Count cold wallets delegated (delegate.xyz)", g.delegation()));
        out.add(new Switch(Setting.PUBLIC_PAGES.key(), "Public character pages", g.publicPages()));
        return out;
    }

    void saveSwitches(Context ctx, GuildRequest r, Map<String, String> form) {
        Map<String, Boolean> now = new HashMap<>();
        switches(r.guildId()).forEach(sw -> now.put(sw.key(), sw.on()));
        for (Setting setting : SWITCHES) {
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
}
