package dev.lorekeeper.web.dashboard;

import dev.lorekeeper.chart.StatsChart;
import dev.lorekeeper.knowledge.QaReports;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;

/** Index status, the gaps (grouped as /docs gaps groups them), stats by day and recent questions with votes. */
final class DocsPage {
    static final int DOCS_DAYS = 14;
    private final DashboardRoutes.Services s;

    DocsPage(DashboardRoutes.Services services) {
        this.s = services;
    }

    void show(Context ctx, GuildRequest r, Map<String, String> form) {
        Map<String, Object> p = new HashMap<>();
        p.put(
                "index",
                s.knowledge()
                        .index()
                        .map(i -> "ready: " + i.size() + " passages")
                        .orElse(s.knowledge().docsExist() ? "loading" : "no docs configured (knowledge.docs)"));
        p.put("gaps", s.qa().gaps(r.guildId(), DOCS_DAYS));
        QaReports.Stats stats = s.qa().stats(r.guildId(), DOCS_DAYS);
        p.put("stats", stats);
        p.put("maxDay", stats.days().stream().mapToInt(d -> d.questions()).max().orElse(0));
        p.put("recent", s.qa().recent(r.guildId(), 20));
        p.put("days", DOCS_DAYS);
        p.put("usageDays", USAGE_DAYS);
        p.put("manage", r.access().canManage());
        p.put(
                "notice",
                "reload".equals(ctx.queryParam("done")) ? "Reload started: the index is rebuilt from the docs." : null);
        Responses.render(ctx, 200, "dashboard/docs.jte", r.page("Docs", "docs"), p);
    }

    /** The days the usage chart covers: the same as /stats. */
    static final int USAGE_DAYS = 30;

    /**
     * The chart /stats attaches (LLM tokens per day by feature), as a PNG behind the same access checks as the pages;
     * never cached by the browser or a proxy, since it is one server's data.
     */
    void usageChart(Context ctx, GuildRequest r, Map<String, String> form) {
        byte[] png = StatsChart.png(s.usage().report(r.guildId(), USAGE_DAYS));
        ctx.header("Cache-Control", "private, no-store");
        ctx.contentType("image/png").result(png);
    }

    void reload(Context ctx, GuildRequest r, Map<String, String> form) {
        s.knowledge().reload(s.work());
        ctx.redirect("/dashboard/" + r.guildId() + "/docs?done=reload");
    }
}
