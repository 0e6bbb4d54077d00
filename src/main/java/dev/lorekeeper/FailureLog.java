package dev.lorekeeper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * Logs a failure that repeats (a dead RPC polled every 12 s) once when it starts, then one summary per period while
 * it lasts, and once when it ends: an outage of an hour is a handful of lines, not three hundred.
 */
public final class FailureLog {
    /** Between summaries of a failure that goes on. */
    public static final Duration SUMMARY_EVERY = Duration.ofMinutes(10);

    private final Logger log;
    private final Clock clock;
    private final Duration summaryEvery;
    private final Map<String, Streak> streaks = new ConcurrentHashMap<>();

    private static final class Streak {
        final Instant since;
        Instant lastSummary;
        int failures = 1;

        Streak(Instant since) {
            this.since = since;
            this.lastSummary = since;
        }
    }

    public FailureLog(Logger log, Clock clock, Duration summaryEvery) {
        this.log = log;
        this.clock = clock;
        this.summaryEvery = summaryEvery;
    }

    /** One more failure of {@code what} ("watching chain base"); {@code error} says why, in one line. */
    public void failed(String what, String error) {
        failed(what, error, null);
    }

    /** As {@link #failed(String, String)}; an unexpected {@code cause} is logged with its stack trace, once. */
    public void failed(String what, String error, Throwable cause) {
        Instant now = clock.instant();
        Streak s = streaks.get(what);
        if (s == null) {
            streaks.put(what, new Streak(now));
            String line =
                    what + " failed: " + error + " (repeats are summarized every " + summaryEvery.toMinutes() + " min)";
            if (cause == null) {
                log.warn(line);
            } else {
                log.warn(line, cause);
            }
            return;
        }
        s.failures++;
        if (!now.isBefore(s.lastSummary.plus(summaryEvery))) {
            s.lastSummary = now;
            log.warn(
                    "{} still failing: {} polls since {} ({} min); last error: {}",
                    what,
                    s.failures,
                    s.since,
                    Duration.between(s.since, now).toMinutes(),
                    error);
        }
    }

    /** {@code what} worked: if it had been failing, say once that it recovered. */
    public void succeeded(String what) {
        Streak s = streaks.remove(what);
        if (s != null) {
            log.info(
                    "{} works again after {} failed polls ({} min)",
                    what,
                    s.failures,
                    Duration.between(s.since, clock.instant()).toMinutes());
        }
    }
}
