package dev.lorekeeper.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorekeeper.chain.CursorStore;
import dev.lorekeeper.chain.MetadataStore;
import dev.lorekeeper.config.RuleSpec;
import dev.lorekeeper.gate.GateStore;
import dev.lorekeeper.gate.RoleChange;
import dev.lorekeeper.gate.RoleOutbox;
import dev.lorekeeper.gate.StoredGate;
import dev.lorekeeper.gate.SyncKind;
import dev.lorekeeper.knowledge.Answer;
import dev.lorekeeper.knowledge.Conversations;
import dev.lorekeeper.knowledge.QaReports;
import dev.lorekeeper.knowledge.QuestionLog;
import dev.lorekeeper.testing.MutableClock;
import dev.lorekeeper.testing.TestDatabases;
import dev.lorekeeper.wallet.IssuedNonce;
import dev.lorekeeper.wallet.VerifySession;
import dev.lorekeeper.wallet.VerifySessions;
import dev.lorekeeper.wallet.WalletLinks;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every repository's reads and writes, on H2 and on a real PostgreSQL, with the same Flyway migrations. Each one
 * writes the time of the clock it was given: a fixed test clock shows up in every stored timestamp.
 */
class StoresOnBothDatabasesTest {
    static Stream<TestDatabases.Kind> kinds() {
        return TestDatabases.both();
    }

    static final String WALLET = "0x00000000000000000000000000000000000000Ab";
    static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");
    static final Instant LATER = T0.plus(Duration.ofHours(1));

    /** The one timestamp {@code sql} selects. */
    static Instant stored(Database db, String sql, Object... args) {
        return db.withConnection(c -> Jdbc.first(c, sql, rs -> Jdbc.instant(rs, 1), args))
                .orElseThrow();
    }

    static Instant lastAudit(Database db, long guildId) {
        return stored(db, "SELECT MAX(created_at) FROM audit_event WHERE guild_id = ?", guildId);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void walletsMoveBetweenMembersAndUnlink(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind)) {
            MutableClock clock = new MutableClock(T0);
            WalletLinks links = new WalletLinks(db, clock);
            Optional<Long> first = db.inTransaction(c -> links.link(c, 1, 10, WALLET, "eoa"));
            assertThat(first).isEmpty();
            assertThat(links.of(1, 10)).singleElement().satisfies(l -> {
                assertThat(l.address()).isEqualTo(WALLET);
                assertThat(l.verifiedAt()).isEqualTo(T0);
            });
            clock.advance(Duration.ofHours(1));
            Optional<Long> moved = db.inTransaction(c -> links.link(c, 1, 11, WALLET, "eoa"));
            assertThat(moved).contains(10L);
            assertThat(links.of(1, 10)).isEmpty();
            assertThat(links.ofAddress(WALLET.toUpperCase().replace("0X", "0x")))
                    .singleElement()
                    .satisfies(l -> {
                        assertThat(l.memberId()).isEqualTo(11L);
                        assertThat(l.verifiedAt()).isEqualTo(LATER);
                    });
            assertThat(lastAudit(db, 1)).isEqualTo(LATER);
            assertThat(links.inGuild(1)).hasSize(1);
            assertThat(links.unlink(1, 11, WALLET)).isTrue();
            assertThat(links.unlink(1, 11, WALLET)).isFalse();
            assertThat(links.inGuild(1)).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void verifySessionsAndNoncesAreSingleUse(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind)) {
            MutableClock clock = new MutableClock(T0);
            VerifySessions sessions = new VerifySessions(db, clock);
            sessions.create(new VerifySession("tok", 1, 10, "alice", "Server", T0.plusSeconds(600), null));
            assertThat(sessions.find("tok"))
                    .hasValueSatisfying(s -> assertThat(s.memberId()).isEqualTo(10));
            assertThat(stored(db, "SELECT created_at FROM verify_session WHERE token = ?", "tok"))
                    .isEqualTo(T0);
            sessions.issue(new IssuedNonce("nonce12345", "tok", "message", T0.plusSeconds(600), null));
            assertThat(sessions.nonce("nonce12345"))
                    .hasValueSatisfying(n -> assertThat(n.usedAt()).isNull());
            clock.advance(Duration.ofMinutes(1));
            boolean once = db.inTransaction(c -> sessions.consume(c, "nonce12345", "tok"));
            boolean twice = db.inTransaction(c -> sessions.consume(c, "nonce12345", "tok"));
            assertThat(once).isTrue();
            assertThat(twice).isFalse();
            Instant used = T0.plus(Duration.ofMinutes(1));
            assertThat(sessions.find("tok"))
                    .hasValueSatisfying(s -> assertThat(s.usedAt()).isEqualTo(used));
            assertThat(sessions.nonce("nonce12345"))
                    .hasValueSatisfying(n -> assertThat(n.usedAt()).isEqualTo(used));
            assertThat(sessions.purgeExpired()).as("nothing expired yet").isZero();
            clock.advance(Duration.ofDays(2));
            assertThat(sessions.purgeExpired()).isEqualTo(2);
            assertThat(sessions.find("tok")).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void settingsGatesCursorsAndTheOutbox(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind)) {
            MutableClock clock = new MutableClock(T0);
            JdbcGuildSettingsStore settings = new JdbcGuildSettingsStore(db, clock);
            settings.save(1, "qa-channels", "5,6", 99);
            clock.advance(Duration.ofHours(1));
            settings.save(1, "qa-channels", "7", 99);
            assertThat(settings.load(1)).isEqualTo(Map.of("qa-channels", "7"));
            assertThat(stored(db, "SELECT updated_at FROM guild_setting WHERE guild_id = 1"))
                    .isEqualTo(LATER);
            assertThat(lastAudit(db, 1)).isEqualTo(LATER);
            settings.remove(1, "qa-channels", 99);
            assertThat(settings.load(1)).isEmpty();

            GateStore gates = new GateStore(db, clock);
            long id = gates.add(
                    2, 2, "Holders", RuleSpec.erc721("anvil", "0x00000000000000000000000000000000000000aa", 1), 99);
            assertThat(gates.inGuild(2)).extracting(StoredGate::name).containsExactly("Holders");
            assertThat(stored(db, "SELECT created_at FROM gate WHERE id = ?", id))
                    .isEqualTo(LATER);
            assertThat(lastAudit(db, 2)).isEqualTo(LATER);
            assertThat(gates.remove(2, id, 99)).isTrue();
            assertThat(gates.remove(2, id, 99)).isFalse();
            assertThat(gates.all()).isEmpty();

            CursorStore cursors = new CursorStore(db, clock);
            cursors.set("anvil", new CursorStore.Cursor(41, "0xabc"));
            cursors.set("anvil", new CursorStore.Cursor(42, "0xdef"));
            assertThat(cursors.get("anvil")).contains(new CursorStore.Cursor(42, "0xdef"));
            assertThat(cursors.get("other")).isEmpty();
            assertThat(stored(db, "SELECT updated_at FROM chain_cursor WHERE chain = 'anvil'"))
                    .isEqualTo(LATER);

            MutableClock outboxClock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
            RoleOutbox outbox = new RoleOutbox(db, outboxClock);
            boolean queued = db.inTransaction(
                    c -> RoleOutbox.enqueue(c, 1, 10, 2, true, "holds 1", SyncKind.INTERACTIVE, outboxClock.instant()));
            assertThat(queued).isTrue();
            outboxClock.advance(Duration.ofSeconds(1));
            List<RoleChange> due = outbox.due(10);
            assertThat(due)
                    .singleElement()
                    .satisfies(r -> assertThat(r.add()).isTrue())
                    .satisfies(r -> assertThat(r.sent()).isFalse());
            assertThat(outbox.markSent(due.get(0).id())).isTrue();
            outbox.retryAfter(due.get(0).id(), Duration.ofSeconds(59), "429");
            outboxClock.advance(Duration.ofSeconds(1));
            assertThat(outbox.due(10)).isEmpty();
            assertThat(outbox.pendingCount()).isEqualTo(1);
            outboxClock.advance(Duration.ofSeconds(58));
            assertThat(outbox.due(10))
                    .singleElement()
                    .satisfies(r -> assertThat(r.sent()).as("sent before").isTrue());
            outbox.done(due.get(0).id(), "applied");
            assertThat(outbox.pendingCount()).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void questionsFeedbackThreadsAndReports(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind)) {
            MutableClock clock = new MutableClock(T0);
            QuestionLog log = new QuestionLog(db, clock);
            Answer none = new Answer("q", "not covered", false, Answer.Mode.NOT_COVERED, List.of());
            long q1 = log.record(1, 5, 10, "what is the airspeed?", "airspeed", none);
            log.record(1, 5, 11, "What is the airspeed?", "airspeed", none);
            long q3 = log.record(
                    1,
                    5,
                    12,
                    "how to mint",
                    "mint",
                    new Answer("how to mint", "quoted", true, Answer.Mode.EXTRACTIVE, List.of()));
            assertThat(stored(db, "SELECT created_at FROM ask_question WHERE id = ?", q1))
                    .isEqualTo(T0);
            clock.advance(Duration.ofHours(1));
            assertThat(log.feedback(q3, 10, false)).isTrue();
            assertThat(log.feedback(q3, 10, true)).isTrue();
            assertThat(log.feedback(q1 + 1000, 10, true)).isFalse();
            assertThat(stored(db, "SELECT created_at FROM ask_feedback WHERE question_id = ?", q3))
                    .isEqualTo(LATER);

            QaReports reports = new QaReports(db, clock);
            assertThat(reports.gaps(1, 30)).extracting(QaReports.Gap::count).contains(2);
            QaReports.Stats stats = reports.stats(1, 30);
            assertThat(stats.questions()).isEqualTo(3);
            assertThat(stats.answered()).isEqualTo(1);
            assertThat(stats.helpful()).isEqualTo(1);
            assertThat(stats.days().get(stats.days().size() - 1).day())
                    .isEqualTo(T0.atZone(java.time.ZoneOffset.UTC).toLocalDate());
            clock.advance(Duration.ofDays(40));
            assertThat(reports.gaps(1, 30))
                    .as("the period ends at the clock's now")
                    .isEmpty();
            assertThat(reports.stats(1, 30).questions()).isZero();

            Conversations threads = new Conversations(db, clock);
            threads.open(77, 1, "first?", "first answer");
            for (int i = 2; i <= 8; i++) {
                threads.append(77, "question " + i + "?", "answer " + i);
            }
            assertThat(threads.isThread(77)).isTrue();
            assertThat(threads.isThread(78)).isFalse();
            assertThat(threads.history(77))
                    .extracting(Conversations.Turn::question)
                    .containsExactly(
                            "question 3?", "question 4?", "question 5?", "question 6?", "question 7?", "question 8?");
            assertThat(stored(db, "SELECT created_at FROM ask_thread WHERE thread_id = 77"))
                    .isEqualTo(LATER.plus(Duration.ofDays(40)));
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void metadataBodiesAreStoredWithTheTimeTheyWereFetched(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind)) {
            MutableClock clock = new MutableClock(T0);
            MetadataStore store = new MetadataStore(db, clock);
            assertThat(store.get("ipfs://cid/1.json")).isEmpty();
            store.put("ipfs://cid/1.json", "{\"name\":\"one\"}");
            clock.advance(Duration.ofHours(1));
            store.put("ipfs://cid/2.json", "{\"name\":\"two\"}");
            store.put("ipfs://cid/1.json", "{\"name\":\"uno\"}");
            assertThat(store.get("ipfs://cid/1.json")).contains(new MetadataStore.Stored("{\"name\":\"uno\"}", LATER));
            assertThat(store.get("ipfs://cid/2.json")).contains(new MetadataStore.Stored("{\"name\":\"two\"}", LATER));
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void auditLinesCommitOrRollBackWithTheirTransaction(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind)) {
            AuditLog audit = new AuditLog(new MutableClock(T0));
            db.inTransaction(c -> {
                audit.write(c, 3, 1, "test", "x".repeat(3000));
                return null;
            });
            assertThat(lastAudit(db, 3)).isEqualTo(T0);
            Optional<String> detail = db.withConnection(c ->
                    Jdbc.first(c, "SELECT detail FROM audit_event " + "WHERE guild_id = 3", rs -> rs.getString(1)));
            assertThat(detail).hasValueSatisfying(d -> assertThat(d).hasSize(2000));
        }
    }
}
