package dev.lorekeeper.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorekeeper.chain.Chains;
import dev.lorekeeper.chain.RpcClient;
import dev.lorekeeper.chain.RpcObserver;
import dev.lorekeeper.testing.Anvil;
import dev.lorekeeper.testing.Fixture;
import dev.lorekeeper.testing.TestContracts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.abi.datatypes.Address;
import org.web3j.crypto.Keys;

/** Signatures made by a real node's wallets, and a real EIP-1271 contract wallet deployed on it. */
class SiweVerifierAnvilTest {
    @RegisterExtension
    static final Fixture<Anvil> anvil = Fixture.of(() -> Anvil.start());

    static String alice;
    static String bob;
    static String contractWallet;
    static SiweVerifier verifier;

    @BeforeAll
    static void start() {
        alice = Keys.toChecksumAddress(anvil.get().accounts().get(0));
        bob = Keys.toChecksumAddress(anvil.get().accounts().get(1));
        contractWallet = Keys.toChecksumAddress(
                TestContracts.deploy(anvil.get(), "ContractWallet", alice, List.of(new Address(bob))));
        Chains chains = new Chains();
        chains.add(new Chains.Chain(
                "anvil",
                anvil.get().chainId(),
                new RpcClient("anvil", List.of(anvil.get().url()), Duration.ofSeconds(5), RpcObserver.NONE)));
        verifier = new SiweVerifier(new ChainContractSignatureChecker(chains), Duration.ofSeconds(30));
    }

    static SiweMessage message(String address) {
        Instant now = Instant.now();
        return new SiweMessage(
                "https",
                "verify.example.org",
                address,
                "Link this wallet to alice in Test Server",
                "https://verify.example.org/verify/tok",
                "1",
                anvil.get().chainId(),
                "abcdef123456",
                now.toString(),
                now.plusSeconds(600).toString(),
                null,
                null,
                List.of());
    }

    @Test
    void ordinaryWalletSignatureIsAccepted() {
        SiweMessage m = message(alice);
        VerificationResult r =
                verifier.verify(m, anvil.get().personalSign(m.format(), alice), SiweExpectations.none(null));
        assertThat(r.valid()).as(r.reason()).isTrue();
        assertThat(r.address()).isEqualTo(alice);
    }

    @Test
    void recoveryByteZeroOrOneIsAccepted() {
        SiweMessage m = message(alice);
        String sig = anvil.get().personalSign(m.format(), alice);
        int v = Integer.parseInt(sig.substring(130), 16);
        String lowV = sig.substring(0, 130) + String.format("%02x", v - 27);
        assertThat(verifier.verify(m, lowV, SiweExpectations.none(null)).valid())
                .isTrue();
    }

    @Test
    void signatureFromAnotherWalletIsRefused() {
        SiweMessage m = message(alice);
        VerificationResult r =
                verifier.verify(m, anvil.get().personalSign(m.format(), bob), SiweExpectations.none(null));
        assertThat(r.valid()).isFalse();
        assertThat(r.error()).isEqualTo(SiweError.SIGNER_MISMATCH);
    }

    @Test
    void alteredMessageNoLongerMatchesItsSignature() {
        SiweMessage m = message(alice);
        String sig = anvil.get().personalSign(m.format(), alice);
        SiweMessage tampered = new SiweMessage(
                m.scheme(),
                m.domain(),
                m.address(),
                "Send all my tokens to Mallory",
                m.uri(),
                m.version(),
                m.chainId(),
                m.nonce(),
                m.issuedAt(),
                m.expirationTime(),
                null,
                null,
                List.of());
        assertThat(verifier.verify(tampered, sig, SiweExpectations.none(null)).error())
                .isEqualTo(SiweError.SIGNER_MISMATCH);
    }

    @Test
    void malformedSignaturesAreNamedAsSuch() {
        SiweMessage m = message(alice);
        assertThat(verifier.verify(m, "0x1234", SiweExpectations.none(null)).error())
                .isEqualTo(SiweError.MALFORMED_SIGNATURE);
        assertThat(verifier.verify(m, "not hex", SiweExpectations.none(null)).error())
                .isEqualTo(SiweError.MALFORMED_SIGNATURE);
    }

    @Test
    void contractWalletAcceptsItsOwnersSignature() {
        SiweMessage m = message(contractWallet);
        VerificationResult r =
                verifier.verify(m, anvil.get().personalSign(m.format(), bob), SiweExpectations.none(null));
        assertThat(r.valid()).as(r.reason()).isTrue();
        assertThat(r.address()).isEqualTo(contractWallet);
    }

    /** Runtime code that answers any call with the magic value followed by {@code tail} (hex) in the same return. */
    static String magicThen(String tail) {
        String word = "1626ba7e" + tail;
        // PUSH32 word, PUSH1 0, MSTORE, then RETURN the given number of bytes from 0
        int length = word.length() / 2;
        String padded = (word + "0".repeat(128)).substring(0, 64);
        return "0x7f" + padded + "600052" + "60" + String.format("%02x", Math.max(32, length)) + "6000f3";
    }

    @Test
    void contractWalletAnsweringMagicWithNonzeroTrailingBytesIsRefused() {
        String liar = "0x00000000000000000000000000000000000001a1";
        anvil.get().rpc("anvil_setCode", liar, magicThen("ff".repeat(28)));
        SiweMessage m = message(Keys.toChecksumAddress(liar));
        VerificationResult r =
                verifier.verify(m, anvil.get().personalSign(m.format(), alice), SiweExpectations.none(null));
        assertThat(r.valid()).isFalse();
        assertThat(r.error()).isEqualTo(SiweError.CONTRACT_REJECTED);
    }

    @Test
    void contractWalletAnsweringMoreThanOneWordIsRefused() {
        String liar = "0x00000000000000000000000000000000000001a2";
        anvil.get().rpc("anvil_setCode", liar, magicThen("00".repeat(60)));
        SiweMessage m = message(Keys.toChecksumAddress(liar));
        VerificationResult r =
                verifier.verify(m, anvil.get().personalSign(m.format(), alice), SiweExpectations.none(null));
        assertThat(r.valid()).isFalse();
        assertThat(r.error()).isEqualTo(SiweError.CONTRACT_REJECTED);
    }

    @Test
    void contractWalletAnsweringTheExactMagicWordIsAccepted() {
        String honest = "0x00000000000000000000000000000000000001a3";
        anvil.get().rpc("anvil_setCode", honest, magicThen(""));
        SiweMessage m = message(Keys.toChecksumAddress(honest));
        VerificationResult r =
                verifier.verify(m, anvil.get().personalSign(m.format(), alice), SiweExpectations.none(null));
        assertThat(r.valid()).as(r.reason()).isTrue();
    }

    @Test
    void contractWalletRejectsOtherSignatures() {
        SiweMessage m = message(contractWallet);
        VerificationResult r =
                verifier.verify(m, anvil.get().personalSign(m.format(), alice), SiweExpectations.none(null));
        assertThat(r.valid()).isFalse();
        assertThat(r.error()).isEqualTo(SiweError.CONTRACT_REJECTED);
    }

    @Test
    void unreachableChainIsReportedNotTreatedAsRefusal() {
        Chains none = new Chains();
        none.add(new Chains.Chain(
                "down",
                anvil.get().chainId(),
                new RpcClient("down", List.of("http://127.0.0.1:1"), Duration.ofSeconds(1), RpcObserver.NONE)));
        SiweVerifier offline = new SiweVerifier(new ChainContractSignatureChecker(none), Duration.ZERO);
        SiweMessage m = message(contractWallet);
        VerificationResult r =
                offline.verify(m, anvil.get().personalSign(m.format(), bob), SiweExpectations.none(null));
        assertThat(r.error()).isEqualTo(SiweError.CHAIN_UNAVAILABLE);
    }

    @Test
    void expectationsAreChecked() {
        SiweMessage m = message(alice);
        String sig = anvil.get().personalSign(m.format(), alice);
        assertThat(verifier.verify(m, sig, new SiweExpectations("evil.example", null, null, null, null))
                        .error())
                .isEqualTo(SiweError.WRONG_DOMAIN);
        assertThat(verifier.verify(m, sig, new SiweExpectations(null, null, null, 1L, null))
                        .error())
                .isEqualTo(SiweError.WRONG_CHAIN);
        assertThat(verifier.verify(m, sig, SiweExpectations.none(Instant.now().plusSeconds(3600)))
                        .error())
                .isEqualTo(SiweError.EXPIRED);
        SiweMessage later = new SiweMessage(
                m.scheme(),
                m.domain(),
                m.address(),
                m.statement(),
                m.uri(),
                "1",
                m.chainId(),
                m.nonce(),
                m.issuedAt(),
                m.expirationTime(),
                Instant.now().plusSeconds(3600).toString(),
                null,
                List.of());
        assertThat(verifier.verify(later, anvil.get().personalSign(later.format(), alice), SiweExpectations.none(null))
                        .error())
                .isEqualTo(SiweError.NOT_YET_VALID);
    }
}
