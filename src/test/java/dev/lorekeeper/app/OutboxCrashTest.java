package dev.lorekeeper.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorekeeper.config.GatingConfig;
import dev.lorekeeper.discorddouble.DiscordDouble;
import dev.lorekeeper.discorddouble.FakeGuild;
import dev.lorekeeper.discorddouble.FakeMember;
import dev.lorekeeper.discorddouble.RecordedRequest;
import dev.lorekeeper.gate.RoleOutbox;
import dev.lorekeeper.store.Database;
import dev.lorekeeper.store.Jdbc;
import dev.lorekeeper.testing.Anvil;
import dev.lorekeeper.testing.BotProcess;
import dev.lorekeeper.testing.LocalSigner;
import dev.lorekeeper.testing.ManualVerify;
import dev.lorekeeper.testing.TestContracts;
import dev.lorekeeper.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;

/**
 * {@code kill -9} of a real bot process while it drains role changes that role sync planned from the chain (verified
 * holders minted a gated NFT, later sold it): after a restart every planned add and remove is applied, and Discord
 * saw exactly one request for each. Discord answers role changes slowly here and the kill lands after it applied a
 * change but before the bot heard so: the restarted process must read the member from Discord and not send it again.
 */
class OutboxCrashTest {
    static final int GUILDS = 3;
    static final int HOLDERS_PER_GUILD = 6;
    static final int APPLIED_BEFORE_KILL = 4;
    static final Duration ANSWER_DELAY = Duration.ofMillis(600);
    static final String ROLE_PATH = "/guilds/\\d+/members/\\d+/roles/\\d+";
    static final String SOLD_TO = "0x000000000000000000000000000000000000dEaD";

    @TempDir
    Path dir;

    /** A verified member whose wallet (a key the test holds) gets one token. */
    record Holder(FakeMember member, long roleId, String wallet, int token) {
        String rolePath() {
            return "/guilds/" + member.guild().id() + "/members/" + member.id() + "/roles/" + roleId;
        }
    }

    /** A change whose request reached Discord when the bot was killed, before the bot heard the answer. */
    record Unconfirmed(long id, long guildId, long memberId) {}

    @Test
    void killedMidDrainThenRestartedAppliesEachAddAndEachRemoveExactlyOnce() throws Exception {
        String jdbc = TestDatabases.postgresqlUrl();
        try (Anvil anvil = Anvil.start();
                DiscordDouble discord = DiscordDouble.start();
                Database db = Database.open(jdbc, "postgres", "", 2)) {
            String minter = anvil.accounts().get(0);
            TestContracts.placeAt(anvil, "Multicall3", GatingConfig.MULTICALL3);
            String nft = TestContracts.deploy(anvil, "TestNftEnumerable", minter, List.of(new Utf8String("x")));
            List<FakeGuild> guilds = new ArrayList<>();
            StringBuilder gates = new StringBuilder("gates:\n");
            for (int g = 0; g < GUILDS; g++) {
                FakeGuild guild = discord.guild("Server " + g);
                guilds.add(guild);
                gates.append("""
                          - guild-id: "%d"
                            role-id: "%d"
                            name: Holders
                            rule: { type: erc721, chain: anvil, contract: "%s" }
                        """.formatted(guild.id(), guild.role("Holder").id(), nft));
            }
            int adminPort = BotProcess.freePort();
            Path config = config(discord, jdbc, anvil, adminPort, gates.toString());
            discord.answerSlowly("PUT", ROLE_PATH, ANSWER_DELAY);
            discord.answerSlowly("DELETE", ROLE_PATH, ANSWER_DELAY);
            RoleOutbox outbox = new RoleOutbox(db, Clock.systemUTC());

            List<Holder> holders;
            Unconfirmed addInFlight;
            Process first = launch(config, "first");
            try {
                BotProcess.awaitReady(adminPort, Duration.ofSeconds(90));
                holders = verifiedHolders(anvil, guilds);
                TestContracts.send(
                        anvil,
                        minter,
                        nft,
                        "mintBatch",
                        List.of(
                                new DynamicArray<>(
                                        Address.class,
                                        holders.stream()
                                                .map(h -> new Address(h.wallet()))
                                                .toList()),
                                new Uint256(1)));
                addInFlight = killWhileUnconfirmed(first, db, discord, "PUT");
            } finally {
                first.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            }
            assertThat(outbox.pendingCount())
                    .as("killed mid-drain: the pace holds the rest back")
                    .isGreaterThan(1);
            long addKilledAt = System.nanoTime();

            Unconfirmed removeInFlight;
            long removeKilledAt;
            Process second = launch(config, "second");
            try {
                DiscordDouble.await(
                        () -> outbox.pendingCount() == 0,
                        Duration.ofSeconds(120),
                        "the restarted process drains the adds");
                for (Holder h : holders) {
                    assertThat(discord.rolesOf(h.member()))
                            .as(h.member().toString())
                            .containsExactly("Holder");
                }
                assertExactlyOneRequestEach(discord, "PUT", holders);
                assertReadFromDiscordThenDone(db, discord, addInFlight, addKilledAt);

                for (Holder h : holders) {
                    TestContracts.send(
                            anvil,
                            h.wallet(),
                            nft,
                            "transferFrom",
                            List.of(new Address(h.wallet()), new Address(SOLD_TO), new Uint256(h.token())));
                }
                // The killed process still holds the chain watcher's lease: this one takes it over when it expires.
                removeInFlight = killWhileUnconfirmed(second, db, discord, "DELETE");
                removeKilledAt = System.nanoTime();
            } finally {
                second.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            }

            Process third = launch(config, "third");
            try {
                DiscordDouble.await(
                        () -> outbox.pendingCount() == 0,
                        Duration.ofSeconds(120),
                        "the restarted process drains the removes");
            } finally {
                third.destroy();
                third.waitFor(20, TimeUnit.SECONDS);
            }
            for (Holder h : holders) {
                assertThat(discord.rolesOf(h.member()))
                        .as(h.member().toString())
                        .isEmpty();
            }
            assertExactlyOneRequestEach(discord, "DELETE", holders);
            assertExactlyOneRequestEach(discord, "PUT", holders);
            assertReadFromDiscordThenDone(db, discord, removeInFlight, removeKilledAt);
        }
    }

    /** Members who verified a fresh wallet each through the bot (no token yet, so no role yet). */
    private static List<Holder> verifiedHolders(Anvil anvil, List<FakeGuild> guilds) throws Exception {
        List<Holder> holders = new ArrayList<>();
        for (FakeGuild guild : guilds) {
            for (int i = 0; i < HOLDERS_PER_GUILD; i++) {
                ECKeyPair key = Keys.createEcKeyPair();
                String wallet = Keys.toChecksumAddress(Keys.getAddress(key));
                // The wallet will sell its token later: it needs gas, and the node signs for it.
                anvil.rpc("anvil_setBalance", wallet, "0xde0b6b3a7640000");
                anvil.rpc("anvil_impersonateAccount", wallet);
                FakeMember m = guild.member("holder" + i);
                assertThat(ManualVerify.link(m, wallet, message -> LocalSigner.personalSign(message, key))
                                .content())
                        .contains("is now linked");
                holders.add(new Holder(m, guild.roleNamed("Holder").id(), wallet, holders.size() + 1));
            }
        }
        return holders;
    }

    /**
     * Waits until some changes are applied and Discord has just applied one whose answer is still held back, then
     * kills the bot with SIGKILL (no shutdown hook runs): that change stays sent and not done.
     */
    private static Unconfirmed killWhileUnconfirmed(Process bot, Database db, DiscordDouble discord, String method) {
        Unconfirmed[] seen = {null};
        DiscordDouble.await(
                () -> {
                    seen[0] = discord.requests(method, ROLE_PATH).size() >= APPLIED_BEFORE_KILL
                            ? justApplied(db, discord, method).orElse(null)
                            : null;
                    return seen[0] != null;
                },
                Duration.ofSeconds(120),
                "a " + method + " applied by Discord and not yet answered");
        bot.destroyForcibly();
        try {
            assertThat(bot.waitFor(20, TimeUnit.SECONDS)).as("the bot died").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Unconfirmed u = seen[0];
        Optional<Boolean> unconfirmed = db.withConnection(c -> Jdbc.first(
                c,
                "SELECT sent_at IS NOT NULL " + "AND done_at IS NULL FROM role_outbox WHERE id = ?",
                rs -> rs.getBoolean(1),
                u.id()));
        assertThat(unconfirmed).as("the change was sent and never confirmed").contains(true);
        return u;
    }

    /** A sent, unfinished change that Discord applied less than half the answer delay ago (so the kill is in time). */
    private static Optional<Unconfirmed> justApplied(Database db, DiscordDouble discord, String method) {
        long recent = System.nanoTime() - ANSWER_DELAY.toNanos() / 2;
        List<RecordedRequest> fresh = discord.requests(method, ROLE_PATH).stream()
                .filter(r -> r.atNanos() > recent)
                .toList();
        if (fresh.isEmpty()) {
            return Optional.empty();
        }
        List<Unconfirmed> sent = db.withConnection(c -> Jdbc.list(
                c,
                "SELECT id, guild_id, member_id FROM role_outbox " + "WHERE sent_at IS NOT NULL AND done_at IS NULL",
                rs -> new Unconfirmed(rs.getLong(1), rs.getLong(2), rs.getLong(3))));
        return sent.stream()
                .filter(u -> fresh.stream()
                        .anyMatch(
                                r -> r.path().startsWith("/guilds/" + u.guildId() + "/members/" + u.memberId() + "/")))
                .findFirst();
    }

    private static void assertExactlyOneRequestEach(DiscordDouble discord, String method, List<Holder> holders) {
        Map<String, Long> perChange = discord.requests(method, ROLE_PATH).stream()
                .collect(Collectors.groupingBy(RecordedRequest::path, Collectors.counting()));
        assertThat(perChange)
                .as("one " + method + " per planned change, none twice")
                .isEqualTo(holders.stream().collect(Collectors.toMap(Holder::rolePath, h -> 1L)));
        assertThat(discord.requests(method, ROLE_PATH))
                .extracting(RecordedRequest::status)
                .containsOnly(204);
    }

    /** After the restart, the unconfirmed change was checked by reading the member from Discord, and found done. */
    private static void assertReadFromDiscordThenDone(
            Database db, DiscordDouble discord, Unconfirmed u, long killedAt) {
        assertThat(discord.requests("GET", "/guilds/" + u.guildId() + "/members/" + u.memberId()))
                .as("the member's roles were read from Discord after the restart")
                .anyMatch(r -> r.atNanos() > killedAt);
        Optional<String> outcome = db.withConnection(
                c -> Jdbc.first(c, "SELECT outcome FROM role_outbox " + "WHERE id = ?", rs -> rs.getString(1), u.id()));
        assertThat(outcome).contains("already in place");
    }

    private Path config(DiscordDouble discord, String jdbc, Anvil anvil, int adminPort, String gates) throws Exception {
        Path config = dir.resolve("lorekeeper.yaml");
        Files.writeString(
                config,
                BotProcess.config(
                                discord,
                                "jdbc-url: \"" + jdbc + "\"\nusername: postgres",
                                BotProcess.freePort(),
                                adminPort,
                                dir.resolve("no-docs"),
                                dir.resolve("index"))
                        + ManualVerify.anvilChainYaml(anvil, anvil.url()) + """
                gating:
                  poll-interval: 300ms
                  confirmations: 0
                  cache-ttl: 1s
                  role-changes-per-ten-seconds: 5
                """ + gates);
        return config;
    }

    private Process launch(Path config, String name) throws Exception {
        return BotProcess.launch(
                config,
                dir,
                ProcessBuilder.Redirect.to(dir.resolve(name + ".log").toFile()));
    }
}
