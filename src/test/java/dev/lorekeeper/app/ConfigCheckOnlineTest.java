package dev.lorekeeper.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorekeeper.testing.Anvil;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCheckOnlineTest {
    @Test
    void onlineCheckComparesEachRpcsChainIdAndNamesADeadOne(@TempDir Path dir) throws Exception {
        try (Anvil anvil = Anvil.start()) {
            Path cfg = dir.resolve("chains.yaml");
            Files.writeString(cfg, """
                    discord:
                      token: abc.def.ghi
                    web:
                      public-url: https://verify.example.org
                    chains:
                      right: { chain-id: %d, rpc-urls: [ "%s" ] }
                      wrong: { chain-id: 8453, rpc-urls: [ "%s", "http://127.0.0.1:1/" ], timeout: 2s }
                    """.formatted(anvil.chainId(), anvil.url(), anvil.url()));
            CliTest.Run offline = CliTest.run("config", "check", "--config", cfg.toString());
            assertThat(offline.exit()).as(offline.err()).isZero();

            CliTest.Run online = CliTest.run("config", "check", "--online", "--config", cfg.toString());
            assertThat(online.exit()).isEqualTo(1);
            assertThat(online.err())
                    .contains(
                            "2 problems",
                            "chains.wrong.rpc-urls[0]: serves chain id " + anvil.chainId()
                                    + ", but chains.wrong.chain-id is "
                                    + "8453: the URL is for another network, or the chain-id is wrong",
                            "chains.wrong.rpc-urls[1]: did not answer eth_chainId (connection refused); check the URL, its "
                                    + "API key and your network")
                    .doesNotContain("chains.right");
        }
    }
}
