package dev.lorekeeper.discorddouble;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lorekeeper.testing.Fixture;
import dev.lorekeeper.testing.TestBot;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The double answers like Discord: its validation and error shapes, checked with raw HTTP, and its gateway transport. */
class DiscordDoubleTest {
    @RegisterExtension
    static final Fixture<TestBot> bot = Fixture.of(() -> TestBot.start());

    static FakeGuild guild;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        guild = bot.get().discord.guild("Double Checks");
        bot.get().discord.awaitBotReady(guild);
    }

    record Answer(int status, JsonNode body) {}

    static Answer call(String method, String path, String json, String auth) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(
                        URI.create(bot.get().discord.apiBaseUrl() + path))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        if (auth != null) {
            b.header("Authorization", auth);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), Json.parse(r.body()));
    }

    static Answer call(String method, String path, String json) throws Exception {
        return call(method, path, json, "Bot " + bot.get().discord.token());
    }

    String general() {
        return Long.toString(guild.channel("general").id());
    }

    @Test
    void theBotsGatewayRunsWithZlibStreamCompressionAsInProduction() {
        assertThat(bot.get().discord.gatewayCompressions()).isNotEmpty().containsOnly("zlib-stream");
    }

    @Test
    void rejectsOverLongContentWithInvalidFormBody() throws Exception {
        Answer a =
                call("POST", "/channels/" + general() + "/messages", Json.write(Json.obj("content", "x".repeat(2001))));
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.body().path("code").asInt()).isEqualTo(50035);
        assertThat(a.body().at("/errors/content/_errors/0/code").asText()).isEqualTo("BASE_TYPE_MAX_LENGTH");
        assertThat(bot.get().discord.messagesIn(guild.channel("general"))).isEmpty();
    }

    @Test
    void rejectsInvalidComponentLayouts() throws Exception {
        String button = "{\"type\":2,\"style\":1,\"label\":\"b\",\"custom_id\":\"%s\"}";
        String row = "{\"type\":1,\"components\":[" + button + "]}";
        StringBuilder sixRows = new StringBuilder("[");
        for (int i = 0; i < 6; i++) {
            sixRows.append(i == 0 ? "" : ",").append(row.formatted("id" + i));
        }
        sixRows.append(']');
        Answer tooMany = call(
                "POST", "/channels/" + general() + "/messages", "{\"content\":\"hi\",\"components\":" + sixRows + "}");
        assertThat(tooMany.body().path("code").asInt()).isEqualTo(50035);
        assertThat(tooMany.body().at("/errors/components/_errors/0/code").asText())
                .isEqualTo("BASE_TYPE_BAD_LENGTH");

        Answer longId = call(
                "POST",
                "/channels/" + general() + "/messages",
                "{\"content\":\"hi\",\"components\":[" + row.formatted("x".repeat(101)) + "]}");
        assertThat(longId.body()
                        .at("/errors/components/0/components/0/custom_id/_errors/0/code")
                        .asText())
                .isEqualTo("BASE_TYPE_BAD_LENGTH");

        Answer duplicate = call(
                "POST",
                "/channels/" + general() + "/messages",
                "{\"content\":\"hi\",\"components\":[{\"type\":1,\"components\":[" + button.formatted("same") + ","
                        + button.formatted("same") + "]}]}");
        assertThat(duplicate.body().path("code").asInt()).isEqualTo(50035);
    }

    @Test
    void rejectsEmptyMessagesAndBadTokens() throws Exception {
        assertThat(call("POST", "/channels/" + general() + "/messages", "{\"content\":\"\"}")
                        .body()
                        .path("code")
                        .asInt())
                .isEqualTo(50006);
        Answer unauthorized = call("GET", "/users/@me", null, "Bot wrong");
        assertThat(unauthorized.status()).isEqualTo(401);
        Answer unknownRoute = call("GET", "/no/such/route", null);
        assertThat(unknownRoute.status()).isEqualTo(404);
        assertThat(unknownRoute.body().path("message").asText()).isEqualTo("404: Not Found");
    }

    @Test
    void secondCallbackToOneInteractionIsRejected() throws Exception {
        FakeInteraction about = guild.member("carol").runs("/about");
        about.reply();
        Answer again = call(
                "POST",
                "/interactions/" + about.id + "/" + about.token + "/callback",
                "{\"type\":4,\"data\":{\"content\":\"again\"}}");
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.body().path("code").asInt()).isEqualTo(40060);
        assertThat(about.callbackAttempts()).isEqualTo(2);
        assertThat(about.messages()).hasSize(1);
    }

    @Test
    void followUpTokenExpiresAfterFifteenMinutes() throws Exception {
        FakeInteraction about = guild.member("dave").runs("/about");
        about.reply();
        String webhook = "/webhooks/" + bot.get().discord.applicationId() + "/" + about.token;
        assertThat(call("POST", webhook, "{\"content\":\"still valid\"}").status())
                .isEqualTo(200);
        bot.get().discord.advanceClock(Duration.ofMinutes(16));
        try {
            Answer late = call("POST", webhook, "{\"content\":\"too late\"}");
            assertThat(late.status()).isEqualTo(401);
            assertThat(late.body().path("code").asInt()).isEqualTo(50027);
        } finally {
            bot.get().discord.advanceClock(Duration.ofMinutes(-16));
        }
    }

    @Test
    void callbackAfterThreeSecondsIsUnknownInteraction() throws Exception {
        FakeInteraction about = guild.member("erin").runs("/about");
        about.reply();
        bot.get().discord.advanceClock(Duration.ofSeconds(4));
        try {
            Answer late = call("POST", "/interactions/" + about.id + "/" + about.token + "/callback", "{\"type\":5}");
            assertThat(late.status()).isEqualTo(404);
            assertThat(late.body().path("code").asInt()).isEqualTo(10062);
        } finally {
            bot.get().discord.advanceClock(Duration.ofSeconds(-4));
        }
    }

    @Test
    void recordsEveryRequestWithItsBody() {
        FakeInteraction about = guild.member("frank").runs("/about");
        about.reply();
        RecordedRequest callback = bot.get().discord.awaitRequest("POST", "/interactions/" + about.id + "/.*/callback");
        assertThat(callback.status()).isEqualTo(204);
        assertThat(callback.query()).contains("with_response=true");
        assertThat(callback.body().path("type").asInt()).isEqualTo(5);
        assertThat(callback.body().at("/data/flags").asInt() & 64).isEqualTo(64);
    }
}
