package dev.lorekeeper.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lorekeeper.RateLimiter;
import dev.lorekeeper.wallet.SiweException;
import dev.lorekeeper.wallet.SiweMessage;
import dev.lorekeeper.wallet.VerificationService;
import dev.lorekeeper.wallet.VerifyOutcome;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The verify page (static HTML, CSS and JS from the jar) and its JSON API. Answers are always JSON with a message
 * for the member; malformed input gets a 400 that says what is wrong.
 */
public final class VerifyRoutes implements WebRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final VerificationService verification;
    private final RateLimiter perIp;
    private final byte[] page;

    public VerifyRoutes(VerificationService verification, int requestsPerIpPerMinute) {
        this.verification = verification;
        this.perIp = new RateLimiter(requestsPerIpPerMinute, Duration.ofMinutes(1));
        this.page = resource("/web/verify.html");
    }

    @Override
    public void install(Javalin app) {
        app.get(
                "/verify/{token}",
                ctx -> ctx.contentType("text/html; charset=utf-8").result(page));
        app.get("/assets/verify.js", ctx -> asset(ctx, "/web/verify.js", "text/javascript; charset=utf-8"));
        app.get("/assets/verify.css", ctx -> asset(ctx, "/web/verify.css", "text/css; charset=utf-8"));
        app.get("/api/verify/{token}", this::session);
        app.post("/api/verify/{token}/message", this::message);
        app.post("/api/verify/{token}", this::complete);
    }

    private void session(Context ctx) {
        if (!allowed(ctx)) {
            return;
        }
        verification
                .openSession(ctx.pathParam("token"))
                .ifPresentOrElse(
                        s -> ctx.json(Map.of(
                                "ok",
                                true,
                                "member",
                                s.memberName(),
                                "guild",
                                s.guildName(),
                                "chainId",
                                verification.settings().chainId(),
                                "expiresAt",
                                s.expiresAt().toString())),
                        () -> ctx.status(404)
                                .json(
                                        Map.of(
                                                "ok",
                                                false,
                                                "message",
                                                "This verify link is unknown, used or expired. Run /verify in Discord for a new one.")));
    }

    private void message(Context ctx) throws IOException {
        if (!allowed(ctx)) {
            return;
        }
        JsonNode body = body(ctx);
        if (body == null) {
            return;
        }
        try {
            SiweMessage m = verification.issue(
                    ctx.pathParam("token"), body.path("address").asText(""));
            ctx.json(Map.of("ok", true, "message", m.format()));
        } catch (SiweException e) {
            ctx.status(400)
                    .json(Map.of(
                            "ok",
                            false,
                            "error",
                            e.error().name(),
                            "message",
                            e.error().explanation()
                                    + (e.error().name().equals("INVALID_FIELD") ? " (" + e.getMessage() + ")" : "")));
        }
    }

    private void complete(Context ctx) throws IOException {
        if (!allowed(ctx)) {
            return;
        }
        JsonNode body = body(ctx);
        if (body == null) {
            return;
        }
        VerifyOutcome o = verification.complete(
                ctx.pathParam("token"),
                body.path("message").asText(null),
                body.path("signature").asText(null));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ok", o.linked());
        out.put("message", o.text());
        if (o.linked()) {
            out.put("address", o.address());
            out.put("roles", o.rolesGranted());
        } else {
            out.put("error", o.error().name());
        }
        ctx.status(o.linked() ? 200 : 400).json(out);
    }

    /** Per client address, which the web server resolves through trusted proxies only. */
    private boolean allowed(Context ctx) {
        if (perIp.tryAcquire(ctx.ip())) {
            return true;
        }
        ctx.status(429).json(Map.of("ok", false, "message", "Too many requests. Wait a minute and try again."));
        return false;
    }

    private static JsonNode body(Context ctx) throws IOException {
        byte[] bytes = RequestBody.read(ctx);
        try {
            JsonNode n = JSON.readTree(bytes);
            if (n != null && n.isObject()) {
                return n;
            }
        } catch (IOException e) {
            // answered below
        }
        ctx.status(400).json(Map.of("ok", false, "message", "The request must be a JSON object."));
        return null;
    }

    private static void asset(Context ctx, String path, String type) {
        ctx.contentType(type).header("Cache-Control", "public, max-age=300").result(resource(path));
    }

    private static byte[] resource(String path) {
        try (InputStream in = VerifyRoutes.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
