package dev.lorekeeper.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorekeeper.testing.MutableClock;
import dev.lorekeeper.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** One holder at a time, on H2 and on a real PostgreSQL; a dead holder's lease passes on when it expires. */
class LeasesTest {
    static java.util.stream.Stream<TestDatabases.Kind> kinds() {
        return TestDatabases.both();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void onlyOneProcessHoldsALeaseAndAnotherTakesOverWhenTheLeaderDies(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind)) {
            MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
            Leases leader = new Leases(db, "process-a", clock);
            Leases follower = new Leases(db, "process-b", clock);
            Duration ttl = Duration.ofSeconds(30);
            assertThat(leader.acquire("chain-watcher", ttl)).isTrue();
            assertThat(follower.acquire("chain-watcher", ttl)).isFalse();
            Instant expires = db.withConnection(c -> Jdbc.first(
                            c,
                            "SELECT expires_at FROM job_lease WHERE name = ?",
                            rs -> Jdbc.instant(rs, 1),
                            "chain-watcher"))
                    .orElseThrow();
            assertThat(expires).isEqualTo(clock.instant().plus(ttl));
            clock.advance(Duration.ofSeconds(20));
            assertThat(leader.acquire("chain-watcher", ttl)).as("renewal").isTrue();
            clock.advance(Duration.ofSeconds(20));
            assertThat(follower.acquire("chain-watcher", ttl))
                    .as("renewed lease still held")
                    .isFalse();
            // The leader dies: it stops renewing. Within one lease period the follower takes over.
            clock.advance(Duration.ofSeconds(31));
            assertThat(follower.acquire("chain-watcher", ttl)).isTrue();
            assertThat(leader.acquire("chain-watcher", ttl)).isFalse();
            follower.release("chain-watcher");
            assertThat(leader.acquire("chain-watcher", ttl)).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void guardedJobsRunOnlyOnTheHolder(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind)) {
            MutableClock clock = new MutableClock(Instant.now());
            AtomicInteger a = new AtomicInteger();
            AtomicInteger b = new AtomicInteger();
            Runnable onA = new Leases(db, "a", clock).guarded("sweep", Duration.ofMinutes(1), a::incrementAndGet);
            Runnable onB = new Leases(db, "b", clock).guarded("sweep", Duration.ofMinutes(1), b::incrementAndGet);
            for (int i = 0; i < 5; i++) {
                onA.run();
                onB.run();
            }
            assertThat(a.get()).isEqualTo(5);
            assertThat(b.get()).isZero();
        }
    }
}
