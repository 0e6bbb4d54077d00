package dev.lorekeeper.discorddouble;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A server of 2,500 members kept as an id range: GUILD_CREATE says "large" without the list, Request Guild Members
 * streams it in chunks of 1000, and REST pages it and reads one member, as Discord does.
 */
class LargeGuildTest {
    static final int MEMBERS = 2_500;
    static DiscordDouble discord;
    static FakeGuild guild;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        discord = DiscordDouble.start();
        guild = discord.guild("Crowd");
        guild.populate(MEMBERS);
    }

    @AfterAll
    static void stop() {
        discord.close();
    }

    @Test
    void guildCreateOfALargeServerCarriesTheCountAndNotTheMemberList() throws Exception {
        try (RawGatewaySocket socket = new RawGatewaySocket(discord.gatewayUrl() + "?v=10&encoding=json")) {
            socket.next(); // HELLO
            socket.sendText(identify());
            socket.next(); // READY
            JsonNode create = Json.parse((String) socket.next()).path("d");
            assertThat(create.path("large").asBoolean()).isTrue();
            assertThat(create.path("member_count").asInt()).isEqualTo(MEMBERS + 2); // plus the owner and the bot
            assertThat(create.path("members").size()).isEqualTo(1);
        }
    }

    @Test
    void requestGuildMembersStreamsEveryMemberInChunksOfAThousand() throws Exception {
        try (RawGatewaySocket socket = new RawGatewaySocket(discord.gatewayUrl() + "?v=10&encoding=json")) {
            socket.next();
            socket.sendText(identify());
            socket.next();
            socket.next();
            socket.sendText(Json.write(Json.obj(
                    "op",
                    8,
                    "d",
                    Json.obj("guild_id", Long.toString(guild.id()), "query", "", "limit", 0, "nonce", "all"))));
            Set<String> ids = new HashSet<>();
            List<Integer> sizes = new ArrayList<>();
            int count = 1;
            for (int i = 0; i < count; i++) {
                JsonNode chunk = Json.parse((String) socket.next()).path("d");
                assertThat(chunk.path("nonce").asText()).isEqualTo("all");
                assertThat(chunk.path("chunk_index").asInt()).isEqualTo(i);
                count = chunk.path("chunk_count").asInt();
                sizes.add(chunk.path("members").size());
                chunk.path("members")
                        .forEach(m -> ids.add(m.path("user").path("id").asText()));
            }
            assertThat(sizes).containsExactly(1000, 1000, 502);
            assertThat(ids).hasSize(MEMBERS + 2);

            String missing = "1";
            socket.sendText(Json.write(Json.obj(
                    "op",
                    8,
                    "d",
                    Json.obj(
                            "guild_id",
                            Long.toString(guild.id()),
                            "user_ids",
                            Json.arr(Long.toString(guild.populatedId(7)), missing)))));
            JsonNode byId = Json.parse((String) socket.next()).path("d");
            assertThat(byId.path("members").get(0).path("user").path("username").asText())
                    .isEqualTo("member-7");
            assertThat(byId.path("not_found").get(0).asText()).isEqualTo(missing);
        }
    }

    @Test
    void restPagesMembersByIdAndReadsOneWithItsRoles() throws Exception {
        FakeRole holder = guild.role("Holder");
        FakeMember tenth = guild.populated(10);
        discord.changeRole(guild.id(), tenth.id(), holder.id(), true);
        Set<Long> seen = new HashSet<>();
        long after = 0;
        int pages = 0;
        while (true) {
            JsonNode page = get("/guilds/" + guild.id() + "/members?limit=1000&after=" + after);
            if (page.isEmpty()) {
                break;
            }
            pages++;
            long previous = after;
            for (JsonNode m : page) {
                long id = m.path("user").path("id").asLong();
                assertThat(id).as("ids ascend").isGreaterThan(previous);
                previous = id;
                seen.add(id);
            }
            after = previous;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(guild.memberCount());
        JsonNode one = get("/guilds/" + guild.id() + "/members/" + tenth.id());
        assertThat(one.path("roles").get(0).asText()).isEqualTo(Long.toString(holder.id()));
        assertThat(get("/guilds/" + guild.id() + "/members?limit=1001")
                        .path("code")
                        .asInt())
                .isEqualTo(50035);
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(discord.apiBaseUrl() + path))
                        .header("Authorization", "Bot " + discord.token())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return Json.parse(r.body());
    }

    private static String identify() {
        return Json.write(Json.obj("op", 2, "d", Json.obj("token", discord.token(), "intents", 1 << 1)));
    }
}
