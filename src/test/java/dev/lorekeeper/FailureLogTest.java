package dev.lorekeeper;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.lorekeeper.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class FailureLogTest {
    @Test
    void aDeadRpcIsLoggedOnceThenSummarizedThenOnceWhenItRecovers() {
        Logger logger = (Logger) LoggerFactory.getLogger("failure-log-test");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
        FailureLog failures = new FailureLog(logger, clock, Duration.ofMinutes(10));
        String error = "chain base: RPC endpoint #1 failed (connection refused)";

        // 12 s polls for 20 minutes: 100 failures.
        for (int i = 0; i < 100; i++) {
            failures.failed("watching chain base", error);
            clock.advance(Duration.ofSeconds(12));
        }
        failures.succeeded("watching chain base");
        failures.succeeded("watching chain base");

        assertThat(lines.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly(
                        "watching chain base failed: " + error + " (repeats are summarized every 10 min)",
                        "watching chain base still failing: 51 polls since 2025-01-01T00:00:00Z (10 min); last error: "
                                + error,
                        "watching chain base works again after 100 failed polls (20 min)");
        logger.detachAppender(lines);
    }
}
