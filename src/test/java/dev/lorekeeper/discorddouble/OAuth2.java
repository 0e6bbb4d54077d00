package dev.lorekeeper.discorddouble;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Discord's OAuth2 authorization code grant with PKCE, as a browser and a web app meet it: the authorize page asks
 * the signed-in account for consent (a form a test can click), the token endpoint checks the code, the redirect URI,
 * the client secret and the PKCE verifier, and the bearer token then reads {@code /users/@me} and
 * {@code /users/@me/guilds}. Codes are single use; tokens carry the scopes granted.
 */
final class OAuth2 {
    static final String AUTHORIZE = "/oauth2/authorize";
    static final String TOKEN = RestApi.PREFIX + "/oauth2/token";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long CODE_LIFETIME_MILLIS = 10 * 60_000L;

    private final DiscordDouble discord;
    private final String clientSecret = random();
    private final AtomicReference<FakeUser> signedIn = new AtomicReference<>();
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, Grant> tokens = new ConcurrentHashMap<>();

    /** What the user consented to, bound to the client's redirect URI and PKCE challenge. */
    record Grant(FakeUser user, Set<String> scopes, String redirectUri, String challenge, long issuedAtMillis) {}

    OAuth2(DiscordDouble discord) {
        this.discord = discord;
    }

    String clientSecret() {
        return clientSecret;
    }

    void signIn(FakeUser user) {
        signedIn.set(user);
    }

    void install(Javalin app) {
        app.get(AUTHORIZE, this::consentPage);
        app.post(AUTHORIZE, this::consent);
        app.post(TOKEN, this::token);
    }

    private void consentPage(Context ctx) {
        String problem = requestProblem(ctx.queryParam("client_id"), ctx.queryParam("response_type"));
        if (problem == null && !"S256".equals(ctx.queryParam("code_challenge_method"))) {
            problem = "code_challenge_method must be S256";
        }
        if (problem == null
                && (ctx.queryParam("code_challenge") == null
                        || ctx.queryParam("code_challenge").isBlank())) {
            problem = "code_challenge is missing";
        }
        if (problem == null && (ctx.queryParam("redirect_uri") == null)) {
            problem = "redirect_uri is missing";
        }
        FakeUser user = signedIn.get();
        if (problem == null && user == null) {
            problem = "nobody is signed in to the double (call DiscordDouble.signInAs first)";
        }
        discord.record(new RecordedRequest("GET", AUTHORIZE, ctx.queryString(), null, problem == null ? 200 : 400, 0));
        if (problem != null) {
            ctx.status(400)
                    .contentType("text/html")
                    .result("<!doctype html><title>Invalid OAuth2 request</title><p>" + escape(problem));
            return;
        }
        StringBuilder hidden = new StringBuilder();
        for (String name : List.of("client_id", "redirect_uri", "scope", "state", "code_challenge")) {
            hidden.append("<input type=hidden name=\"")
                    .append(name)
                    .append("\" value=\"")
                    .append(escape(ctx.queryParam(name) == null ? "" : ctx.queryParam(name)))
                    .append("\">");
        }
        ctx.contentType("text/html")
                .result("<!doctype html><html><head><title>Discord — Authorize</title></head><body>"
                        + "<h1>An external application wants to access your Discord account</h1>"
                        + "<p id=account>Signed in as " + escape(user.username()) + "</p>"
                        + "<p id=scopes>Scopes: " + escape(String.valueOf(ctx.queryParam("scope"))) + "</p>"
                        + "<form method=post action=\"" + AUTHORIZE + "\">" + hidden
                        + "<button id=authorize name=decision value=allow>Authorize</button>"
                        + "<button id=cancel name=decision value=deny>Cancel</button></form></body></html>");
    }

    private void consent(Context ctx) {
        Map<String, String> form = form(ctx.body());
        String redirect = form.getOrDefault("redirect_uri", "");
        String state = form.get("state");
        FakeUser user = signedIn.get();
        String problem = requestProblem(form.get("client_id"), "code");
        if (problem != null || user == null || redirect.isEmpty()) {
            ctx.status(400).result(problem == null ? "bad consent" : problem);
            return;
        }
        StringBuilder to = new StringBuilder(redirect).append(redirect.contains("?") ? '&' : '?');
        if (!"allow".equals(form.get("decision"))) {
            to.append("error=access_denied");
        } else {
            String code = random();
            Set<String> scopes = Set.of(form.getOrDefault("scope", "").split(" "));
            codes.put(code, new Grant(user, scopes, redirect, form.get("code_challenge"), discord.nowMillis()));
            to.append("code=").append(enc(code));
        }
        if (state != null) {
            to.append("&state=").append(enc(state));
        }
        ctx.redirect(to.toString());
    }

    /** The token exchange: Discord answers RFC 6749 error objects ({@code invalid_grant}, {@code invalid_client}). */
    private void token(Context ctx) {
        Map<String, String> form = form(ctx.body());
        String clientId = form.get("client_id");
        String secret = form.get("client_secret");
        String basic = ctx.header("Authorization");
        if (basic != null && basic.startsWith("Basic ")) {
            String[] pair =
                    new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8).split(":", 2);
            clientId = pair[0];
            secret = pair.length > 1 ? pair[1] : null;
        }
        int status;
        ObjectNode out;
        if (!Long.toString(discord.applicationId()).equals(clientId) || !clientSecret.equals(secret)) {
            status = 401;
            out = error("invalid_client", "Invalid client_id or client_secret");
        } else if (!"authorization_code".equals(form.get("grant_type"))) {
            status = 400;
            out = error("unsupported_grant_type", "Unsupported grant type");
        } else {
            // Removed whatever happens next: a code is tried once.
            Grant g = form.get("code") == null ? null : codes.remove(form.get("code"));
            if (g == null || discord.nowMillis() - g.issuedAtMillis() > CODE_LIFETIME_MILLIS) {
                status = 400;
                out = error("invalid_grant", "Invalid \"code\" in request.");
            } else if (!g.redirectUri().equals(form.get("redirect_uri"))) {
                status = 400;
                out = error("invalid_grant", "Invalid \"redirect_uri\" in request.");
            } else if (!g.challenge().equals(s256(form.getOrDefault("code_verifier", "")))) {
                status = 400;
                out = error("invalid_grant", "Invalid \"code_verifier\" in request.");
            } else {
                String token = random();
                tokens.put(token, g);
                status = 200;
                out = Json.obj(
                        "access_token",
                        token,
                        "token_type",
                        "Bearer",
                        "expires_in",
                        604800,
                        "refresh_token",
                        random(),
                        "scope",
                        String.join(" ", g.scopes()));
            }
        }
        discord.record(new RecordedRequest("POST", "/oauth2/token", null, null, status, System.nanoTime()));
        ctx.status(status).contentType("application/json").result(Json.write(out));
    }

    /** The grant behind a bearer token, or null. */
    Grant bearer(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        return tokens.get(authorization.substring(7));
    }

    /** {@code /users/@me/guilds}: the partial guilds with the member's permissions, as Discord lists them. */
    ArrayNode guildsOf(Grant g) {
        if (!g.scopes().contains("guilds")) {
            throw new DiscordError(403, 50001, "Missing Access");
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (FakeGuild guild : discord.guilds()) {
            FakeMember m = guild.memberById(g.user().id());
            if (m != null) {
                out.add(Json.obj(
                        "id",
                        Long.toString(guild.id),
                        "name",
                        guild.name,
                        "icon",
                        null,
                        "owner",
                        guild.owner.id() == m.id(),
                        "permissions",
                        Long.toString(guild.permissionsOf(m)),
                        "features",
                        Json.arr()));
            }
        }
        return out;
    }

    private String requestProblem(String clientId, String responseType) {
        if (!Long.toString(discord.applicationId()).equals(clientId)) {
            return "Unknown client_id";
        }
        if (!"code".equals(responseType)) {
            return "response_type must be code";
        }
        return null;
    }

    private static ObjectNode error(String error, String description) {
        return Json.obj("error", error, "error_description", description);
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> form(String body) {
        Map<String, String> out = new HashMap<>();
        if (body == null || body.isEmpty()) {
            return out;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(k, v);
        }
        return out;
    }

    private static String random() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
