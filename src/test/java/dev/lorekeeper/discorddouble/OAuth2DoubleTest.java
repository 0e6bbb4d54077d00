package dev.lorekeeper.discorddouble;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The double's OAuth2 as a web app meets it: consent, the checked token exchange, and what the bearer token reads. */
class OAuth2DoubleTest {
    static final String REDIRECT = "http://127.0.0.1:1/auth/callback";
    static final String VERIFIER = "a-verifier-that-is-long-enough-for-pkce-0123456789abcdef";
    static DiscordDouble discord;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        discord = DiscordDouble.start();
    }

    @AfterAll
    static void stop() {
        discord.close();
    }

    @Test
    void consentGivesACodeThatTheVerifierAndSecretTurnIntoATokenForTheUserAndTheirGuilds() throws Exception {
        FakeGuild guild = discord.guild("Consent Town");
        FakeMember mod = guild.member("mod", guild.role("Mods", Perms.MANAGE_GUILD));
        discord.signInAs(mod.user());

        String code = consent("s-1");
        JsonNode token = Json.parse(
                exchange(code, VERIFIER, REDIRECT, discord.oauthClientSecret()).body());
        assertThat(token.path("token_type").asText()).isEqualTo("Bearer");

        JsonNode me = Json.parse(
                get("/users/@me", token.path("access_token").asText()).body());
        assertThat(me.path("id").asText()).isEqualTo(Long.toString(mod.id()));
        JsonNode guilds = Json.parse(
                get("/users/@me/guilds", token.path("access_token").asText()).body());
        assertThat(guilds).hasSize(1);
        assertThat(guilds.get(0).path("name").asText()).isEqualTo("Consent Town");
        assertThat(Long.parseLong(guilds.get(0).path("permissions").asText()) & Perms.MANAGE_GUILD)
                .isNotZero();
        // A user's token reads only the user: never the bot's routes.
        assertThat(get(
                                "/guilds/" + guild.id() + "/roles",
                                token.path("access_token").asText())
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void theExchangeRefusesAWrongVerifierRedirectSecretOrAReusedCode() throws Exception {
        FakeGuild guild = discord.guild("Refusals");
        discord.signInAs(guild.owner().user());
        String secret = discord.oauthClientSecret();

        assertThat(exchange(consent("s"), "wrong-verifier", REDIRECT, secret).body())
                .contains("invalid_grant", "code_verifier");
        assertThat(exchange(consent("s"), VERIFIER, "http://evil.example/cb", secret)
                        .body())
                .contains("invalid_grant", "redirect_uri");
        HttpResponse<String> badSecret = exchange(consent("s"), VERIFIER, REDIRECT, "not-the-secret");
        assertThat(badSecret.statusCode()).isEqualTo(401);
        assertThat(badSecret.body()).contains("invalid_client");

        String code = consent("s");
        assertThat(exchange(code, VERIFIER, REDIRECT, secret).statusCode()).isEqualTo(200);
        assertThat(exchange(code, VERIFIER, REDIRECT, secret).body()).contains("invalid_grant");
    }

    @Test
    void cancelRedirectsWithAccessDeniedAndTheState() throws Exception {
        discord.signInAs(discord.guild("Cancel").owner().user());
        HttpResponse<String> page = authorizePage("st");
        HttpResponse<String> back = submit(page.body(), "deny");
        assertThat(back.headers().firstValue("Location").orElseThrow())
                .startsWith(REDIRECT + "?error=access_denied&state=st");
    }

    /** Opens the consent page, clicks Authorize, and returns the code from the redirect. */
    static String consent(String state) throws Exception {
        HttpResponse<String> page = authorizePage(state);
        assertThat(page.statusCode()).isEqualTo(200);
        String location =
                submit(page.body(), "allow").headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(REDIRECT + "?code=").endsWith("&state=" + state);
        return location.substring(location.indexOf("code=") + 5, location.indexOf("&state"));
    }

    static HttpResponse<String> authorizePage(String state) throws Exception {
        String query = form(Map.of(
                "response_type",
                "code",
                "client_id",
                discord.oauthClientId(),
                "scope",
                "identify guilds",
                "state",
                state,
                "redirect_uri",
                REDIRECT,
                "code_challenge",
                OAuth2.s256(VERIFIER),
                "code_challenge_method",
                "S256"));
        return http.send(
                HttpRequest.newBuilder(URI.create(discord.oauthBaseUrl() + "/oauth2/authorize?" + query))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> submit(String consentPage, String decision) throws Exception {
        Matcher m = Pattern.compile("name=\"([a-z_]+)\" value=\"([^\"]*)\"").matcher(consentPage);
        StringBuilder body = new StringBuilder("decision=" + decision);
        while (m.find()) {
            body.append('&')
                    .append(m.group(1))
                    .append('=')
                    .append(URLEncoder.encode(
                            m.group(2).replace("&amp;", "&").replace("&quot;", "\""), StandardCharsets.UTF_8));
        }
        return http.send(
                HttpRequest.newBuilder(URI.create(discord.oauthBaseUrl() + "/oauth2/authorize"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> exchange(String code, String verifier, String redirect, String secret)
            throws Exception {
        String body = form(Map.of(
                "grant_type", "authorization_code",
                "code", code,
                "redirect_uri", redirect,
                "code_verifier", verifier,
                "client_id", discord.oauthClientId(),
                "client_secret", secret));
        return http.send(
                HttpRequest.newBuilder(URI.create(discord.oauthBaseUrl() + "/api/v10/oauth2/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String path, String bearer) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(discord.apiBaseUrl() + path))
                        .header("Authorization", "Bearer " + bearer)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String form(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
