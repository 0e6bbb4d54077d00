package dev.lorekeeper.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorekeeper.config.GatingConfig;
import dev.lorekeeper.discorddouble.DiscordDouble;
import dev.lorekeeper.discorddouble.FakeChannel;
import dev.lorekeeper.discorddouble.FakeGuild;
import dev.lorekeeper.discorddouble.FakeMember;
import dev.lorekeeper.discorddouble.FakeMessage;
import dev.lorekeeper.discorddouble.FakeRole;
import dev.lorekeeper.discorddouble.Perms;
import dev.lorekeeper.store.Database;
import dev.lorekeeper.testing.Anvil;
import dev.lorekeeper.testing.Fixture;
import dev.lorekeeper.testing.LocalSigner;
import dev.lorekeeper.testing.ManualVerify;
import dev.lorekeeper.testing.RpcProxy;
import dev.lorekeeper.testing.TestBot;
import dev.lorekeeper.testing.TestContracts;
import dev.lorekeeper.wallet.WalletLink;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;

/**
 * Roles follow the chain, end to end: /gate add, a member verifies, a mint on anvil gives the role, a transfer takes
 * it; an RPC outage never strips a role; Discord's 429s and a restart lose nothing and apply nothing twice.
 */
class GatingEndToEndTest {
    @RegisterExtension
    @Order(1)
    static final Fixture<Anvil> anvil = Fixture.of(() -> Anvil.start());

    @RegisterExtension
    @Order(2)
    static final Fixture<RpcProxy> rpc =
            Fixture.of(() -> new RpcProxy(anvil.get().url()));

    @RegisterExtension
    @Order(3)
    static final Fixture<TestBot> bot = Fixture.of(GatingEndToEndTest::startBot);

    static String nft;
    static String minter;
    static final AtomicInteger nextToken = new AtomicInteger(1);
    static final AtomicInteger nextAccount = new AtomicInteger(1);

    private static TestBot startBot() throws Exception {
        minter = anvil.get().accounts().get(0);
        TestContracts.placeAt(anvil.get(), "Multicall3", GatingConfig.MULTICALL3);
        TestContracts.placeAt(anvil.get(), "TestDelegateRegistry", GatingConfig.DELEGATE_REGISTRY_V2);
        nft = TestContracts.deploy(anvil.get(), "TestNftEnumerable", minter, List.of(new Utf8String("https://m/")));
        return TestBot.start(ManualVerify.anvilChainYaml(anvil.get(), rpc.get().url()) + """
                gating:
                  poll-interval: 300ms
                  confirmations: 0
                  failures-before-alert: 1
                  cache-ttl: 1s
                """);
    }

    record Server(FakeGuild guild, FakeRole holder, FakeChannel audit, FakeMember mod) {}

    /** A server with a Holder gate on the test NFT and an audit channel. */
    static Server server(String name) {
        FakeGuild guild = bot.get().discord.guild(name);
        bot.get().discord.awaitBotReady(guild);
        FakeRole holder = guild.role("Holder");
        FakeChannel audit = guild.channel("audit");
        FakeMember mod = guild.member("mod", guild.role("Mods", Perms.MANAGE_ROLES | Perms.MANAGE_GUILD));
        mod.slash("settings audit-channel", Map.of("channel", audit)).reply();
        FakeMessage added = mod.slash(
                        "gate add",
                        Map.of(
                                "role",
                                holder,
                                "type",
                                "erc721",
                                "chain",
                                "anvil",
                                "contract",
                                nft,
                                "name",
                                "Test NFT holders"))
                .reply();
        assertThat(added.content()).contains("Added gate #");
        return new Server(guild, holder, audit, mod);
    }

    static String account() {
        return Keys.toChecksumAddress(anvil.get().accounts().get(nextAccount.getAndIncrement()));
    }

    static FakeMessage verify(FakeMember member, String address) {
        return ManualVerify.link(member, address, message -> anvil.get().personalSign(message, address));
    }

    static String metrics() {
        try {
            return java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(
                                            java.net.URI.create(bot.get().adminUrl() + "/metrics"))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static int mint(String to) {
        int id = nextToken.getAndIncrement();
        TestContracts.send(anvil.get(), minter, nft, "mint", List.of(new Address(to), new Uint256(id)));
        return id;
    }

    static void awaitRoles(FakeMember m, List<String> roles) {
        DiscordDouble.await(
                () -> bot.get().discord.rolesOf(m).equals(roles),
                Duration.ofSeconds(15),
                m + " has roles " + roles + " (has " + bot.get().discord.rolesOf(m) + ")");
    }

    @Test
    void mintGivesTheRoleAndATransferTakesIt() {
        Server s = server("Mint Club");
        FakeMember alice = s.guild().member("alice");
        String wallet = account();
        assertThat(verify(alice, wallet).content()).contains("is now linked", "No token-gated roles");

        int token = mint(wallet);
        awaitRoles(alice, List.of("Holder"));
        bot.get().discord.awaitMessageIn(s.audit(), "received");
        FakeMessage line = bot.get().discord.messagesIn(s.audit()).stream()
                .filter(m -> m.content().contains("received"))
                .findFirst()
                .orElseThrow();
        assertThat(line.content())
                .contains("<@" + alice.id() + ">", "Test NFT holders", WalletLink.shorten(wallet))
                .doesNotContain(wallet);
        assertThat(line.mentionsNothing()).isTrue();

        String metrics = metrics();
        assertThat(metrics)
                .contains(
                        "lorekeeper_rpc_requests_total{chain=\"anvil\",outcome=\"ok\"}",
                        "lorekeeper_verify_attempts_total{outcome=\"linked\"}");

        String buyer = anvil.get().accounts().get(9);
        TestContracts.send(
                anvil.get(),
                wallet,
                nft,
                "transferFrom",
                List.of(new Address(wallet), new Address(buyer), new Uint256(token)));
        awaitRoles(alice, List.of());
        bot.get().discord.awaitMessageIn(s.audit(), "lost");
    }

    @Test
    void verifyingWhileHoldingGrantsTheRoleAndSaysSo() {
        Server s = server("Holders Club");
        FakeMember bob = s.guild().member("bob");
        String wallet = account();
        mint(wallet);
        assertThat(verify(bob, wallet).content()).contains("Roles granted: Holder");
        awaitRoles(bob, List.of("Holder"));
        FakeMessage test = s.mod().slash("gate test", Map.of("member", bob)).reply();
        assertThat(test.content()).contains("✅", "holds 1 (needs ≥ 1)");
        FakeMessage list = s.mod().runs("/gate list").reply();
        assertThat(list.content()).contains("Test NFT holders", "ERC-721");
    }

    @Test
    void aNewGateIsAuditedAsOneSummaryWhileVerifiedMembersGetOneLineEach() throws Exception {
        Server s = server("Summary Club");
        // Kim verifies holding nothing yet; only the chain watcher can give her the role, from a mint made after the
        // others'. The watcher reads blocks in order, so once she has it, it has acted on every mint here and will not
        // promote the new gate's changes to interactive ones afterwards.
        ECKeyPair kimKey = Keys.createEcKeyPair();
        String kimWallet = Keys.toChecksumAddress(Keys.getAddress(kimKey));
        FakeMember kim = s.guild().member("kim");
        ManualVerify.link(kim, kimWallet, msg -> LocalSigner.personalSign(msg, kimKey));
        List<FakeMember> holders = List.of(s.guild().member("ivy"), s.guild().member("jon"), kim);
        for (FakeMember m : holders.subList(0, 2)) {
            // Fresh keys: anvil's ten accounts are spoken for by the other tests.
            ECKeyPair key = Keys.createEcKeyPair();
            String wallet = Keys.toChecksumAddress(Keys.getAddress(key));
            mint(wallet);
            assertThat(ManualVerify.link(m, wallet, msg -> LocalSigner.personalSign(msg, key))
                            .content())
                    .contains("Roles granted: Holder");
            awaitRoles(m, List.of("Holder"));
        }
        mint(kimWallet);
        awaitRoles(kim, List.of("Holder"));
        DiscordDouble.await(
                () -> auditLines(s, "received <@&" + s.holder().id() + ">") == holders.size(),
                Duration.ofSeconds(10),
                "one audit line per verified member's change");

        FakeRole elite = s.guild().role("Elite");
        // The owner adds it: the new role sits above the moderator's own.
        FakeMessage added = s.guild()
                .owner()
                .slash("gate add", Map.of("role", elite, "type", "erc721", "chain", "anvil", "contract", nft))
                .awaitText("Checked 3 verified members");
        assertThat(added.content()).contains("3 roles to add, under a minute at Discord's pace.");
        for (FakeMember m : holders) {
            awaitRoles(m, List.of("Elite", "Holder"));
        }
        bot.get().discord.awaitMessageIn(s.audit(), "New gate of <@&" + elite.id() + ">: 3 to add, 0 to remove");
        // The outbox drains every 250 ms: a per-change line for Elite would have been posted by now.
        try {
            DiscordDouble.holdsFor(
                    () -> auditLines(s, "<@&" + elite.id() + ">") == 1,
                    Duration.ofSeconds(2),
                    "one summary for the new gate's changes and no line per change");
        } catch (IllegalStateException e) {
            throw new AssertionError(
                    e.getMessage() + "; the audit channel: "
                            + bot.get().discord.messagesIn(s.audit()).stream()
                                    .map(FakeMessage::content)
                                    .toList(),
                    e);
        }
    }

    static long auditLines(Server s, String containing) {
        return bot.get().discord.messagesIn(s.audit()).stream()
                .filter(m -> m.content().contains(containing))
                .count();
    }

    @Test
    void anRpcOutageNeverStripsARoleAndModeratorsHearOnce() {
        Server s = server("Outage Club");
        FakeMember carol = s.guild().member("carol");
        String wallet = account();
        mint(wallet);
        verify(carol, wallet);
        awaitRoles(carol, List.of("Holder"));
        rpc.get().down(true);
        try {
            // Cached reads stay valid for the cache TTL (1 s here); after that every read fails.
            String[] last = {""};
            DiscordDouble.await(
                    () -> {
                        last[0] = s.mod()
                                .runs("/gate resync")
                                .awaitText("Resync done")
                                .content();
                        return last[0].contains("kept as they are");
                    },
                    Duration.ofSeconds(15),
                    "a resync that could not read the chain");
            assertThat(last[0]).contains("0 to remove");
            bot.get().discord.awaitMessageIn(s.audit(), "can't read the chain");
            // The watcher keeps failing every 300 ms: ten more failed polls must not alert again.
            DiscordDouble.holdsFor(
                    () -> bot.get().discord.messagesIn(s.audit()).stream()
                                    .filter(m -> m.content().contains("can't read the chain"))
                                    .count()
                            == 1,
                    Duration.ofSeconds(3),
                    "one alert for the whole outage");
            assertThat(bot.get().discord.rolesOf(carol)).containsExactly("Holder");
        } finally {
            rpc.get().down(false);
        }
        s.mod().runs("/gate resync").awaitText("Resync done");
        bot.get().discord.awaitMessageIn(s.audit(), "work again");
        assertThat(bot.get().discord.rolesOf(carol)).containsExactly("Holder");
    }

    @Test
    void rateLimitedRoleChangesAreRetriedAndAppliedOnce() {
        Server s = server("Busy Club");
        FakeMember dave = s.guild().member("dave");
        String wallet = account();
        mint(wallet);
        bot.get().discord.rateLimit("PUT", "/guilds/" + s.guild().id() + "/members/.*/roles/.*", 2, 1);
        verify(dave, wallet);
        awaitRoles(dave, List.of("Holder"));
        String path = "/guilds/" + s.guild().id() + "/members/" + dave.id() + "/roles/.*";
        DiscordDouble.await(
                () -> bot.get().discord.requests("PUT", path).stream().anyMatch(r -> r.status() == 204),
                Duration.ofSeconds(5),
                "the applied change is recorded");
        // The outbox drains every 250 ms: eight passes must not send the applied change again.
        DiscordDouble.holdsFor(
                () -> bot.get().discord.requests("PUT", path).size() == 3,
                Duration.ofSeconds(2),
                "no PUT after the applied one");
        assertThat(bot.get().discord.requests("PUT", path)).extracting("status").containsExactly(429, 429, 204);
        assertThat(bot.get().discord.roleChanges().stream().filter(c -> c.userId() == dave.id()))
                .hasSize(1);
    }

    @Test
    void pendingChangesSurviveARestartAndApplyOnce() {
        Server s = server("Restart Club");
        FakeMember erin = s.guild().member("erin");
        bot.get().stopApp();
        try (Database db = Database.open(bot.get().jdbcUrl, "", "", 2)) {
            db.inTransaction(c -> RoleOutbox.enqueue(
                    c,
                    s.guild().id(),
                    erin.id(),
                    s.holder().id(),
                    true,
                    "queued before restart",
                    SyncKind.INTERACTIVE,
                    java.time.Clock.systemUTC().instant()));
        }
        bot.get().startApp();
        awaitRoles(erin, List.of("Holder"));
        try (Database db = Database.open(bot.get().jdbcUrl, "", "", 2)) {
            RoleOutbox outbox = new RoleOutbox(db, java.time.Clock.systemUTC());
            DiscordDouble.await(() -> outbox.pendingCount() == 0, Duration.ofSeconds(10), "outbox drained");
        }
        DiscordDouble.holdsFor(
                () -> bot.get().discord.roleChanges().stream()
                                .filter(c -> c.userId() == erin.id())
                                .count()
                        == 1,
                Duration.ofSeconds(2),
                "the queued change applied once, and not again");
    }

    @Test
    void rejoiningAndUnlinkingReEvaluate() {
        Server s = server("Door Club");
        FakeMember hana = s.guild().member("hana");
        String wallet = account();
        mint(wallet);
        verify(hana, wallet);
        awaitRoles(hana, List.of("Holder"));
        hana.leaves();
        FakeMember back = s.guild().join(hana);
        awaitRoles(back, List.of("Holder"));
        assertThat(back.slash("wallets unlink", Map.of("address", wallet))
                        .reply()
                        .content())
                .contains("Unlinked");
        awaitRoles(back, List.of());
    }

    @Test
    void sweepDryRunPrintsWhoGainsWhatAndWhy(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        Server s = server("Dry Run Club");
        FakeMember fred = s.guild().member("fred");
        String wallet = account();
        verify(fred, wallet);
        bot.get().stopApp();
        try {
            mint(wallet);
            java.nio.file.Path config = dir.resolve("lorekeeper.yaml");
            java.nio.file.Files.writeString(config, bot.get().yaml());
            java.io.StringWriter out = new java.io.StringWriter();
            int exit = dev.lorekeeper.app.Main.execute(
                    new java.io.PrintWriter(out, true),
                    new java.io.PrintWriter(new java.io.StringWriter(), true),
                    "sweep",
                    "--guild",
                    Long.toString(s.guild().id()),
                    "--dry-run",
                    "--config",
                    config.toString());
            assertThat(exit).isZero();
            assertThat(out.toString())
                    .contains(
                            "+ gains role " + s.holder().id() + "  member " + fred.id(),
                            "Test NFT holders — wallet " + WalletLink.shorten(wallet));
            assertThat(bot.get().discord.rolesOf(fred)).isEmpty();
        } finally {
            bot.get().startApp();
        }
    }

    @Test
    void delegatedColdWalletsCountWhenTheServerEnablesIt() {
        Server s = server("Vault Club");
        FakeMember gina = s.guild().member("gina");
        String hot = account();
        String cold = account();
        verify(gina, hot);
        mint(cold);
        TestContracts.send(
                anvil.get(),
                cold,
                GatingConfig.DELEGATE_REGISTRY_V2,
                "delegateAll",
                List.of(
                        new Address(hot),
                        new org.web3j.abi.datatypes.generated.Bytes32(new byte[32]),
                        new org.web3j.abi.datatypes.Bool(true)));
        assertThat(s.mod()
                        .runs("/gate resync member:@gina")
                        .awaitText("Resync done")
                        .content())
                .contains("0 roles to add");
        assertThat(s.mod().runs("/settings delegation state:on").reply().content())
                .contains("Delegated cold wallets (delegate.xyz) count: on");
        assertThat(s.mod()
                        .runs("/gate resync member:@gina")
                        .awaitText("Resync done")
                        .content())
                .contains("1 role to add");
        awaitRoles(gina, List.of("Holder"));
    }

    @Test
    void aRoleAboveTheBotGetsModeratorsAClearMessage() {
        FakeGuild guild = bot.get().discord.guild("Hierarchy Club");
        bot.get().discord.awaitBotReady(guild);
        FakeRole vip = guild.roleAboveBot("VIP");
        FakeMember mod = guild.member("mod", guild.role("Mods", Perms.MANAGE_ROLES));
        FakeMessage added = mod.slash(
                        "gate add", Map.of("role", vip, "type", "erc721", "chain", "anvil", "contract", nft))
                .reply();
        assertThat(added.content()).contains("sits above my highest role", "drag the Lorekeeper role above it");
    }

    @Test
    void badGateInputIsExplained() {
        FakeGuild guild = bot.get().discord.guild("Typo Club");
        bot.get().discord.awaitBotReady(guild);
        FakeMember mod = guild.member("mod", guild.role("Mods", Perms.MANAGE_ROLES));
        FakeMessage r = mod.slash(
                        "gate add",
                        Map.of("role", guild.role("X"), "type", "erc20", "chain", "anvl", "contract", "0x123"))
                .reply();
        assertThat(r.content())
                .contains(
                        "Not added",
                        "rule.chain: unknown chain 'anvl' (known: anvil; did you mean " + "'anvil'?)",
                        "rule.contract: '0x123' is not a 0x address",
                        "rule.amount: is required");
    }
}
