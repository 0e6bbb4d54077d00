package dev.lorekeeper.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorekeeper.discorddouble.DiscordDouble;
import dev.lorekeeper.discorddouble.FakeGuild;
import dev.lorekeeper.discorddouble.FakeMessage;
import dev.lorekeeper.testing.BotProcess;
import dev.lorekeeper.testing.TestBot;
import dev.lorekeeper.web.HealthRoutes;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL restarted under a running bot: while it is down, a member's write fails with a clear message (never a
 * stack trace, never a silent loss) and /readyz says the database is down; once it is back, the same pool recovers
 * without a bot restart, and a transaction that meets a connection killed by the restart is run again on a fresh one.
 */
class PostgresRestartTest {
    @TempDir
    Path data;

    static EmbeddedPostgres startPostgres(Path data, int port) throws Exception {
        return EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .start();
    }

    @Test
    void poolRecoversAndWritesDuringTheOutageAreReported() throws Exception {
        int port = BotProcess.freePort();
        EmbeddedPostgres pg = startPostgres(data, port);
        String jdbc = pg.getJdbcUrl("postgres", "postgres");
        try (TestBot bot = TestBot.startOn(jdbc, "")) {
            FakeGuild guild = bot.discord.guild("Outage Club");
            bot.discord.awaitBotReady(guild);
            assertOpensAStoredSession(
                    bot, guild.member("before").runs("/verify").reply(), "before");
            awaitReadyz(bot, 200);

            pg.close();
            FakeMessage during = guild.member("during").runs("/verify").reply();
            assertThat(during.content())
                    .contains("Something went wrong on my side", "try again")
                    .doesNotContain("Exception", "at dev.");

            // A short outage: the pool's reconnection backs off up to 5 s, and the first try must land before.
            pg = startPostgres(data, port);
            // The same pool reconnects at the first try: this /verify is answered with a session it saved.
            assertOpensAStoredSession(
                    bot, guild.member("during").runs("/verify").reply(), "during");
            try (var c = pg.getPostgresDatabase().getConnection();
                    var st = c.createStatement();
                    var rs = st.executeQuery("SELECT COUNT(*) FROM verify_session")) {
                rs.next();
                assertThat(rs.getInt(1))
                        .as("the session before and the retried one after")
                        .isEqualTo(2);
            }

            // A second outage, long enough for /readyz (whose checks are cached for a few seconds) to show it.
            pg.close();
            awaitReadyz(bot, 503);
            pg = startPostgres(data, port);
            awaitReadyz(bot, 200);
        } finally {
            pg.close();
        }
    }

    /** The reply links to the verify page of a session the database holds: the page's API finds it. */
    private static void assertOpensAStoredSession(TestBot bot, FakeMessage reply, String member) throws Exception {
        String link = reply.button("Open verify page").url();
        assertThat(link).startsWith(bot.webUrl() + "/verify/");
        HttpResponse<String> session = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        bot.webUrl() + "/api/verify/" + link.substring(link.lastIndexOf('/') + 1)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(session.statusCode()).as(session.body()).isEqualTo(200);
        assertThat(session.body()).contains("\"member\":\"" + member + "\"", "\"guild\":\"Outage Club\"");
    }

    /** /readyz caches its checks for a few seconds, so a change shows within that time, not at once. */
    private static void awaitReadyz(TestBot bot, int status) {
        DiscordDouble.await(
                () -> {
                    try {
                        return HttpClient.newHttpClient()
                                        .send(
                                                HttpRequest.newBuilder(URI.create(bot.adminUrl() + "/readyz"))
                                                        .build(),
                                                HttpResponse.BodyHandlers.discarding())
                                        .statusCode()
                                == status;
                    } catch (Exception e) {
                        return false;
                    }
                },
                HealthRoutes.DEFAULT_CACHE.plusSeconds(10),
                "/readyz " + status);
    }
}
