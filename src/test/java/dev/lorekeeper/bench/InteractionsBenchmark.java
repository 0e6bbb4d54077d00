package dev.lorekeeper.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorekeeper.discorddouble.DiscordDouble;
import dev.lorekeeper.discorddouble.FakeGuild;
import dev.lorekeeper.discorddouble.FakeInteraction;
import dev.lorekeeper.discorddouble.FakeMember;
import dev.lorekeeper.testing.TestBot;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Interactions from many members through the Discord double: time from INTERACTION_CREATE to the bot's first
 * callback, and whether any interaction was lost or answered twice. Two bursts: one paced at
 * {@code bench.rate} interactions per second (the headline figures), and one with all N sent at once (the worst
 * case; on 2 cores shared with the double this measures throughput more than latency).
 * Run: {@code mvn -B -Pbench verify -Dbench.only=interactions [-Dbench.interactions=1000 -Dbench.users=200
 * -Dbench.rate=200]}.
 */
@Tag("bench-all")
@Tag("bench-interactions")
class InteractionsBenchmark {
    @Test
    void burstOfInteractions() {
        int count = BenchReport.intProperty("bench.interactions", 1000);
        int userCount = BenchReport.intProperty("bench.users", 200);
        int rate = BenchReport.intProperty("bench.rate", 200);
        try (TestBot bot = TestBot.start()) {
            FakeGuild guild = bot.discord.guild("Benchmark");
            bot.discord.awaitBotReady(guild);
            List<FakeMember> users = new ArrayList<>();
            for (int i = 0; i < userCount; i++) {
                users.add(guild.member("user" + i));
            }
            // Warm up the JIT and connection pools so the bursts measure steady behaviour.
            run(bot.discord, users, 1000, rate * 2);

            Map<String, Object> paced = run(bot.discord, users, count, rate);
            Map<String, Object> instant = run(bot.discord, users, count, 0);
            Map<String, Object> figures = new LinkedHashMap<>(paced);
            figures.put("users", userCount);
            figures.put("rate_per_s", rate);
            figures.put("instant_burst", instant);
            BenchReport.write("interactions", figures);
            assertThat(paced.get("lost")).isEqualTo(0L);
            assertThat(paced.get("duplicated")).isEqualTo(0L);
            assertThat(instant.get("lost")).isEqualTo(0L);
            assertThat(instant.get("duplicated")).isEqualTo(0L);
        }
    }

    /** Sends {@code count} interactions at {@code rate} per second (0: all at once) and measures them. */
    private static Map<String, Object> run(DiscordDouble discord, List<FakeMember> users, int count, int rate) {
        // Payloads are built first, so sending is not slowed by building them.
        List<FakeInteraction> prepared = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            prepared.add(discord.prepare(users.get(i % users.size()), "/about"));
        }
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long gc0 = gcMillis();
        long wall = Bursts.fire(discord, prepared, rate);
        Map<String, Object> f = Bursts.figures(prepared, wall);
        f.put("process_cpu_ms_per_interaction", Math.round((os.getProcessCpuTime() - cpu0) / 10_000.0 / count) / 100.0);
        f.put("gc_ms", gcMillis() - gc0);
        return f;
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime)
                .sum();
    }
}
