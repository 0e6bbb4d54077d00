package dev.lorekeeper.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorekeeper.chain.Chains;
import dev.lorekeeper.chain.RpcClient;
import dev.lorekeeper.chain.RpcObserver;
import dev.lorekeeper.store.Database;
import dev.lorekeeper.testing.Anvil;
import dev.lorekeeper.testing.Fixture;
import dev.lorekeeper.testing.MutableClock;
import dev.lorekeeper.testing.TestDatabases;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.crypto.Keys;

/** The whole server-side flow with real signatures from anvil, and every rejection with its own reason. */
class VerificationServiceTest {
    @RegisterExtension
    static final Fixture<Anvil> anvil = Fixture.of(() -> Anvil.start());

    static String alice;
    static String bob;

    Database db;
    MutableClock clock;
    List<String> reevaluated;
    VerificationService service;

    @BeforeAll
    static void node() {
        alice = Keys.toChecksumAddress(anvil.get().accounts().get(0));
        bob = Keys.toChecksumAddress(anvil.get().accounts().get(1));
    }

    @BeforeEach
    void fresh() {
        db = TestDatabases.h2();
        clock = new MutableClock(Instant.now());
        reevaluated = new ArrayList<>();
        Chains chains = new Chains();
        chains.add(new Chains.Chain(
                "anvil",
                anvil.get().chainId(),
                new RpcClient("anvil", List.of(anvil.get().url()), Duration.ofSeconds(5), RpcObserver.NONE)));
        // Role sync's stand-in grants one role per wallet the member has linked at the moment it is asked: what the
        // service reports then shows that it saved the link before asking, and passed the answer on.
        WalletLinks links = new WalletLinks(db, clock);
        WalletLinkListener listener = (guild, member) -> {
            reevaluated.add(guild + "/" + member);
            return links.of(guild, member).stream()
                    .map(l -> "Holder of " + WalletLink.shorten(l.address()))
                    .toList();
        };
        service = new VerificationService(
                db,
                new VerifySessions(db, clock),
                new WalletLinks(db, clock),
                new SiweVerifier(new ChainContractSignatureChecker(chains), Duration.ofSeconds(30)),
                new VerifySettings(
                        "https://verify.example.org",
                        anvil.get().chainId(),
                        Duration.ofMinutes(10),
                        Duration.ofSeconds(30)),
                listener,
                clock,
                100);
    }

    String sign(String message, String account) {
        return anvil.get().personalSign(message, account);
    }

    @Test
    void linksTheWalletAndReportsGrantedRoles() {
        VerifySession s = service.start(1, 100, "alice", "Moon Club");
        SiweMessage m = service.issue(s.token(), alice.toLowerCase());
        assertThat(m.domain()).isEqualTo("verify.example.org");
        assertThat(m.statement()).contains("alice", "Moon Club", "no transaction", "no gas", "no permission");
        assertThat(m.address()).isEqualTo(alice);

        VerifyOutcome o = service.complete(s.token(), m.format(), sign(m.format(), alice));
        assertThat(o.linked()).as(o.detail()).isTrue();
        assertThat(o.rolesGranted()).containsExactly("Holder of " + WalletLink.shorten(alice));
        assertThat(o.text())
                .contains("Roles granted: Holder of " + WalletLink.shorten(alice))
                .doesNotContain(alice);
        assertThat(service.wallets(1, 100)).extracting(WalletLink::address).containsExactly(alice);
        assertThat(reevaluated).containsExactly("1/100");
    }

    @Test
    void replayedMessageIsRefused() {
        VerifySession s = service.start(1, 100, "alice", "Moon Club");
        SiweMessage m = service.issue(s.token(), alice);
        String sig = sign(m.format(), alice);
        assertThat(service.complete(s.token(), m.format(), sig).linked()).isTrue();
        VerifyOutcome replay = service.complete(s.token(), m.format(), sig);
        assertThat(replay.error()).isEqualTo(SiweError.NONCE_USED);
        VerifySession other = service.start(1, 100, "alice", "Moon Club");
        assertThat(service.complete(other.token(), m.format(), sig).error()).isEqualTo(SiweError.NONCE_MISMATCH);
    }

    @Test
    void messageIssuedInTheFutureIsRefused() {
        VerifySession s = service.start(1, 100, "alice", "Moon Club");
        SiweMessage m = service.issue(s.token(), alice);
        clock.advance(Duration.ofMinutes(-5));
        assertThat(service.complete(s.token(), m.format(), sign(m.format(), alice))
                        .error())
                .isEqualTo(SiweError.NOT_YET_VALID);
    }

    @Test
    void expiredMessageIsRefused() {
        VerifySession s = service.start(1, 100, "alice", "Moon Club");
        SiweMessage m = service.issue(s.token(), alice);
        String sig = sign(m.format(), alice);
        clock.advance(Duration.ofMinutes(11));
        assertThat(service.complete(s.token(), m.format(), sig).error()).isEqualTo(SiweError.EXPIRED);
    }

    @Test
    void messageForAnotherDomainIsRefused() {
        VerifySession s = service.start(1, 100, "alice", "Moon Club");
        SiweMessage ours = service.issue(s.token(), alice);
        SiweMessage phishing = new SiweMessage(
                "https",
                "evil.example",
                alice,
                ours.statement(),
                "https://evil.example",
                "1",
                ours.chainId(),
                ours.nonce(),
                ours.issuedAt(),
                ours.expirationTime(),
                null,
                null,
                List.of());
        VerifyOutcome o = service.complete(s.token(), phishing.format(), sign(phishing.format(), alice));
        assertThat(o.error()).isEqualTo(SiweError.WRONG_DOMAIN);
        assertThat(o.text()).contains("another site");
    }

    @Test
    void tamperedStatementIsRefused() {
        VerifySession s = service.start(1, 100, "alice", "Moon Club");
        SiweMessage m = service.issue(s.token(), alice);
        SiweMessage tampered = new SiweMessage(
                m.scheme(),
                m.domain(),
                m.address(),
                "I give everything away",
                m.uri(),
                "1",
                m.chainId(),
                m.nonce(),
                m.issuedAt(),
                m.expirationTime(),
                null,
                null,
                List.of());
        assertThat(service.complete(s.token(), tampered.format(), sign(tampered.format(), alice))
                        .error())
                .isEqualTo(SiweError.MESSAGE_ALTERED);
    }

    @Test
    void signatureFromAnotherWalletAndMalformedSignaturesAreNamed() {
        VerifySession s = service.start(1, 100, "alice", "Moon Club");
        SiweMessage m = service.issue(s.token(), alice);
        assertThat(service.complete(s.token(), m.format(), sign(m.format(), bob))
                        .error())
                .isEqualTo(SiweError.SIGNER_MISMATCH);
        assertThat(service.complete(s.token(), m.format(), "0xnothex").error())
                .isEqualTo(SiweError.MALFORMED_SIGNATURE);
        assertThat(service.complete(s.token(), "garbage", "0x00").error()).isEqualTo(SiweError.MALFORMED_MESSAGE);
        // None of those used up the session: the right signature still works.
        assertThat(service.complete(s.token(), m.format(), sign(m.format(), alice))
                        .linked())
                .isTrue();
    }

    @Test
    void wrongNetworkIsRefused() {
        VerifySession s = service.start(1, 100, "alice", "Moon Club");
        SiweMessage m = service.issue(s.token(), alice);
        SiweMessage mainnet = new SiweMessage(
                m.scheme(),
                m.domain(),
                m.address(),
                m.statement(),
                m.uri(),
                "1",
                1L,
                m.nonce(),
                m.issuedAt(),
                m.expirationTime(),
                null,
                null,
                List.of());
        assertThat(service.complete(s.token(), mainnet.format(), sign(mainnet.format(), alice))
                        .error())
                .isEqualTo(SiweError.WRONG_CHAIN);
    }

    @Test
    void walletMovesToTheNewOwnerAndThePreviousOwnerIsReevaluated() throws Exception {
        VerifySession first = service.start(1, 100, "alice", "Moon Club");
        SiweMessage m1 = service.issue(first.token(), alice);
        service.complete(first.token(), m1.format(), sign(m1.format(), alice));
        VerifySession second = service.start(1, 200, "alice-alt", "Moon Club");
        SiweMessage m2 = service.issue(second.token(), alice);
        assertThat(service.complete(second.token(), m2.format(), sign(m2.format(), alice))
                        .linked())
                .isTrue();

        assertThat(service.wallets(1, 100)).isEmpty();
        assertThat(service.wallets(1, 200)).hasSize(1);
        assertThat(reevaluated).containsExactly("1/100", "1/100", "1/200");
        String audit = db.withConnection(c -> {
            try (ResultSet rs =
                    c.createStatement().executeQuery("SELECT detail FROM audit_event WHERE kind = 'wallet-moved'")) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
        assertThat(audit)
                .contains("<@100>", "<@200>", WalletLink.shorten(alice))
                .doesNotContain(alice);
    }

    @Test
    void unlinkRemovesAndReevaluates() {
        VerifySession s = service.start(1, 100, "alice", "Moon Club");
        SiweMessage m = service.issue(s.token(), alice);
        service.complete(s.token(), m.format(), sign(m.format(), alice));
        assertThat(service.unlink(1, 100, alice.toLowerCase())).isTrue();
        assertThat(service.wallets(1, 100)).isEmpty();
        assertThat(service.unlink(1, 100, alice)).isFalse();
        assertThat(reevaluated).containsExactly("1/100", "1/100");
    }

    @Test
    void badAddressesAreExplained() {
        VerifySession s = service.start(1, 100, "alice", "Moon Club");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> service.issue(s.token(), "0x1234"))
                .isInstanceOf(SiweException.class)
                .hasMessageContaining("not an Ethereum address");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> service.issue(s.token(), flipCase(alice)))
                .isInstanceOf(SiweException.class)
                .hasMessageContaining("checksum");
    }

    @Test
    void expiredSessionsAndNoncesArePurged() {
        VerifySession s = service.start(1, 100, "alice", "Moon Club");
        service.issue(s.token(), alice);
        clock.advance(Duration.ofMinutes(11));
        assertThat(service.purgeExpired()).isEqualTo(2);
        assertThat(service.openSession(s.token())).isEmpty();
    }

    /** Flips the case of the first letter in the address: same address, broken EIP-55 checksum. */
    static String flipCase(String address) {
        char[] c = address.toCharArray();
        for (int i = 2; i < c.length; i++) {
            if (Character.isLetter(c[i])) {
                c[i] = Character.isUpperCase(c[i]) ? Character.toLowerCase(c[i]) : Character.toUpperCase(c[i]);
                return new String(c);
            }
        }
        throw new IllegalArgumentException("no letters in " + address);
    }
}
