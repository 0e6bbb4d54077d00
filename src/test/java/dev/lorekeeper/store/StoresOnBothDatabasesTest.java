package dev.lorekeeper.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorekeeper.chain.CursorStore;
import dev.lorekeeper.config.RuleSpec;
import dev.lorekeeper.gate.GateStore;
import dev.lorekeeper.gate.RoleChange;
import dev.lorekeeper.gate.RoleOutbox;
import dev.lorekeeper.knowledge.Answer;
import dev.lorekeeper.knowledge.Conversations;
import dev.lorekeeper.knowledge.QaReports;
import dev.lorekeeper.knowledge.QuestionLog;
import dev.lorekeeper.testing.MutableClock;
import dev.lorekeeper.testing.TestDatabases;
import dev.lorekeeper.wallet.IssuedNonce;
import dev.lorekeeper.wallet.VerifySession;
import dev.lorekeeper.wallet.VerifySessions;
import dev.lorekeeper.wallet.WalletLink;
import dev.lorekeeper.wallet.WalletLinks;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every repository's reads and writes, on H2 and on a real PostgreSQL, with the same Flyway migrations. */
class StoresOnBothDatabasesTest {
    static Stream<TestDatabases.Kind> kinds() {
        return TestDatabases.both();
    }

    static final String WALLET = "0x00000000000000000000000000000000000000Ab";

    @ParameterizedTest
    @MethodSource("kinds")
    void walletsMoveBetweenMembersAndUnlink(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind)) {
            WalletLinks links = new WalletLinks(db);
            Instant now = Instant.parse("2026-06-01T12:00:00Z");
            java.util.Optional<Long> first = db.inTransaction(c -> WalletLinks.link(c, 1, 10, WALLET, "eoa", now));
            assertThat(first).isEmpty();
            assertThat(links.of(1, 10)).extracting(WalletLink::address).containsExactly(WALLET);
            java.util.Optional<Long> moved = db.inTransaction(c -> WalletLinks.link(c, 1, 11, WALLET, "eoa", now));
            assertThat(moved).contains(10L);
            assertThat(links.of(1, 10)).isEmpty();
            assertThat(links.ofAddress(WALLET.toUpperCase().replace("0X", "0x"))).extracting(WalletLink::memberId)
                    .containsExactly(11L);
            assertThat(links.inGuild(1)).hasSize(1);
            assertThat(links.unlink(1, 11, WALLET)).isTrue();
            assertThat(links.inGuild(1)).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void verifySessionsAndNoncesAreSingleUse(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind)) {
            VerifySessions sessions = new VerifySessions(db);
            Instant now = Instant.parse("2026-06-01T12:00:00Z");
            sessions.create(new VerifySession("tok", 1, 10, "alice", "Server", now.plusSeconds(600), null), now);
            assertThat(sessions.find("tok")).hasValueSatisfying(s -> assertThat(s.memberId()).isEqualTo(10));
            sessions.issue(new IssuedNonce("nonce12345", "tok", "message", now.plusSeconds(600), null));
            assertThat(sessions.nonce("nonce12345")).isPresent();
            boolean once = db.inTransaction(c -> VerifySessions.consume(c, "nonce12345", "tok", now));
            boolean twice = db.inTransaction(c -> VerifySessions.consume(c, "nonce12345", "tok", now));
            assertThat(once).isTrue();
            assertThat(twice).isFalse();
            assertThat(sessions.purgeExpired(now.plus(Duration.ofDays(2)))).isPositive();
            assertThat(sessions.find("tok")).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void settingsGatesCursorsAndTheOutbox(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind)) {
            JdbcGuildSettingsStore settings = new JdbcGuildSettingsStore(db);
            settings.save(1, "qa-channels", "5,6", 99);
            settings.save(1, "qa-channels", "7", 99);
            assertThat(settings.load(1)).isEqualTo(Map.of("qa-channels", "7"));
            settings.remove(1, "qa-channels", 99);
            assertThat(settings.load(1)).isEmpty();

            GateStore gates = new GateStore(db);
            long id = gates.add(1, 2, "Holders", RuleSpec.erc721("anvil",
                    "0x00000000000000000000000000000000000000aa", 1), 99);
            assertThat(gates.inGuild(1)).extracting(GateStore.StoredGate::name).containsExactly("Holders");
            assertThat(gates.remove(1, id, 99)).isTrue();
            assertThat(gates.all()).isEmpty();

            CursorStore cursors = new CursorStore(db);
            cursors.set("anvil", new CursorStore.Cursor(41, "0xabc"));
            cursors.set("anvil", new CursorStore.Cursor(42, "0xdef"));
            assertThat(cursors.get("anvil")).contains(new CursorStore.Cursor(42, "0xdef"));

            MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
            RoleOutbox outbox = new RoleOutbox(db, clock);
            boolean queued = db.inTransaction(c -> RoleOutbox.enqueue(c, 1, 10, 2, true, "holds 1", clock.instant()));
            assertThat(queued).isTrue();
            clock.advance(Duration.ofSeconds(1));
            List<RoleChange> due = outbox.due(10);
            assertThat(due).singleElement().satisfies(r -> assertThat(r.add()).isTrue())
                    .satisfies(r -> assertThat(r.sent()).isFalse());
            assertThat(outbox.markSent(due.get(0).id())).isTrue();
            outbox.retryAfter(due.get(0).id(), Duration.ofSeconds(59), "429");
            clock.advance(Duration.ofSeconds(1));
            assertThat(outbox.due(10)).isEmpty();
            assertThat(outbox.pendingCount()).isEqualTo(1);
            clock.advance(Duration.ofSeconds(58));
            assertThat(outbox.due(10)).singleElement().satisfies(r -> assertThat(r.sent()).as("sent before").isTrue());
            outbox.done(due.get(0).id(), "applied");
            assertThat(outbox.pendingCount()).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void questionsFeedbackThreadsAndReports(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind)) {
            QuestionLog log = new QuestionLog(db);
            Answer none = new Answer("q", "not covered", false, Answer.Mode.NOT_COVERED, List.of());
            long q1 = log.record(1, 5, 10, "what is the airspeed?", "airspeed", none);
            log.record(1, 5, 11, "What is the airspeed?", "airspeed", none);
            long q3 = log.record(1, 5, 12, "how to mint", "mint",
                    new Answer("how to mint", "quoted", true, Answer.Mode.EXTRACTIVE, List.of()));
            assertThat(log.feedback(q3, 10, false)).isTrue();
            assertThat(log.feedback(q3, 10, true)).isTrue();
            assertThat(log.feedback(q1 + 1000, 10, true)).isFalse();
            QaReports reports = new QaReports(db);
            assertThat(reports.gaps(1, 30)).extracting(QaReports.Gap::count).contains(2);
            QaReports.Stats stats = reports.stats(1, 30);
            assertThat(stats.questions()).isEqualTo(3);
            assertThat(stats.answered()).isEqualTo(1);
            assertThat(stats.helpful()).isEqualTo(1);

            Conversations threads = new Conversations(db);
            threads.open(77, 1, "first?", "first answer");
            threads.append(77, "second?", "second answer");
            assertThat(threads.isThread(77)).isTrue();
            assertThat(threads.history(77)).extracting(Conversations.Turn::question).containsExactly("first?",
                    "second?");
        }
    }
}
