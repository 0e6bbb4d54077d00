package dev.lorekeeper.wallet;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pasted sign-in messages are untrusted text: any shape or size is refused with a reason, never a crash. */
class SiweParseAttackTest {
    static String message(String domain, String uri) {
        Instant now = Instant.now();
        return domain + " wants you to sign in with your Ethereum account:\n"
                + "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed\n\nLink this wallet\n\nURI: " + uri + "\nVersion: 1\n"
                + "Chain ID: 1\nNonce: abcdef123456\nIssued At: " + now + "\nExpiration Time: " + now.plusSeconds(600);
    }

    @Test
    void aDomainThousandsOfCharactersLongIsRefusedNotAStackOverflow() {
        // Found by the fuzz benchmark: the authority pattern recursed once per character.
        String domain = "verify.example" + "A".repeat(3000) + ".org";
        org.assertj.core.api.Assertions.assertThat(
                        SiweMessage.parse(message(domain, "https://verify.example.org/verify/x"))
                                .domain())
                .isEqualTo(domain);
        org.assertj.core.api.Assertions.assertThat(Rfc3986.isAuthority("a".repeat(200_000)))
                .isTrue();
    }

    @Test
    void aUriThousandsOfCharactersLongIsCheckedWithoutRecursion() {
        String uri = "https://verify.example.org/" + "%41".repeat(50_000);
        org.assertj.core.api.Assertions.assertThat(Rfc3986.isUri(uri)).isTrue();
        org.assertj.core.api.Assertions.assertThat(Rfc3986.isPchars("%4".repeat(50_000)))
                .isFalse();
    }

    @Test
    void aMessageLongerThanAnyTheBotIssuesIsRefusedWithItsLength() {
        assertThatThrownBy(() -> SiweMessage.parse(
                        message("verify.example.org", "https://verify.example.org/" + "a".repeat(5000))))
                .isInstanceOf(SiweException.class)
                .hasMessageContaining("characters long");
    }

    @Test
    void listOfResourcesStaysParseable() {
        List.of("https://a.example/1", "ipfs://bafy")
                .forEach(r -> org.assertj.core.api.Assertions.assertThat(Rfc3986.isUri(r))
                        .isTrue());
    }
}
