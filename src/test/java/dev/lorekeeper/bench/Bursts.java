package dev.lorekeeper.bench;

import dev.lorekeeper.discorddouble.DiscordDouble;
import dev.lorekeeper.discorddouble.FakeInteraction;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends prepared interactions at a rate, waits for every answer, and measures acknowledgements and answers.
 * Latencies run from each interaction's <em>scheduled</em> send time, not from when it actually went out: when the
 * sender falls behind (a GC pause here, a slow dispatch), the wait counts against the bot as it would for a member,
 * instead of silently being left out (coordinated omission).
 */
final class Bursts {
    private Bursts() {}

    /**
     * A burst as sent: each interaction's scheduled send time (nanoTime, same order), when the wait for answers
     * ended, and the wall time. An interaction never acknowledged or never answered counts with the time the wait
     * ended (a lower bound), so that losing interactions cannot improve the percentiles.
     */
    record Sent(List<FakeInteraction> interactions, long[] scheduledNanos, long endNanos, long wallNanos) {
        long ackNanos(int i) {
            FakeInteraction it = interactions.get(i);
            return (it.hasCallback() ? it.acknowledgedAtNanos() : endNanos) - scheduledNanos[i];
        }

        long answerNanos(int i) {
            FakeInteraction it = interactions.get(i);
            return (it.messages().isEmpty() ? endNanos : it.answeredAtNanos()) - scheduledNanos[i];
        }

        /** How far behind schedule the sender was at worst. */
        long maxSendLagNanos() {
            long worst = 0;
            for (int i = 0; i < interactions.size(); i++) {
                worst = Math.max(worst, interactions.get(i).sentAtNanos() - scheduledNanos[i]);
            }
            return worst;
        }
    }

    /**
     * Fires {@code burst} at {@code rate} per second (0: all scheduled at the same instant) and returns when each has
     * an answer.
     */
    static Sent fire(DiscordDouble discord, List<FakeInteraction> burst, int rate) {
        long[] scheduled = new long[burst.size()];
        long t0 = System.nanoTime();
        for (int i = 0; i < burst.size(); i++) {
            long due = rate > 0 ? t0 + i * 1_000_000_000L / rate : t0;
            scheduled[i] = due;
            while (System.nanoTime() < due) {
                LockSupport.parkNanos(due - System.nanoTime());
            }
            discord.fire(List.of(burst.get(i)));
        }
        awaitAnswers(burst);
        long end = System.nanoTime();
        return new Sent(burst, scheduled, end, end - t0);
    }

    /** Acknowledgement and answer percentiles, lost and twice-answered counts. */
    static Map<String, Object> figures(Sent sent) {
        List<FakeInteraction> burst = sent.interactions();
        long[] acks = new long[burst.size()];
        long[] answers = new long[burst.size()];
        for (int i = 0; i < burst.size(); i++) {
            acks[i] = sent.ackNanos(i);
            answers[i] = sent.answerNanos(i);
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("interactions", burst.size());
        f.putAll(BenchReport.percentiles(acks));
        f.put("answer", BenchReport.percentiles(answers));
        f.put("lost", burst.stream().filter(i -> i.messages().isEmpty()).count());
        f.put(
                "duplicated",
                burst.stream()
                        .filter(i -> i.callbackAttempts() > 1 || i.messages().size() > 1)
                        .count());
        f.put("max_send_lag_ms", sent.maxSendLagNanos() / 1_000_000);
        f.put("wall_ms", sent.wallNanos() / 1_000_000);
        return f;
    }

    /**
     * Waits for every answer (checking each interaction once it is the oldest unanswered: cheap polling), or until
     * the only ones left are dead: not acknowledged {@link #DEAD_AFTER} after they were sent (Discord allows 3 s),
     * or still unanswered after {@link #MAX_WAIT}. Those count as lost; the benchmark reports them, not throws.
     */
    private static void awaitAnswers(List<FakeInteraction> burst) {
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        int next = 0;
        while (next < burst.size() && System.nanoTime() < deadline) {
            FakeInteraction i = burst.get(next);
            boolean dead = !i.hasCallback() && System.nanoTime() - i.sentAtNanos() > DEAD_AFTER.toNanos();
            if (!i.messages().isEmpty() || dead) {
                next++;
            } else {
                LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
            }
        }
        long lost = burst.stream().filter(i -> i.messages().isEmpty()).count();
        if (lost > 0) {
            System.out.println("[bench] " + lost + " of " + burst.size() + " interactions lost, for example "
                    + burst.stream()
                            .filter(i -> i.messages().isEmpty())
                            .limit(3)
                            .toList());
        }
    }

    static final Duration DEAD_AFTER = Duration.ofSeconds(5);
    static final Duration MAX_WAIT = Duration.ofSeconds(120);
}
