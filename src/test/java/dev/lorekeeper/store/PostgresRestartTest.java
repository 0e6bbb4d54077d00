package dev.lorekeeper.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorekeeper.discorddouble.FakeGuild;
import dev.lorekeeper.discorddouble.FakeMessage;
import dev.lorekeeper.testing.BotProcess;
import dev.lorekeeper.testing.TestBot;
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
        return EmbeddedPostgres.builder().setPort(port).setDataDirectory(data).setCleanDataDirectory(false).start();
    }

    @Test
    void poolRecoversAndWritesDuringTheOutageAreReported() throws Exception {
        int port = BotProcess.freePort();
        EmbeddedPostgres pg = startPostgres(data, port);
        String jdbc = pg.getJdbcUrl("postgres", "postgres");
        try (TestBot bot = TestBot.startOn(jdbc, "")) {
            FakeGuild guild = bot.discord.guild("Outage Club");
            bot.discord.awaitBotReady(guild);
            assertThat(guild.member("before").runs("/verify").reply().button("Open verify page")).isNotNull();
            assertThat(readyz(bot)).isEqualTo(200);

            pg.close();
            FakeMessage during = guild.member("during").runs("/verify").reply();
            assertThat(during.content()).contains("Something went wrong on my side", "try again")
                    .doesNotContain("Exception", "at dev.");
            assertThat(readyz(bot)).isEqualTo(503);

            pg = startPostgres(data, port);
            FakeMessage after = guild.member("during").runs("/verify").reply();
            assertThat(after.button("Open verify page")).as("the same pool reconnects at the first try").isNotNull();
            assertThat(readyz(bot)).isEqualTo(200);
            try (var c = pg.getPostgresDatabase().getConnection(); var st = c.createStatement();
                    var rs = st.executeQuery("SELECT COUNT(*) FROM verify_session")) {
                rs.next();
                assertThat(rs.getInt(1)).as("the session before and the retried one after").isEqualTo(2);
            }
        } finally {
            pg.close();
        }
    }

    private static int readyz(TestBot bot) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(bot.webUrl() + "/readyz")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
