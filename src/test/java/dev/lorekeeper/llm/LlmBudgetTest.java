package dev.lorekeeper.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorekeeper.store.Database;
import dev.lorekeeper.store.Jdbc;
import dev.lorekeeper.testing.Fixture;
import dev.lorekeeper.testing.MutableClock;
import dev.lorekeeper.testing.StubLlm;
import dev.lorekeeper.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Token budgets reserved in the database before a call and settled after it, on H2 and on a real PostgreSQL. */
class LlmBudgetTest {
    /** Long enough that the reservation's prompt estimate covers the 120 prompt tokens the stub reports. */
    static final String PROMPT = "Tell me about the vault. ".repeat(24);

    static final int CAP = 100;

    @RegisterExtension
    static final Fixture<StubLlm> stub = Fixture.of(() -> new StubLlm());

    static Stream<TestDatabases.Kind> kinds() {
        return TestDatabases.both();
    }

    /** Two pools on one database: two bot processes. */
    record TwoProcesses(Database a, Database b) implements AutoCloseable {
        static TwoProcesses on(TestDatabases.Kind kind) {
            String url = kind == TestDatabases.Kind.H2 ? TestDatabases.h2Url() : TestDatabases.postgresqlUrl();
            String user = kind == TestDatabases.Kind.H2 ? "" : "postgres";
            return new TwoProcesses(Database.open(url, user, "", 4), Database.open(url, user, "", 4));
        }

        @Override
        public void close() {
            a.close();
            b.close();
        }
    }

    static LlmGateway gateway(LlmUsage usage, int cap) {
        return LlmGateway.openAiCompatible(
                new LlmGateway.Settings(stub.get().baseUrl(), "stub-model", "", Duration.ofSeconds(5), 32, cap), usage);
    }

    static long held(Database db, long guild, long member) {
        return db.withConnection(c -> Jdbc.first(
                        c,
                        "SELECT COALESCE(SUM(tokens), 0) FROM llm_budget WHERE guild_id = ? " + "AND member_id = ?",
                        rs -> rs.getLong(1),
                        guild,
                        member)
                .orElse(0L));
    }

    static long recorded(Database db) {
        return db.withConnection(c -> Jdbc.first(
                        c,
                        "SELECT COALESCE(SUM(prompt_tokens + completion_tokens), 0) " + "FROM llm_usage",
                        rs -> rs.getLong(1))
                .orElse(0L));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void concurrentCallsCannotOvershootBudget(TestDatabases.Kind kind) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try (TwoProcesses db = TwoProcesses.on(kind)) {
            LlmUsage.Budgets budgets = new LlmUsage.Budgets(1_000, 1_000, 1_000);
            LlmUsage first = new LlmUsage(db.a(), budgets, new LlmUsage.Prices(0, 0), java.time.Clock.systemUTC());
            LlmUsage second = new LlmUsage(db.b(), budgets, new LlmUsage.Prices(0, 0), java.time.Clock.systemUTC());

            // 16 reservations of 70 at once, from two processes: 14 fit in 1,000, and no more.
            List<Callable<Boolean>> reservations = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                LlmUsage usage = i % 2 == 0 ? first : second;
                reservations.add(
                        () -> usage.reserve(LlmCall.of("talk", 1, 10), 70).isPresent());
            }
            long held = 0;
            for (Future<Boolean> f : threads.invokeAll(reservations)) {
                held += f.get() ? 70 : 0;
            }
            assertThat(held).isEqualTo(14 * 70);
            assertThat(held(db.a(), 1, 10)).isEqualTo(14 * 70);

            // 16 slow model calls at once from another member of another server: each reserves its prompt and a
            // full reply before it starts, so only as many run as the budget holds; the rest never reach the model.
            int before = stub.get().requests().size();
            stub.get().always(StubLlm.Reply.slow("The vault is warm.", 500));
            LlmUsage.Budgets perMember = new LlmUsage.Budgets(1_000, 0, 0);
            LlmGateway one = gateway(
                    new LlmUsage(db.a(), perMember, new LlmUsage.Prices(0, 0), java.time.Clock.systemUTC()), CAP);
            LlmGateway two = gateway(
                    new LlmUsage(db.b(), perMember, new LlmUsage.Prices(0, 0), java.time.Clock.systemUTC()), CAP);
            List<Callable<Boolean>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                LlmGateway gateway = i % 2 == 0 ? one : two;
                calls.add(() -> gateway.chat(LlmCall.of("talk", 2, 20), "You are a fox.", PROMPT)
                        .reply()
                        .isPresent());
            }
            int answered = 0;
            for (Future<Boolean> f : threads.invokeAll(calls)) {
                answered += f.get() ? 1 : 0;
            }
            assertThat(answered).isPositive().isLessThanOrEqualTo(1_000 / 150);
            assertThat(stub.get().requests().size() - before).isEqualTo(answered);
            assertThat(held(db.a(), 2, 20)).isEqualTo(150L * answered).isLessThanOrEqualTo(1_000);
            assertThat(recorded(db.a())).isEqualTo(150L * answered);
        } finally {
            stub.get().always(StubLlm.Reply.text("NOT_IN_DOCS"));
            threads.shutdownNow();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void globalDailyBudgetStopsAllServers(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind)) {
            MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
            LlmUsage usage = new LlmUsage(db, new LlmUsage.Budgets(0, 0, 2_000), new LlmUsage.Prices(0, 0), clock);
            LlmGateway gateway = gateway(usage, CAP);
            stub.get().then(StubLlm.Reply.text("Hello from server one."));
            assertThat(gateway.chat(LlmCall.of("talk", 1, 10), "s", PROMPT).reply())
                    .isPresent();
            assertThat(usage.reserve(LlmCall.of("talk", 1, 11), 2_000 - 150 - 50))
                    .isPresent();

            int before = stub.get().requests().size();
            LlmGateway.Outcome elsewhere = gateway.chat(LlmCall.of("talk", 2, 20), "s", PROMPT);
            assertThat(elsewhere.reply()).isEmpty();
            assertThat(elsewhere.budgetSpent()).isTrue();
            assertThat(stub.get().requests()).hasSize(before);
            // The operator's command line is never budgeted.
            stub.get().then(StubLlm.Reply.text("Hello, operator."));
            assertThat(gateway.chat(LlmCall.cli("qa"), "s", PROMPT).reply()).isPresent();

            clock.advance(Duration.ofDays(1));
            stub.get().then(StubLlm.Reply.text("A new day."));
            assertThat(gateway.chat(LlmCall.of("talk", 2, 20), "s", PROMPT).reply())
                    .isPresent();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void outputTokenCapIsSentToModel(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind)) {
            LlmUsage usage = new LlmUsage(
                    db, new LlmUsage.Budgets(5_000, 0, 0), new LlmUsage.Prices(0, 0), java.time.Clock.systemUTC());
            stub.get().then(StubLlm.Reply.text("Short."));
            assertThat(gateway(usage, 321)
                            .chat(LlmCall.of("talk", 1, 10), "s", PROMPT)
                            .reply())
                    .isPresent();
            assertThat(stub.get().lastMaxTokens()).isEqualTo(321);
            // Settled to what the call really used, not its worst case.
            assertThat(held(db, 1, 10)).isEqualTo(150);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aFailedCallGivesItsReservationBack(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind)) {
            LlmUsage usage = new LlmUsage(
                    db, new LlmUsage.Budgets(5_000, 0, 0), new LlmUsage.Prices(0, 0), java.time.Clock.systemUTC());
            stub.get().then(StubLlm.Reply.error(500));
            LlmGateway.Outcome failed = gateway(usage, CAP).chat(LlmCall.of("talk", 1, 10), "s", PROMPT);
            assertThat(failed.reply()).isEmpty();
            assertThat(failed.budgetSpent()).isFalse();
            assertThat(held(db, 1, 10)).isZero();
            assertThat(recorded(db)).isZero();
        }
    }
}
