package dev.lorekeeper.wallet;

import dev.lorekeeper.RateLimiter;
import dev.lorekeeper.store.Database;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Keys;

/**
 * The verification flow, shared by the web page and the manual path in Discord: a session per /verify, a SIWE
 * message per wallet with a single-use nonce, and one code path that checks the signed message and links the wallet.
 */
public final class VerificationService {
    private static final Logger log = LoggerFactory.getLogger(VerificationService.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALNUM = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final VerifySessions sessions;
    private final Database db;
    private final MeterRegistry metrics;
    private final WalletLinks links;
    private final SiweVerifier verifier;
    private final VerifySettings settings;
    private final WalletLinkListener listener;
    private final Clock clock;
    private final RateLimiter attempts;

    public VerificationService(
            Database db,
            VerifySessions sessions,
            WalletLinks links,
            SiweVerifier verifier,
            VerifySettings settings,
            WalletLinkListener listener,
            Clock clock,
            int attemptsPerMember) {
        this(db, sessions, links, verifier, settings, listener, clock, attemptsPerMember, new SimpleMeterRegistry());
    }

    public VerificationService(
            Database db,
            VerifySessions sessions,
            WalletLinks links,
            SiweVerifier verifier,
            VerifySettings settings,
            WalletLinkListener listener,
            Clock clock,
            int attemptsPerMember,
            MeterRegistry metrics) {
        this.metrics = metrics;
        this.db = db;
        this.sessions = sessions;
        this.links = links;
        this.verifier = verifier;
        this.settings = settings;
        this.listener = listener;
        this.clock = clock;
        this.attempts = new RateLimiter(attemptsPerMember, Duration.ofMinutes(10));
    }

    public VerifySettings settings() {
        return settings;
    }

    /** Starts a session for a member; the returned token goes into the one-time link. */
    public VerifySession start(long guildId, long memberId, String memberName, String guildName) {
        Instant now = clock.instant();
        VerifySession s = new VerifySession(
                token(), guildId, memberId, trim(memberName), trim(guildName), now.plus(settings.sessionTtl()), null);
        sessions.create(s);
        return s;
    }

    /** The session behind a link, if it can still be used. */
    public Optional<VerifySession> openSession(String token) {
        return sessions.find(token).filter(s -> !s.used() && !s.expired(clock.instant()));
    }

    /** Builds the message for a wallet to sign; the address may be lower-case or checksummed. */
    public SiweMessage issue(String token, String address) {
        VerifySession s = usableSession(token);
        String checksummed = checksummed(address);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant expires = now.plus(settings.sessionTtl());
        if (expires.isAfter(s.expiresAt())) {
            expires = s.expiresAt().truncatedTo(ChronoUnit.MILLIS);
        }
        SiweMessage m = new SiweMessage(
                settings.scheme(),
                settings.domain(),
                checksummed,
                statement(s),
                settings.pageUri(),
                "1",
                settings.chainId(),
                nonce(),
                now.toString(),
                expires.toString(),
                null,
                null,
                List.of());
        sessions.issue(new IssuedNonce(m.nonce(), token, m.format(), expires, null));
        return m;
    }

    /** The exact text issued under a nonce in this session (the manual path signs it outside the browser). */
    public Optional<String> issuedMessage(String token, String nonce) {
        return sessions.nonce(nonce).filter(n -> n.token().equals(token)).map(IssuedNonce::message);
    }

    /** Checks a signed message and links the wallet; never throws for anything the member sent. */
    public VerifyOutcome complete(String token, String messageText, String signature) {
        VerifyOutcome outcome = attempt(token, messageText, signature);
        metrics.counter(
                        "lorekeeper.verify.attempts",
                        "outcome",
                        outcome.linked() ? "linked" : outcome.error().name().toLowerCase(Locale.ROOT))
                .increment();
        return outcome;
    }

    private VerifyOutcome attempt(String token, String messageText, String signature) {
        try {
            VerifySession s = usableSession(token);
            if (!attempts.tryAcquire(s.guildId() + ":" + s.memberId())) {
                throw new SiweException(SiweError.TOO_MANY_ATTEMPTS, "rate limited");
            }
            return link(s, messageText, signature);
        } catch (SiweException e) {
            // The reason may quote addresses; logs get the cause only.
            log.info("verification refused: {}", e.error());
            return VerifyOutcome.refused(e.error(), e.getMessage());
        }
    }

    private VerifyOutcome link(VerifySession s, String messageText, String signature) {
        Instant now = clock.instant();
        SiweMessage m = SiweMessage.parse(messageText);
        verifier.checkMessage(
                m, new SiweExpectations(settings.domain(), null, now, settings.chainId(), settings.pageUri()));
        verifier.checkIssuedAt(m, now);
        IssuedNonce issued = sessions.nonce(m.nonce())
                .filter(n -> n.token().equals(s.token()))
                .orElseThrow(() -> new SiweException(SiweError.NONCE_MISMATCH, "nonce not issued for this session"));
        if (issued.usedAt() != null) {
            throw new SiweException(SiweError.NONCE_USED, "nonce already used");
        }
        if (!issued.message().equals(m.format())) {
            throw new SiweException(SiweError.MESSAGE_ALTERED, "signed text differs from the issued message");
        }
        VerificationResult result = verifier.checkSignature(m, signature);
        if (!result.valid()) {
            log.info("verification refused: {}", result.error());
            return VerifyOutcome.refused(result.error(), result.reason());
        }
        String kind = result.contract() ? "contract" : "eoa";
        Optional<Long> previous = db.inTransaction(c -> {
            if (!sessions.consume(c, m.nonce(), s.token())) {
                throw new SiweException(SiweError.NONCE_USED, "nonce already used");
            }
            return links.link(c, s.guildId(), s.memberId(), m.address(), kind);
        });
        log.info("wallet {} linked in guild {} ({})", WalletLink.shorten(m.address()), s.guildId(), kind);
        previous.ifPresent(p -> listener.walletsChanged(s.guildId(), p));
        return VerifyOutcome.linked(m.address(), listener.walletsChanged(s.guildId(), s.memberId()));
    }

    /** Removes a member's wallet and lets their roles follow. */
    public boolean unlink(long guildId, long memberId, String address) {
        boolean removed = links.unlink(guildId, memberId, address);
        if (removed) {
            listener.walletsChanged(guildId, memberId);
        }
        return removed;
    }

    public List<WalletLink> wallets(long guildId, long memberId) {
        return links.of(guildId, memberId);
    }

    public int purgeExpired() {
        return sessions.purgeExpired();
    }

    private VerifySession usableSession(String token) {
        VerifySession s = sessions.find(token == null ? "" : token)
                .orElseThrow(() -> new SiweException(SiweError.EXPIRED, "unknown verify link"));
        if (s.used()) {
            throw new SiweException(SiweError.NONCE_USED, "this verify link was already used");
        }
        if (s.expired(clock.instant())) {
            throw new SiweException(SiweError.EXPIRED, "verify link expired");
        }
        return s;
    }

    static String checksummed(String address) {
        String a = address == null ? "" : address.trim();
        if (!a.matches("0x[0-9a-fA-F]{40}")) {
            throw new SiweException(
                    SiweError.INVALID_FIELD,
                    "'" + a + "' is not an Ethereum address (0x followed by " + "40 hex characters)");
        }
        String checksummed = Keys.toChecksumAddress(a);
        boolean mixedCase = !a.equals(a.toLowerCase())
                && !a.substring(2).equals(a.substring(2).toUpperCase());
        if (mixedCase && !checksummed.equals(a)) {
            throw new SiweException(SiweError.INVALID_FIELD, "the address checksum is wrong: check for a typo");
        }
        return checksummed;
    }

    /** Plain words, limited to the characters EIP-4361 allows in a statement. */
    private static String statement(VerifySession s) {
        String text = "Link this wallet to Discord user " + s.memberName() + " in the server " + s.guildName()
                + ". Signing is free: it sends no transaction, costs no gas and grants no permission.";
        return text.replaceAll("[^A-Za-z0-9\\-._~:/?#\\[\\]@!$&'()*+,;= ]", "")
                .replaceAll(" +", " ")
                .trim();
    }

    private static String trim(String s) {
        String t = s == null ? "" : s.strip();
        return t.length() > 100 ? t.substring(0, 100) : t;
    }

    private static String token() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String nonce() {
        StringBuilder sb = new StringBuilder(16);
        for (int i = 0; i < 16; i++) {
            sb.append(ALNUM.charAt(RANDOM.nextInt(ALNUM.length())));
        }
        return sb.toString();
    }
}
