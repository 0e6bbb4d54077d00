package dev.lorekeeper.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lorekeeper.config.OAuthConfig;
import dev.lorekeeper.http.OutboundHttp;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * "Log in with Discord": OAuth2's authorization code grant with PKCE (S256) and {@code state}, scopes
 * {@code identify guilds}. The access token is used for two reads right after the exchange (who is this, which servers
 * are theirs) and then dropped: sessions never hold a Discord token. The client secret is sent only to the configured
 * token endpoint and appears in no message.
 */
public final class DiscordLogin {
    public static final String SCOPES = "identify guilds";
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final int MAX_REPLY = 2 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OAuthConfig config;
    private final String redirectUri;
    private final OutboundHttp http;

    public DiscordLogin(OAuthConfig config, String publicUrl, OutboundHttp http) {
        this.config = config;
        this.redirectUri = publicUrl + "/auth/callback";
        this.http = http;
    }

    /** Who logged in, and the servers Discord listed for them (access is decided elsewhere, on the bot's view). */
    public record Identity(long userId, String name, List<Long> guildIds) {}

    /** Discord refused, or could not be reached; the message is for the person logging in. */
    public static final class LoginFailed extends Exception {
        private static final long serialVersionUID = 1L;

        public LoginFailed(String message) {
            super(message);
        }
    }

    public String redirectUri() {
        return redirectUri;
    }

    /** Where to send the browser: Discord's consent page for this login. */
    public String authorizeUrl(DashboardSessions.PendingLogin login) {
        return config.baseUrl() + "/oauth2/authorize?response_type=code"
                + "&client_id=" + enc(config.clientId())
                + "&scope=" + enc(SCOPES)
                + "&state=" + enc(login.state())
                + "&redirect_uri=" + enc(redirectUri)
                + "&code_challenge=" + challenge(login.verifier())
                + "&code_challenge_method=S256";
    }

    /** Exchanges the code (with the PKCE verifier) and reads the member and their servers. */
    public Identity identify(String code, String verifier) throws LoginFailed, InterruptedException {
        String form = "grant_type=authorization_code&code=" + enc(code) + "&redirect_uri=" + enc(redirectUri)
                + "&code_verifier=" + enc(verifier) + "&client_id=" + enc(config.clientId()) + "&client_secret="
                + enc(config.clientSecret());
        JsonNode token = call(
                config.baseUrl() + "/api/v10/oauth2/token",
                Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "application/json"),
                form);
        String access = token.path("access_token").asText("");
        if (access.isEmpty()) {
            throw new LoginFailed("Discord did not accept the login ("
                    + token.path("error").asText("no token") + "). Please log in again.");
        }
        Map<String, String> bearer = Map.of("Authorization", "Bearer " + access, "Accept", "application/json");
        JsonNode me = call(config.baseUrl() + "/api/v10/users/@me", bearer, null);
        JsonNode guilds = call(config.baseUrl() + "/api/v10/users/@me/guilds", bearer, null);
        List<Long> ids = new ArrayList<>();
        guilds.forEach(g -> ids.add(g.path("id").asLong()));
        String name = me.path("global_name").isTextual()
                ? me.path("global_name").asText()
                : me.path("username").asText("member");
        long id = me.path("id").asLong(0);
        if (id == 0) {
            throw new LoginFailed("Discord did not say who you are. Please log in again.");
        }
        return new Identity(id, name, List.copyOf(ids));
    }

    private JsonNode call(String url, Map<String, String> headers, String form)
            throws LoginFailed, InterruptedException {
        OutboundHttp.Reply reply;
        try {
            reply = http.configured(URI.create(url), headers, form, DEADLINE, MAX_REPLY);
        } catch (IOException e) {
            throw new LoginFailed("Discord could not be reached (" + e.getMessage() + "). Please try again.");
        }
        JsonNode body;
        try {
            body = JSON.readTree(reply.body().text());
        } catch (IOException e) {
            throw new LoginFailed("Discord answered something that is not JSON (HTTP " + reply.status() + ").");
        }
        if (reply.status() / 100 != 2 && !body.has("error")) {
            throw new LoginFailed("Discord refused the login (HTTP " + reply.status() + "). Please log in again.");
        }
        return body;
    }

    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
