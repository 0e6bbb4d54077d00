package dev.lorekeeper.web.dashboard;

import io.javalin.http.Context;
import java.util.Map;

/** A server page's handler; {@code form} is the posted form (empty for a GET). */
@FunctionalInterface
interface GuildHandler {
    void handle(Context ctx, GuildRequest r, Map<String, String> form) throws Exception;
}
