package dev.lorekeeper.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorekeeper.discorddouble.DiscordDouble;
import dev.lorekeeper.store.Database;
import dev.lorekeeper.store.Leases;
import dev.lorekeeper.testing.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A routine that fails, with an exception or an Error, runs again at its next period and says so in /readyz. */
class RoutineSchedulerTest {
    @Test
    void aRoutineThatThrowsAnErrorKeepsRunning() {
        AtomicInteger runs = new AtomicInteger();
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        try (Database db = TestDatabases.h2();
                RoutineScheduler scheduler =
                        new RoutineScheduler(1, new Leases(db, Clock.systemUTC()), metrics, Clock.systemUTC())) {
            scheduler.start(Routine.local("flaky", Duration.ZERO, Duration.ofMillis(20), () -> {
                int n = runs.incrementAndGet();
                if (n == 1) {
                    throw new NoClassDefFoundError("a class a plugin forgot");
                }
                if (n == 2) {
                    throw new IllegalStateException("a bug");
                }
            }));
            DiscordDouble.await(() -> runs.get() >= 4, Duration.ofSeconds(5), "the routine ran again after failing");
            assertThat(metrics.counter("lorekeeper.routine.failures", "routine", "flaky")
                            .count())
                    .isEqualTo(2.0);
            assertThat(scheduler.health().detail()).isEqualTo("ok");
        }
    }

    @Test
    void aFailingRoutineIsNamedInReadyz() {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        try (Database db = TestDatabases.h2();
                RoutineScheduler scheduler =
                        new RoutineScheduler(1, new Leases(db, Clock.systemUTC()), metrics, Clock.systemUTC())) {
            Routine sweep =
                    Routine.leased("sweep", Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofHours(1), () -> {
                        throw new ArithmeticException("BigInteger would overflow supported range");
                    });
            scheduler.start(sweep);
            scheduler.runOnce(sweep);
            assertThat(scheduler.health().ready()).isTrue();
            assertThat(scheduler.health().detail())
                    .startsWith("sweep failing since ")
                    .endsWith(": ArithmeticException");
        }
    }
}
