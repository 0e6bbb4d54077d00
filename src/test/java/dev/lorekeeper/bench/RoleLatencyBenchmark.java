package dev.lorekeeper.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorekeeper.config.GatingConfig;
import dev.lorekeeper.discorddouble.DiscordDouble;
import dev.lorekeeper.discorddouble.FakeGuild;
import dev.lorekeeper.discorddouble.FakeMember;
import dev.lorekeeper.discorddouble.FakeRole;
import dev.lorekeeper.discorddouble.Perms;
import dev.lorekeeper.discorddouble.RecordedRequest;
import dev.lorekeeper.testing.Anvil;
import dev.lorekeeper.testing.LocalSigner;
import dev.lorekeeper.testing.ManualVerify;
import dev.lorekeeper.testing.TestBot;
import dev.lorekeeper.testing.TestContracts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;

/**
 * From an NFT transfer sent to anvil (mined at once) to the role-removal request reaching the Discord double, over 20 transfers,
 * with the watcher polling every second (as in tests). Goal: p50 under {@link #GOAL_P50_POLL_INTERVALS} poll
 * intervals.
 * Run: {@code mvn -B -Pbench verify -Dbench.only=role-latency}.
 */
@Tag("bench-all")
@Tag("bench-role-latency")
class RoleLatencyBenchmark {
    static final int TRANSFERS = 20;
    static final long POLL_MS = 1000;
    /** The README's goal: the median removal within this many poll intervals. */
    static final long GOAL_P50_POLL_INTERVALS = 2;

    @Test
    void transferToRoleRemoval() throws Exception {
        try (Anvil anvil = Anvil.start()) {
            String minter = anvil.accounts().get(0);
            TestContracts.placeAt(anvil, "Multicall3", GatingConfig.MULTICALL3);
            String nft = TestContracts.deploy(anvil, "TestNftEnumerable", minter, List.of(new Utf8String("x")));
            try (TestBot bot =
                    TestBot.start(ManualVerify.anvilChainYaml(anvil, anvil.url()) + """
                    gating:
                      poll-interval: %dms
                      confirmations: 0
                    """.formatted(POLL_MS))) {
                FakeGuild guild = bot.discord.guild("Latency Club");
                bot.discord.awaitBotReady(guild);
                FakeRole holder = guild.role("Holder");
                FakeMember mod = guild.member("mod", guild.role("Mods", Perms.MANAGE_ROLES));
                mod.slash("gate add", Map.of("role", holder, "type", "erc721", "chain", "anvil", "contract", nft))
                        .reply();
                List<FakeMember> members = new ArrayList<>();
                List<String> wallets = new ArrayList<>();
                for (int i = 0; i < TRANSFERS; i++) {
                    ECKeyPair key = Keys.createEcKeyPair();
                    String wallet = Keys.toChecksumAddress(Keys.getAddress(key));
                    anvil.rpc("anvil_setBalance", wallet, "0xde0b6b3a7640000");
                    anvil.rpc("anvil_impersonateAccount", wallet);
                    TestContracts.send(anvil, minter, nft, "mint", List.of(new Address(wallet), new Uint256(i + 1)));
                    FakeMember m = guild.member("holder" + i);
                    verify(m, wallet, key);
                    members.add(m);
                    wallets.add(wallet);
                }
                for (FakeMember m : members) {
                    DiscordDouble.await(
                            () -> bot.discord.rolesOf(m).contains("Holder"),
                            Duration.ofSeconds(30),
                            "holder role granted");
                }
                String buyer = "0x000000000000000000000000000000000000b0b0";
                long[] latencies = new long[TRANSFERS];
                for (int i = 0; i < TRANSFERS; i++) {
                    FakeMember m = members.get(i);
                    String removal = "/guilds/" + guild.id() + "/members/" + m.id() + "/roles/" + holder.id();
                    // From before the transaction is sent: anvil mines it at once, and the time the send takes
                    // counts against the bot rather than being left out.
                    long sent = System.nanoTime();
                    TestContracts.send(
                            anvil,
                            wallets.get(i),
                            nft,
                            "transferFrom",
                            List.of(new Address(wallets.get(i)), new Address(buyer), new Uint256(i + 1)));
                    RecordedRequest r = awaitRemoval(bot, removal);
                    latencies[i] = r.atNanos() - sent;
                }
                Map<String, Object> figures = new LinkedHashMap<>();
                figures.put("transfers", TRANSFERS);
                figures.put("poll_interval_ms", POLL_MS);
                figures.put("p50_ms", BenchReport.percentileMs(latencies, 50));
                figures.put("p95_ms", BenchReport.percentileMs(latencies, 95));
                figures.put("max_ms", BenchReport.percentileMs(latencies, 100));
                assertThat(members).allMatch(m -> bot.discord.rolesOf(m).isEmpty());
                double p50 = (Double) figures.get("p50_ms");
                BenchReport.finish(
                        "role-latency",
                        "From an NFT transfer sent to anvil to the role-removal request at the Discord double, "
                                + TRANSFERS + " transfers, " + POLL_MS + " ms poll interval",
                        "p50 " + BenchReport.num(p50) + " ms, p95 " + BenchReport.num((Double) figures.get("p95_ms"))
                                + " ms, max " + BenchReport.num((Double) figures.get("max_ms")) + " ms",
                        List.of(BenchReport.Goal.below(
                                "p50 (" + GOAL_P50_POLL_INTERVALS + " poll intervals)",
                                p50,
                                GOAL_P50_POLL_INTERVALS * POLL_MS,
                                " ms")),
                        figures);
            }
        }
    }

    private static RecordedRequest awaitRemoval(TestBot bot, String path) {
        DiscordDouble.await(
                () -> bot.discord.requests("DELETE", path).stream().anyMatch(r -> r.status() == 204),
                Duration.ofSeconds(30),
                "role removal request");
        return bot.discord.requests("DELETE", path).stream()
                .filter(r -> r.status() == 204)
                .findFirst()
                .orElseThrow();
    }

    private static void verify(FakeMember member, String wallet, ECKeyPair key) {
        ManualVerify.link(member, wallet, message -> LocalSigner.personalSign(message, key));
    }
}
