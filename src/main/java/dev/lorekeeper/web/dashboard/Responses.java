package dev.lorekeeper.web.dashboard;

import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;

/** How every dashboard page answers: a JTE template inside the layout, or a short message page. */
final class Responses {
    private Responses() {}

    static void render(Context ctx, int status, String template, Page page, Map<String, Object> params) {
        Map<String, Object> all = new HashMap<>(params);
        all.put("page", page);
        ctx.status(status).contentType("text/html; charset=utf-8").result(Templates.render(template, all));
    }

    static void message(Context ctx, int status, String heading, String text) {
        render(ctx, status, "dashboard/message.jte", Page.anonymous(heading), Map.of("heading", heading, "text", text));
    }

    static void loginPage(Context ctx) {
        render(ctx, 401, "dashboard/login.jte", Page.anonymous("Log in"), Map.of());
    }

    static void forbidden(Context ctx) {
        message(
                ctx,
                403,
                "Not allowed",
                "You can't do this here. The dashboard needs the Manage Server permission (or the server's moderator "
                        + "role, to read), and forms must come from this site.");
    }
}
