package dev.lorekeeper.web.dashboard;

import dev.lorekeeper.config.Feature;
import dev.lorekeeper.dashboard.GuildDirectory;
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
        GuildDirectory.GuildView g = s.directory().guild(r.guildId()).orElseThrow();
        Map<String, Object> p = new HashMap<>();
        p.put("guild", g);
        p.put("settings", s.settings().of(r.guildId()));
        p.put("gateCount", s.gates().gates(r.guildId()).size());
        p.put("manage", r.access().canManage());
        p.put("health", s.health().get());
        p.put("switches", switches(r.guildId()));
        p.put("notice", "settings".equals(ctx.queryParam("done")) ? "Settings saved." : null);
        Responses.render(ctx, 200, "dashboard/overview.jte", r.page("Overview", "overview"), p);
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
