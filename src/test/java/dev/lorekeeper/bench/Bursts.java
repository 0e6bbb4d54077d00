package dev.lorekeeper.bench;

import dev.lorekeeper.discorddouble.DiscordDouble;
import dev.lorekeeper.discorddouble.FakeInteraction;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/** Sends prepared interactions at a rate, waits for every answer, and measures acknowledgements. */
final class Bursts {
    private Bursts() {}

    /** Fires {@code burst} at {@code rate} per second (0: all at once) and returns when each has an answer. */
    static long fire(DiscordDouble discord, List<FakeInteraction> burst, int rate) {
        long t0 = System.nanoTime();
        for (int i = 0; i < burst.size(); i++) {
            if (rate > 0) {
                long due = t0 + i * 1_000_000_000L / rate;
                while (System.nanoTime() < due) {
                    LockSupport.parkNanos(due - System.nanoTime());
                }
            }
            discord.fire(List.of(burst.get(i)));
        }
        awaitAnswers(burst);
        return System.nanoTime() - t0;
    }

    /** Acknowledgement percentiles, lost and twice-answered counts. */
    static Map<String, Object> figures(List<FakeInteraction> burst, long wallNanos) {
        long[] latencies =
                burst.stream().mapToLong(FakeInteraction::ackLatencyNanos).toArray();
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("interactions", burst.size());
        f.put("p50_ms", BenchReport.percentileMs(latencies, 50));
        f.put("p95_ms", BenchReport.percentileMs(latencies, 95));
        f.put("p99_ms", BenchReport.percentileMs(latencies, 99));
        f.put("max_ms", BenchReport.percentileMs(latencies, 100));
        f.put("lost", burst.stream().filter(i -> i.messages().isEmpty()).count());
        f.put(
                "duplicated",
                burst.stream()
                        .filter(i -> i.callbackAttempts() > 1 || i.messages().size() > 1)
                        .count());
        f.put("wall_ms", wallNanos / 1_000_000);
        return f;
    }

    /** Waits for every answer, checking each interaction once it is the oldest unanswered (cheap polling). */
    private static void awaitAnswers(List<FakeInteraction> burst) {
        int[] next = {0};
        try {
            DiscordDouble.await(
                    () -> {
                        while (next[0] < burst.size()
                                && !burst.get(next[0]).messages().isEmpty()) {
                            next[0]++;
                        }
                        return next[0] == burst.size();
                    },
                    Duration.ofSeconds(120),
                    "every interaction answered");
        } catch (java.util.NoSuchElementException e) {
            throw new AssertionError(
                    "unanswered: "
                            + burst.stream()
                                    .filter(i -> i.messages().isEmpty())
                                    .limit(5)
                                    .toList(),
                    e);
        }
    }
}
