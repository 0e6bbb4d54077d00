package dev.lorekeeper.discorddouble;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.UploadedFile;
import java.util.List;

/** Discord's REST API v10, the part the bot uses, with Discord's validation and error shapes. */
final class RestApi {
    static final String PREFIX = "/api/v10";
    private static final String JSON = "application/json";
    private static final String BEARER = "oauth-grant";

    private final DiscordDouble discord;

    RestApi(DiscordDouble discord) {
        this.discord = discord;
    }

    @FunctionalInterface
    interface Handler {
        JsonNode handle(Context ctx, JsonNode body);
    }

    void install(Javalin app) {
        route(app, HandlerType.GET, "/users/@me", (ctx, b) -> {
            OAuth2.Grant grant = ctx.attribute(BEARER);
            return grant == null ? discord.bot().toJson() : grant.user().toJson();
        });
        route(app, HandlerType.GET, "/users/@me/guilds", (ctx, b) -> {
            OAuth2.Grant grant = ctx.attribute(BEARER);
            if (grant == null) {
                throw new DiscordError(401, 0, "401: Unauthorized");
            }
            return discord.oauth().guildsOf(grant);
        });
        route(app, HandlerType.GET, "/gateway", (ctx, b) -> Json.obj("url", discord.gatewayUrl()));
        route(
                app,
                HandlerType.GET,
                "/gateway/bot",
                (ctx, b) -> Json.obj(
                        "url",
                        discord.gatewayUrl(),
                        "shards",
                        discord.shardCount(),
                        "session_start_limit",
                        Json.obj("total", 1000, "remaining", 1000, "reset_after", 0, "max_concurrency", 16)));
        route(
                app,
                HandlerType.PUT,
                "/applications/{app}/commands",
                (ctx, b) -> discord.commands().replace(null, b));
        route(
                app,
                HandlerType.GET,
                "/applications/{app}/commands",
                (ctx, b) -> discord.commands().list(null));
        route(
                app,
                HandlerType.PUT,
                "/applications/{app}/guilds/{g}/commands",
                (ctx, b) -> discord.commands().replace(guildId(ctx), b));
        route(
                app,
                HandlerType.GET,
                "/applications/{app}/guilds/{g}/commands",
                (ctx, b) -> discord.commands().list(guildId(ctx)));
        route(
                app,
                HandlerType.POST,
                "/interactions/{iid}/{token}/callback",
                (ctx, b) -> discord.interactions()
                        .callback(Long.parseLong(ctx.pathParam("iid")), ctx.pathParam("token"), b));
        route(
                app,
                HandlerType.POST,
                "/webhooks/{app}/{token}",
                (ctx, b) -> discord.interactions().followUp(ctx.pathParam("token"), b));
        route(
                app,
                HandlerType.PATCH,
                "/webhooks/{app}/{token}/messages/{mid}",
                (ctx, b) -> discord.interactions().editWebhookMessage(ctx.pathParam("token"), ctx.pathParam("mid"), b));
        route(
                app,
                HandlerType.GET,
                "/webhooks/{app}/{token}/messages/{mid}",
                (ctx, b) -> discord.interactions().webhookMessage(ctx.pathParam("token"), ctx.pathParam("mid")));
        route(
                app,
                HandlerType.DELETE,
                "/webhooks/{app}/{token}/messages/{mid}",
                (ctx, b) -> discord.interactions().deleteWebhookMessage(ctx.pathParam("token"), ctx.pathParam("mid")));
        route(
                app,
                HandlerType.GET,
                "/channels/{cid}",
                (ctx, b) -> discord.channelOrThrow(channelId(ctx)).toJson());
        route(
                app,
                HandlerType.POST,
                "/channels/{cid}/messages",
                (ctx, b) -> discord.botMessage(channelId(ctx), b).toJson());
        route(
                app,
                HandlerType.GET,
                "/channels/{cid}/messages/{mid}",
                (ctx, b) -> discord.messageOrThrow(Long.parseLong(ctx.pathParam("mid")))
                        .toJson());
        route(
                app,
                HandlerType.PATCH,
                "/channels/{cid}/messages/{mid}",
                (ctx, b) -> discord.editMessage(Long.parseLong(ctx.pathParam("mid")), b)
                        .toJson());
        route(
                app,
                HandlerType.POST,
                "/channels/{cid}/threads",
                (ctx, b) -> discord.createThread(channelId(ctx), null, b).toJson());
        route(
                app,
                HandlerType.POST,
                "/channels/{cid}/messages/{mid}/threads",
                (ctx, b) -> discord.createThread(channelId(ctx), Long.parseLong(ctx.pathParam("mid")), b)
                        .toJson());
        route(
                app,
                HandlerType.POST,
                "/users/@me/channels",
                (ctx, b) -> discord.dmChannel(b.path("recipient_id").asLong()));
        route(app, HandlerType.PUT, "/guilds/{g}/members/{u}/roles/{r}", (ctx, b) -> {
            discord.changeRole(
                    guildId(ctx), Long.parseLong(ctx.pathParam("u")), Long.parseLong(ctx.pathParam("r")), true);
            return null;
        });
        route(app, HandlerType.DELETE, "/guilds/{g}/members/{u}/roles/{r}", (ctx, b) -> {
            discord.changeRole(
                    guildId(ctx), Long.parseLong(ctx.pathParam("u")), Long.parseLong(ctx.pathParam("r")), false);
            return null;
        });
        route(
                app,
                HandlerType.GET,
                "/guilds/{g}/members/{u}",
                (ctx, b) -> discord.memberToRead(guildId(ctx), Long.parseLong(ctx.pathParam("u")))
                        .toJson());
        route(app, HandlerType.GET, "/guilds/{g}/members", (ctx, b) -> {
            // List Guild Members: by user id ascending, after the given id, 1 to 1000 at a time (default 1).
            int limit = ctx.queryParam("limit") == null ? 1 : Integer.parseInt(ctx.queryParam("limit"));
            if (limit < 1 || limit > 1000) {
                throw DiscordError.invalidForm(
                        "limit",
                        limit < 1 ? "NUMBER_TYPE_MIN" : "NUMBER_TYPE_MAX",
                        limit < 1
                                ? "int value should be greater than or equal to 1."
                                : "int value should be less than or equal to 1000.");
            }
            long after = ctx.queryParam("after") == null ? 0 : Long.parseLong(ctx.queryParam("after"));
            ArrayNode page = Json.MAPPER.createArrayNode();
            discord.guildOrThrow(guildId(ctx)).membersAfter(after, limit).forEach(m -> page.add(m.toJson()));
            return page;
        });
        route(app, HandlerType.GET, "/guilds/{g}/roles", (ctx, b) -> {
            ArrayNode roles = Json.MAPPER.createArrayNode();
            discord.guildOrThrow(guildId(ctx)).roles().forEach(r -> roles.add(r.toJson()));
            return roles;
        });
        app.error(404, ctx -> {
            // Our own 404s are already JSON; Javalin's "endpoint not found" is not.
            if (ctx.res().getContentType() == null
                    || !ctx.res().getContentType().startsWith(JSON)) {
                ctx.contentType(JSON).result(Json.write(Json.obj("message", "404: Not Found", "code", 0)));
                discord.record(new RecordedRequest(
                        ctx.method().name(), ctx.path(), ctx.queryString(), null, 404, System.nanoTime()));
            }
        });
    }

    private void route(Javalin app, HandlerType type, String path, Handler handler) {
        app.addHttpHandler(type, PREFIX + path, ctx -> handle(ctx, handler));
    }

    private void handle(Context ctx, Handler handler) {
        String method = ctx.method().name();
        String path = ctx.path().substring(PREFIX.length());
        JsonNode body = null;
        int status;
        try {
            OAuth2.Grant grant = discord.oauth().bearer(ctx.header("Authorization"));
            if (grant != null) {
                // A user's bearer token reads that user and their guild list, nothing else.
                if (!path.startsWith("/users/@me") || path.startsWith("/users/@me/channels")) {
                    throw new DiscordError(401, 0, "401: Unauthorized");
                }
                if (!grant.scopes().contains("identify")) {
                    throw new DiscordError(401, 0, "401: Unauthorized");
                }
                ctx.attribute(BEARER, grant);
            } else if (!("Bot " + discord.token()).equals(ctx.header("Authorization"))) {
                throw new DiscordError(401, 0, "401: Unauthorized");
            }
            body = body(ctx);
            Fault fault = discord.claimFault(method, path);
            if (fault != null && fault.error == null) {
                rateLimited(ctx, fault.retryAfterSeconds);
                status = 429;
            } else {
                if (fault != null) {
                    throw fault.error;
                }
                JsonNode out = handler.handle(ctx, body);
                if (out == null) {
                    ctx.status(204);
                    status = 204;
                } else {
                    ctx.status(200).contentType(JSON).result(Json.write(out));
                    status = 200;
                }
            }
        } catch (DiscordError e) {
            ctx.status(e.status).contentType(JSON).result(Json.write(e.body()));
            status = e.status;
        }
        discord.record(new RecordedRequest(method, path, ctx.queryString(), body, status, System.nanoTime()));
        holdTheAnswer(discord.answerDelay(method, path));
    }

    private static void holdTheAnswer(java.time.Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** JSON bodies, and multipart bodies whose JSON is in payload_json with files alongside. */
    private static JsonNode body(Context ctx) {
        String type = ctx.contentType();
        if (type != null && type.startsWith("multipart/")) {
            ObjectNode payload = (ObjectNode) Json.parse(ctx.formParam("payload_json"));
            ArrayNode files = Json.MAPPER.createArrayNode();
            List<UploadedFile> uploads = ctx.uploadedFiles();
            for (UploadedFile f : uploads) {
                ObjectNode file = Json.obj("filename", f.filename(), "size", f.size(), "content_type", f.contentType());
                try (java.io.InputStream in = f.content()) {
                    file.put("data", java.util.Base64.getEncoder().encodeToString(in.readAllBytes()));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                files.add(file);
            }
            payload.set("_files", files);
            return payload;
        }
        return Json.parse(ctx.body());
    }

    private static void rateLimited(Context ctx, int retryAfterSeconds) {
        ctx.status(429)
                .contentType(JSON)
                .header("Retry-After", Integer.toString(retryAfterSeconds))
                .header("X-RateLimit-Bucket", "double-bucket")
                .header("X-RateLimit-Limit", "1")
                .header("X-RateLimit-Remaining", "0")
                .header("X-RateLimit-Reset-After", retryAfterSeconds + ".000")
                .header("X-RateLimit-Scope", "user")
                .header("Via", "1.1 google")
                .result(Json.write(Json.obj(
                        "message",
                        "You are being rate limited.",
                        "retry_after",
                        (double) retryAfterSeconds,
                        "global",
                        false)));
    }

    private static long guildId(Context ctx) {
        return Long.parseLong(ctx.pathParam("g"));
    }

    private static long channelId(Context ctx) {
        return Long.parseLong(ctx.pathParam("cid"));
    }
}
