package dev.lorekeeper.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The verify page asks the wallet for its address and one free signature, nothing else: no transaction, no raw
 * {@code eth_sign}, no typed data that could hide a permit. It loads no script from another site.
 */
class VerifyPageWalletRequestsTest {
    static final Path WEB = Path.of(System.getProperty("project.root", "."), "src/main/resources/web");
    static final Pattern WALLET_METHOD = Pattern.compile("method:\\s*'([a-zA-Z_0-9]+)'");

    @Test
    void thePageAsksTheWalletOnlyForItsAddressAndAPersonalSignature() throws IOException {
        String js = Files.readString(WEB.resolve("verify.js"));
        Matcher m = WALLET_METHOD.matcher(js);
        List<String> methods =
                m.results().map(r -> r.group(1)).filter(x -> !x.equals("POST")).toList();
        assertThat(methods).containsExactlyInAnyOrder("eth_requestAccounts", "personal_sign");
        // Every wallet request names its method literally, so none can slip past the list above.
        assertThat(Pattern.compile("\\.request\\(").matcher(js).results().count())
                .isEqualTo(methods.size());
        assertThat(js)
                .doesNotContain(
                        "eth_sendTransaction", "eth_signTransaction", "eth_signTypedData", "'eth_sign'", "wallet_");
    }

    @Test
    void thePageLoadsScriptsOnlyFromItsOwnSite() throws IOException {
        String html = Files.readString(WEB.resolve("verify.html"));
        List<String> sources = Pattern.compile("<script[^>]*src=\"([^\"]+)\"")
                .matcher(html)
                .results()
                .map(r -> r.group(1))
                .toList();
        assertThat(sources).isNotEmpty().allMatch(s -> s.startsWith("/"));
        assertThat(html).doesNotContain("<script>");
    }
}
