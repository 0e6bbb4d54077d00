package dev.lorekeeper.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorekeeper.discorddouble.DiscordDouble;
import dev.lorekeeper.discorddouble.FakeGuild;
import dev.lorekeeper.discorddouble.FakeMember;
import dev.lorekeeper.discorddouble.FakeRole;
import dev.lorekeeper.gate.RoleOutbox;
import dev.lorekeeper.store.Database;
import dev.lorekeeper.testing.BotProcess;
import dev.lorekeeper.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a real bot process while it drains the role outbox: after a restart every change is applied,
 * none is lost, and a change already marked done is never applied again.
 */
class OutboxCrashTest {
    static final int GUILDS = 4;
    static final int MEMBERS_PER_GUILD = 10;

    @TempDir
    Path dir;

    @Test
    void killedMidDrainThenRestartedAppliesEachChangeOnce() throws Exception {
        String jdbc = TestDatabases.postgresqlUrl();
        try (DiscordDouble discord = DiscordDouble.start();
                Database db = Database.open(jdbc, "postgres", "", 2)) {
            List<FakeMember> members = new ArrayList<>();
            for (int g = 0; g < GUILDS; g++) {
                FakeGuild guild = discord.guild("Server " + g);
                FakeRole holder = guild.role("Holder");
                for (int i = 0; i < MEMBERS_PER_GUILD; i++) {
                    FakeMember m = guild.member("m" + g + "-" + i);
                    members.add(m);
                    db.inTransaction(c -> RoleOutbox.enqueue(c, guild.id(), m.id(), holder.id(), true, "holds 1 token",
                            Instant.now()));
                }
            }
            Path config = config(discord, jdbc);

            Process first = launch(config, dir.resolve("first.log"));
            DiscordDouble.await(() -> discord.roleChanges().size() >= 5, Duration.ofSeconds(60),
                    "the first process starts draining");
            first.destroyForcibly().waitFor(20, TimeUnit.SECONDS); // SIGKILL: no shutdown hook runs
            int appliedBeforeKill = discord.roleChanges().size();
            assertThat(appliedBeforeKill).as("killed mid-drain (pacing holds the rest back)")
                    .isLessThan(members.size());
            assertThat(new RoleOutbox(db).pendingCount()).isPositive();

            Process second = launch(config, dir.resolve("second.log"));
            try {
                DiscordDouble.await(() -> new RoleOutbox(db).pendingCount() == 0, Duration.ofSeconds(90),
                        "the restarted process drains the rest");
            } finally {
                second.destroy();
                second.waitFor(20, TimeUnit.SECONDS);
            }

            for (FakeMember m : members) {
                assertThat(discord.rolesOf(m)).as("member " + m.id()).containsExactly("Holder");
            }
            Map<Long, Long> putsPerMember = discord.roleChanges().stream()
                    .collect(Collectors.groupingBy(DiscordDouble.RoleChange::userId, Collectors.counting()));
            assertThat(putsPerMember).hasSize(members.size());
            assertThat(putsPerMember.values()).allMatch(n -> n <= 2);
            assertThat(putsPerMember.values().stream().filter(n -> n == 2).count())
                    .as("only a change in flight at the kill (applied, not yet marked done) may be sent again, and "
                            + "adding a role is idempotent")
                    .isLessThanOrEqualTo(1);
        }
    }

    private Path config(DiscordDouble discord, String jdbc) throws Exception {
        Path config = dir.resolve("lorekeeper.yaml");
        Files.writeString(config, BotProcess.config(discord, "jdbc-url: \"" + jdbc + "\"\nusername: postgres",
                BotProcess.freePort(), BotProcess.freePort(), dir.resolve("no-docs"), dir.resolve("index"))
                + "gating:\n  role-changes-per-ten-seconds: 5\n");
        return config;
    }

    private Process launch(Path config, Path log) throws Exception {
        return BotProcess.launch(config, dir, ProcessBuilder.Redirect.to(log.toFile()));
    }
}
