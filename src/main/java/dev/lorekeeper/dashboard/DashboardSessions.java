package dev.lorekeeper.dashboard;

import dev.lorekeeper.store.Database;
import dev.lorekeeper.store.Hashes;
import dev.lorekeeper.store.Jdbc;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Dashboard logins and sessions, kept in the database so that every process behind the proxy knows them and a restart
 * logs nobody out. A session id and an OAuth2 state are 256 random bits; only their SHA-256 is stored. A session ends
 * after {@code idle} without a request and after {@code max} in any case; a login under way is good for
 * {@link #LOGIN_LIFETIME} and once.
 */
public final class DashboardSessions {
    public static final Duration LOGIN_LIFETIME = Duration.ofMinutes(10);
    /** The last-seen time is written at most this often, not on every request. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private static final int MAX_GUILDS = 400;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database db;
    private final Clock clock;
    private final Duration idle;
    private final Duration max;

    public DashboardSessions(Database db, Clock clock, Duration idle, Duration max) {
        this.db = db;
        this.clock = clock;
        this.idle = idle;
        this.max = max;
    }

    /** A logged-in moderator: who they are, the servers their OAuth2 grant listed, and the form token. */
    public record Session(
            String idHash, long userId, String userName, String csrf, List<Long> guildIds, Instant createdAt) {
        /** Whether {@code token} is this session's CSRF token, compared in constant time. */
        public boolean csrfMatches(String token) {
            return token != null
                    && MessageDigest.isEqual(
                            csrf.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                            token.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** A login under way: the state goes to Discord and into a cookie, the verifier stays here. */
    public record PendingLogin(String state, String verifier) {}

    public PendingLogin beginLogin() {
        PendingLogin login = new PendingLogin(random(), random() + random());
        Instant now = clock.instant();
        db.inTransaction(c -> {
            Jdbc.update(c, "DELETE FROM dashboard_login WHERE created_at < ?", now.minus(LOGIN_LIFETIME));
            return Jdbc.update(
                    c,
                    "INSERT INTO dashboard_login (state_hash, verifier, created_at) VALUES (?, ?, ?)",
                    Hashes.sha256Hex(login.state()),
                    login.verifier(),
                    now);
        });
        return login;
    }

    /**
     * The PKCE verifier of the login that issued {@code state}, if it is fresh and unused. It is used up whatever the
     * outcome, so a replayed callback finds nothing.
     */
    public Optional<String> finishLogin(String state) {
        if (state == null || state.isEmpty()) {
            return Optional.empty();
        }
        String hash = Hashes.sha256Hex(state);
        Instant now = clock.instant();
        return db.inTransaction(c -> {
            Optional<String> verifier = Jdbc.first(
                    c,
                    "SELECT verifier FROM dashboard_login WHERE state_hash = ? AND created_at >= ?",
                    rs -> rs.getString(1),
                    hash,
                    now.minus(LOGIN_LIFETIME));
            Jdbc.update(c, "DELETE FROM dashboard_login WHERE state_hash = ?", hash);
            return verifier;
        });
    }

    /** A new session; returns the cookie value (the only place the raw id exists) and the session. */
    public record Opened(String cookie, Session session) {}

    public Opened open(long userId, String userName, List<Long> guildIds) {
        String cookie = random();
        String csrf = random();
        Instant now = clock.instant();
        List<Long> guilds = guildIds.stream().limit(MAX_GUILDS).toList();
        String name = userName.length() > 100 ? userName.substring(0, 100) : userName;
        db.inTransaction(c -> {
            Jdbc.update(c, "DELETE FROM dashboard_session WHERE created_at < ?", now.minus(max));
            return Jdbc.update(
                    c,
                    "INSERT INTO dashboard_session (id_hash, user_id, user_name, csrf, guild_ids, created_at, "
                            + "last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    Hashes.sha256Hex(cookie),
                    userId,
                    name,
                    csrf,
                    guilds.stream().map(String::valueOf).collect(Collectors.joining(",")),
                    now,
                    now);
        });
        return new Opened(cookie, new Session(Hashes.sha256Hex(cookie), userId, name, csrf, guilds, now));
    }

    /** The live session behind a cookie; an idle or too old one is ended and reads as none. */
    public Optional<Session> find(String cookie) {
        if (cookie == null || cookie.isEmpty() || cookie.length() > 100) {
            return Optional.empty();
        }
        String hash = Hashes.sha256Hex(cookie);
        Instant now = clock.instant();
        record Row(Session session, Instant lastSeen) {}
        Optional<Row> row = db.withConnection(c -> Jdbc.first(
                c,
                "SELECT id_hash, user_id, user_name, csrf, guild_ids, created_at, last_seen_at "
                        + "FROM dashboard_session WHERE id_hash = ?",
                rs -> new Row(
                        new Session(
                                rs.getString(1),
                                rs.getLong(2),
                                rs.getString(3),
                                rs.getString(4),
                                guilds(rs.getString(5)),
                                Jdbc.instant(rs, 6)),
                        Jdbc.instant(rs, 7)),
                hash));
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Session s = row.get().session();
        if (now.isAfter(row.get().lastSeen().plus(idle))
                || now.isAfter(s.createdAt().plus(max))) {
            end(hash);
            return Optional.empty();
        }
        if (now.isAfter(row.get().lastSeen().plus(TOUCH_EVERY))) {
            db.inTransaction(
                    c -> Jdbc.update(c, "UPDATE dashboard_session SET last_seen_at = ? WHERE id_hash = ?", now, hash));
        }
        return Optional.of(s);
    }

    /** Ends a session by its stored hash (logout, expiry). */
    public void end(String idHash) {
        db.inTransaction(c -> Jdbc.update(c, "DELETE FROM dashboard_session WHERE id_hash = ?", idHash));
    }

    private static List<Long> guilds(String csv) {
        return csv.isEmpty()
                ? List.of()
                : Arrays.stream(csv.split(",")).map(Long::parseLong).toList();
    }

    private static String random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
