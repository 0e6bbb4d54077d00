package dev.lorekeeper.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lorekeeper.app.Configs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
    private static final Path EXAMPLE =
            Path.of(System.getProperty("project.root", "."), "config", "lorekeeper.example.yaml");

    private static LoadedConfig parse(String yaml, Map<String, String> env) {
        return Configs.loader(env).parse(yaml, null);
    }

    private static ConfigException problems(String yaml) {
        return (ConfigException) org.assertj.core.api.Assertions.catchThrowable(() -> parse(yaml, Map.of()));
    }

    @Test
    void exampleConfigLoadsWithEmptyEnvironment() {
        LoadedConfig loaded = Configs.loader(Map.of()).load(EXAMPLE);
        LorekeeperConfig c = loaded.config();
        assertThat(c.discord().token()).isEmpty();
        assertThat(c.storage().jdbcUrl()).isEqualTo("jdbc:h2:file:./data/lorekeeper");
        assertThat(c.web().port()).isEqualTo(8080);
        assertThat(c.web().adminPort()).isEqualTo(8081);
        assertThat(c.web().trustedProxies()).isEmpty();
        assertThat(c.llmConfigured()).isFalse();
        assertThat(c.chains()).containsKey("ethereum");
        assertThat(c.chains().get("ethereum").chainId()).isEqualTo(1L);
        assertThat(c.llm().timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.guildDefaults().features().qa()).isTrue();
    }

    @Test
    void emptyDocumentGivesDefaults() {
        LorekeeperConfig c = parse("", Map.of()).config();
        assertThat(c.storage().jdbcUrl()).isEqualTo(StorageConfig.DEFAULT_JDBC_URL);
        assertThat(c.web().publicUrl()).isEqualTo("http://localhost:8080");
        assertThat(c.llmConfigured()).isFalse();
        assertThat(c.llm().dailyTokensPerMember()).isEqualTo(20_000L);
        assertThat(c.characters().questCooldown()).isEqualTo(java.time.Duration.ofMinutes(10));
    }

    @Test
    void interpolatesVariablesAndDefaults() {
        LoadedConfig loaded = parse("""
                discord:
                  token: ${TOKEN}
                web:
                  port: ${PORT:-9000}
                  public-url: https://${HOST}/bot/
                """, Map.of("TOKEN", "abc.def.ghi", "HOST", "verify.example.org"));
        assertThat(loaded.config().discord().token()).isEqualTo("abc.def.ghi");
        assertThat(loaded.config().web().port()).isEqualTo(9000);
        assertThat(loaded.config().web().publicUrl()).isEqualTo("https://verify.example.org/bot");
        assertThat(loaded.secrets()).contains("abc.def.ghi");
    }

    @Test
    void escapedReferenceStaysLiteral() {
        LoadedConfig loaded = parse("knowledge:\n  docs: \"docs/$${notavar}\"\n", Map.of());
        assertThat(loaded.config().knowledge().docs()).isEqualTo("docs/${notavar}");
    }

    @Test
    void envValueCannotInjectYamlStructure() {
        LoadedConfig loaded = parse("discord:\n  token: ${TOKEN}\n", Map.of("TOKEN", "x\nstorage:\n  pool-size: 99"));
        assertThat(loaded.config().storage().poolSize()).isEqualTo(8);
    }

    @Test
    void unsetVariableWithoutDefaultIsReportedWithItsPath() {
        assertThat(problems("discord:\n  token: ${NOPE_TOKEN}\n").problems())
                .extracting(ConfigProblem::toString)
                .containsExactly("discord.token: environment variable NOPE_TOKEN is not set (set it, or give a "
                        + "default: ${NOPE_TOKEN:-value})");
    }

    @Test
    void reportsEveryProblemAtOnceWithPathsAndFixes() {
        ConfigException e = problems("""
                discord:
                  tokn: abc
                web:
                  port: eighty
                chains:
                  base:
                    chain-id: 8453
                    rpc-urls: [ "ftp://nope" ]
                storage:
                  jdbc-url: jdbc:mysql://localhost/db
                """);
        assertThat(e.problems())
                .extracting(ConfigProblem::toString)
                .containsExactlyInAnyOrder(
                        "discord.tokn: unknown key 'tokn' (did you mean 'token'?)",
                        "web.port: 'eighty' is not a whole number",
                        "chains.base.rpc-urls[0]: is not an http(s) or ws(s) URL",
                        "storage.jdbc-url: 'jdbc:mysql://localhost/db' is not supported (use jdbc:h2:file:./data/lorekeeper "
                                + "or jdbc:postgresql://host:5432/lorekeeper)");
    }

    @Test
    void llmBudgetsCapsAndLinkDomainsAreChecked() {
        LlmConfig ok = parse("""
                llm:
                  daily-tokens-total: 500000
                  max-output-tokens: 300
                  allowed-link-domains: [ docs.example.org, "https://github.com/" ]
                """, Map.of()).config().llm();
        assertThat(ok.dailyTokensTotal()).isEqualTo(500_000L);
        assertThat(ok.maxOutputTokens()).isEqualTo(300);
        assertThat(ok.allowedLinkDomains()).containsExactly("docs.example.org", "https://github.com/");
        assertThat(LlmConfig.defaults().dailyTokensTotal()).isZero();
        ConfigException e = problems("""
                llm:
                  daily-tokens-total: -1
                  max-output-tokens: 0
                  allowed-link-domains: [ "evil example" ]
                  work-threads: 0
                """);
        assertThat(e.problems())
                .extracting(ConfigProblem::toString)
                .containsExactlyInAnyOrder(
                        "llm.daily-tokens-total: must be 0 (unlimited) or more",
                        "llm.max-output-tokens: must be at least 16 (a reply's tokens are capped at this)",
                        "llm.allowed-link-domains[0]: 'evil example' is not a domain name (for example docs.example.org)",
                        "llm.work-threads: must be at least 1");
    }

    @Test
    void webSafetyKeysBindWithDefaults() {
        WebConfig w = parse(
                        """
                web:
                  trusted-proxies: ${PROXIES}
                  admin-token: ${ADMIN_TOKEN}
                """,
                        Map.of("PROXIES", "10.0.0.0/8, 192.0.2.10, fd00::/8", "ADMIN_TOKEN", "s3cret-s3cret-s3cret"))
                .config()
                .web();
        assertThat(w.trustedProxies())
                .extracting(Cidr::toString)
                .containsExactly("10.0.0.0/8", "192.0.2.10", "fd00::/8");
        assertThat(w.adminBind()).isEqualTo("127.0.0.1");
        assertThat(w.adminPort()).isEqualTo(8081);
        assertThat(parse("", Map.of()).config().web().trustedProxies()).isEmpty();
        assertThat(parse("", Map.of()).config().web().adminToken()).isEmpty();
        assertThat(parse("web:\n  admin-token: ${T}\n", Map.of("T", "s3cret-s3cret-s3cret"))
                        .secrets())
                .contains("s3cret-s3cret-s3cret");
    }

    @Test
    void webSafetyKeysAreValidatedWithTheirPaths() {
        ConfigException e = problems("""
                web:
                  bind: localhost
                  port: 8080
                  trusted-proxies: [ "10.0.0.0/33", "proxy.internal", "10.1.2.3/8", "0.0.0.0/0" ]
                  admin-bind: 999.0.0.1
                  admin-port: 8080
                  admin-token: short
                """);
        assertThat(e.problems())
                .extracting(ConfigProblem::toString)
                .containsExactlyInAnyOrder(
                        "web.bind: 'localhost' is not an IP address (e.g. 0.0.0.0 for every interface, 127.0.0.1 for this "
                                + "machine only, or :: for IPv6)",
                        "web.trusted-proxies[0]: '10.0.0.0/33' has an invalid prefix length (0 to 32)",
                        "web.trusted-proxies[1]: 'proxy.internal' is not an IP address or CIDR block (e.g. 10.0.0.0/8, "
                                + "192.0.2.10 or fd00::/8)",
                        "web.trusted-proxies[2]: '10.1.2.3/8' has host bits set; did you mean '10.0.0.0/8'?",
                        "web.trusted-proxies[3]: '0.0.0.0/0' would trust every address, so anyone could choose the client "
                                + "address they claim; list only your proxies' addresses",
                        "web.admin-bind: '999.0.0.1' is not an IP address (e.g. 0.0.0.0 for every interface, 127.0.0.1 for "
                                + "this machine only, or :: for IPv6)",
                        "web.admin-port: 8080 is also web.port; /readyz and /metrics need their own port",
                        "web.admin-token: is too short: use at least 16 random characters (e.g. from openssl rand -hex 32), "
                                + "set from the environment");
        assertThat(problems("web:\n  admin-port: 70000\n").problems())
                .extracting(ConfigProblem::toString)
                .containsExactly("web.admin-port: 70000 is not a TCP port (0 to 65535; 0 picks a free one)");
    }

    @Test
    void gateRulesAreValidatedWithTheirPaths() {
        ConfigException e = problems("""
                chains:
                  ethereum: { chain-id: 1, rpc-urls: [ "https://rpc.example/eth" ] }
                  base: { chain-id: 8453, rpc-urls: [ "https://rpc.example/base" ] }
                gates:
                  - guild-id: "111111111111111111"
                    role-id: "222222222222222222"
                    rule: { type: erc721, chain: ethereum, contract: "0x0000000000000000000000000000000000000001" }
                  - guild-id: "111111111111111111"
                    role-id: "333333333333333333"
                    rule:
                      all:
                        - { type: erc20, chain: polygn, contract: "0x0000000000000000000000000000000000000002",
                            amount: "100" }
                        - not: { type: erc1155, chain: base, contract: "0xnope" }
                """);
        assertThat(e.problems())
                .extracting(ConfigProblem::toString)
                .containsExactlyInAnyOrder(
                        "gates[1].rule.all[0].chain: unknown chain 'polygn' (known: base, ethereum)",
                        "gates[1].rule.all[1].not.contract: '0xnope' is not a 0x address of 40 hex characters",
                        "gates[1].rule.all[1].not.ids: is required: the token id or ids that count");
    }

    @Test
    void unknownTopLevelSectionNamesNearestKey() {
        assertThat(problems("gild-defaults:\n  audit-channel-id: \"\"\n").problems())
                .extracting(ConfigProblem::toString)
                .containsExactly("gild-defaults: unknown key 'gild-defaults' (did you mean 'guild-defaults'?)");
    }

    @Test
    void wrongShapesAreExplained() {
        assertThat(problems("web: 8080\nchains:\n  eth:\n    chain-id: 1\n    rpc-urls: {a: b}\n")
                        .problems())
                .extracting(ConfigProblem::toString)
                .containsExactlyInAnyOrder(
                        "web: expected a section with keys, found '8080'",
                        "chains.eth.rpc-urls: expected a list",
                        "chains.eth.rpc-urls: needs at least one RPC URL");
    }

    @Test
    void invalidYamlSaysWhichLine() {
        assertThatThrownBy(() -> parse("discord:\n  token: [unclosed\nweb:\n  port: 1\n", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("is not valid YAML at line");
    }

    @Test
    void aKeyGivenTwiceIsAnError() {
        assertThatThrownBy(() -> parse("web:\n  port: 1\nweb:\n  port: 2\n", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("line 3")
                .hasMessageContaining("Duplicate field 'web'");
    }

    @Test
    void missingFileIsOneClearMessage() {
        assertThatThrownBy(() -> Configs.loader(Map.of()).load(Path.of("does/not/exist.yaml")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config file does/not/exist.yaml does not exist (copy config/lorekeeper.example.yaml "
                        + "and pass it with --config)");
    }

    @Test
    void durationsEnumsAndSnowflakesAreChecked() {
        ConfigException e = problems("""
                llm:
                  base-url: http://localhost:11434/v1
                  model: llama3
                  timeout: soon
                guild-defaults:
                  audit-channel-id: general
                """);
        assertThat(e.problems())
                .extracting(ConfigProblem::toString)
                .containsExactlyInAnyOrder(
                        "llm.timeout: 'soon' is not a duration (write e.g. 500ms, 12s, 10m, 6h or 1d)",
                        "guild-defaults.audit-channel-id: 'general' is not a Discord id (turn on Developer Mode, "
                                + "right-click, Copy ID)");
    }

    @Test
    void privateNetworksAreRefusedToUntrustedUrlsUnlessAllowed() {
        assertThat(parse("", Map.of()).config().outbound().allowPrivateNetworks())
                .isFalse();
        assertThat(parse("outbound:\n  allow-private-networks: true\n", Map.of())
                        .config()
                        .outbound()
                        .allowPrivateNetworks())
                .isTrue();
        assertThat(Configs.loader(Map.of()).load(EXAMPLE).config().outbound().allowPrivateNetworks())
                .isFalse();
    }

    @Test
    void cachesAreBoundedInBytes() {
        LorekeeperConfig defaults = parse("", Map.of()).config();
        assertThat(defaults.metadata().cacheMaxBytes()).isEqualTo(32L * 1024 * 1024);
        assertThat(defaults.gating().cacheMaxBytes()).isEqualTo(32L * 1024 * 1024);
        LorekeeperConfig set = parse(
                        "metadata:\n  cache-max-bytes: 8388608\ngating:\n  cache-max-bytes: 16777216\n", Map.of())
                .config();
        assertThat(set.metadata().cacheMaxBytes()).isEqualTo(8L * 1024 * 1024);
        assertThat(set.gating().cacheMaxBytes()).isEqualTo(16L * 1024 * 1024);
        assertThat(problems("metadata:\n  cache-max-bytes: 32\n").problems())
                .extracting(ConfigProblem::toString)
                .containsExactly("metadata.cache-max-bytes: 32 is too small: give bytes, at least 1048576 (1 MB); "
                        + "33554432 is 32 MB");
    }

    @Test
    void rpcUrlsAndPasswordsAreSecrets() {
        LoadedConfig loaded = parse("""
                storage:
                  password: hunter22
                chains:
                  eth:
                    chain-id: 1
                    rpc-urls: ${RPCS}
                """, Map.of("RPCS", "https://a.example/key1, https://b.example/key2"));
        assertThat(loaded.config().chains().get("eth").rpcUrls())
                .containsExactly("https://a.example/key1", "https://b.example/key2");
        assertThat(loaded.secrets()).contains("hunter22", "https://a.example/key1", "https://b.example/key2");
    }

    @Test
    void valuesOutOfRangeAreErrorsThatSayWhatFits() {
        ConfigException e = problems("""
                knowledge:
                  top-k: -3
                gating:
                  confirmations: -4
                  log-block-range: 0
                  multicall: "0xca11bd"
                llm:
                  timeout: 0s
                metadata:
                  ipfs-gateways: [ "ftp://gw.example/ipfs/" ]
                  arweave-gateways: [ "arweave.net" ]
                chains:
                  base: { chain-id: 8453, rpc-urls: [ "https://rpc.example/base" ], timeout: 0s }
                """);
        assertThat(e.problems())
                .extracting(ConfigProblem::toString)
                .containsExactlyInAnyOrder(
                        "knowledge.top-k: -3 is out of range: 1 to 50 (passages given to the model)",
                        "gating.confirmations: -4 is out of range: 0 to 1000 (blocks a log must be buried under)",
                        "gating.log-block-range: 0 is out of range: 1 to 1000000 (blocks per eth_getLogs call)",
                        "gating.multicall: '0xca11bd' is not a contract address: it needs 0x and 40 hex digits (20 bytes), "
                                + "it has 6 characters; the canonical one is 0xcA11bde05977b3631167028862bE2a173976CA11",
                        "llm.timeout: 0s is not a duration above zero (for example 30s)",
                        "metadata.ipfs-gateways[0]: 'ftp://gw.example/ipfs/' is not an http(s) gateway URL (for example "
                                + "https://ipfs.io/ipfs/)",
                        "metadata.arweave-gateways[0]: 'arweave.net' is not an http(s) gateway URL (for example "
                                + "https://arweave.net/)",
                        "chains.base.timeout: 0s is not a duration above zero (for example 10s)");
    }

    @Test
    void warningsAreListedApartAndDoNotStopLoading() {
        ConfigReport report = Configs.loader(Map.of()).inspect("""
                discord:
                  shards: { total: 4 }
                web:
                  public-url: http://127.0.0.1:8080
                chains:
                  ethereum: { chain-id: 1, rpc-urls: [ "https://ethereum-rpc.publicnode.com", "https://rpc.ankr.com/eth",
                      "https://rpc.ankr.com/eth/0123456789abcdef", "https://eth-mainnet.g.alchemy.com/v2/key" ] }
                """, null);
        assertThat(report.errors()).isEmpty();
        assertThat(report.warnings())
                .extracting(ConfigProblem::toString)
                .containsExactlyInAnyOrder(
                        "web.public-url: http://127.0.0.1:8080 points at this machine: members' /verify links will not open "
                                + "for them; set it to the https address of your reverse proxy",
                        "chains.ethereum.rpc-urls[0]: ethereum-rpc.publicnode.com is a free public RPC: it is rate-limited "
                                + "and may refuse log queries, so roles follow the chain late; use a provider with an API key "
                                + "or your own node",
                        "chains.ethereum.rpc-urls[1]: rpc.ankr.com is a free public RPC: it is rate-limited and may refuse "
                                + "log queries, so roles follow the chain late; use a provider with an API key or your own node",
                        "discord.shards.ids: is not set, so this process runs all 4 shards; when several processes share the "
                                + "bot, give each its own ids (for example 0-1 and 2-3)");
        assertThat(report.orThrow().config().discord().shards().idList()).containsExactly(0, 1, 2, 3);
    }

    @Test
    void shardIdsDefaultToAllShardsInTheExampleToo() {
        LorekeeperConfig c = Configs.loader(Map.of("LOREKEEPER_SHARDS_TOTAL", "4"))
                .load(EXAMPLE)
                .config();
        assertThat(c.discord().shards().idList()).containsExactly(0, 1, 2, 3);
        LorekeeperConfig two = Configs.loader(Map.of("LOREKEEPER_SHARDS_TOTAL", "4", "LOREKEEPER_SHARD_IDS", "2-3"))
                .load(EXAMPLE)
                .config();
        assertThat(two.discord().shards().idList()).containsExactly(2, 3);
    }

    @Test
    void aShardIdsValueWithNoNumberIsAProblemNotACrash() {
        // Found by the fuzz benchmark: "-" made the range parser index an empty array.
        for (String ids : List.of("-", "1-2-3")) {
            ConfigReport report = Configs.loader(Map.of()).inspect("""
                    discord:
                      shards: { total: 4, ids: "%s" }
                    """.formatted(ids), null);
            assertThat(report.errors())
                    .extracting(ConfigProblem::toString)
                    .contains("discord.shards.ids: '" + ids + "' is not a shard id or range such as 0-3");
        }
    }

    @Test
    void arweaveGatewaysAndThePromptsFolderHaveDefaults() {
        LorekeeperConfig c = parse("", Map.of()).config();
        assertThat(c.metadata().arweaveGateways()).containsExactly("https://arweave.net/");
        assertThat(c.llm().prompts()).isEqualTo("prompts");
        LorekeeperConfig set = parse("""
                metadata:
                  arweave-gateways: [ "https://ar.example/", "https://arweave.net/" ]
                llm:
                  prompts: /etc/lorekeeper/prompts
                """, Map.of()).config();
        assertThat(set.metadata().arweaveGateways()).containsExactly("https://ar.example/", "https://arweave.net/");
        assertThat(set.llm().prompts()).isEqualTo("/etc/lorekeeper/prompts");
    }
}
