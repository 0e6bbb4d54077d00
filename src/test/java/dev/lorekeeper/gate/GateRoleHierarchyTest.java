package dev.lorekeeper.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorekeeper.config.GatingConfig;
import dev.lorekeeper.discorddouble.DiscordDouble;
import dev.lorekeeper.discorddouble.FakeGuild;
import dev.lorekeeper.discorddouble.FakeMember;
import dev.lorekeeper.discorddouble.FakeRole;
import dev.lorekeeper.discorddouble.Perms;
import dev.lorekeeper.testing.Anvil;
import dev.lorekeeper.testing.Fixture;
import dev.lorekeeper.testing.ManualVerify;
import dev.lorekeeper.testing.TestBot;
import dev.lorekeeper.testing.TestContracts;
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
import org.web3j.crypto.Keys;

/**
 * Gating a role is granting it. A moderator from any server may gate only roles below their own, never one with
 * power over the server, and a role that gains such power after its gate was added is never touched again.
 */
class GateRoleHierarchyTest {
    @RegisterExtension
    @Order(1)
    static final Fixture<Anvil> anvil = Fixture.of(() -> Anvil.start());

    @RegisterExtension
    @Order(2)
    static final Fixture<TestBot> bot = Fixture.of(GateRoleHierarchyTest::startBot);

    static String nft;
    static final AtomicInteger nextToken = new AtomicInteger(1);
    static final AtomicInteger nextAccount = new AtomicInteger(1);

    private static TestBot startBot() throws Exception {
        TestContracts.placeAt(anvil.get(), "Multicall3", GatingConfig.MULTICALL3);
        nft = TestContracts.deploy(
                anvil.get(), "TestNftEnumerable", anvil.get().accounts().get(0), List.of(new Utf8String("https://m/")));
        return TestBot.start(
                ManualVerify.anvilChainYaml(anvil.get(), anvil.get().url()) + """
                gating:
                  poll-interval: 300ms
                  confirmations: 0
                  cache-ttl: 100ms
                """);
    }

    static FakeGuild guild(String name) {
        FakeGuild g = bot.get().discord.guild(name);
        bot.get().discord.awaitBotReady(g);
        return g;
    }

    static String gateAdd(FakeMember mod, FakeRole role) {
        return mod.slash(
                        "gate add",
                        Map.of("role", role, "type", "erc721", "chain", "anvil", "contract", nft, "name", "holders"))
                .reply()
                .content();
    }

    static String holder() {
        String wallet = Keys.toChecksumAddress(anvil.get().accounts().get(nextAccount.getAndIncrement()));
        TestContracts.send(
                anvil.get(),
                anvil.get().accounts().get(0),
                nft,
                "mint",
                List.of(new Address(wallet), new Uint256(nextToken.getAndIncrement())));
        return wallet;
    }

    @Test
    void gatingARoleAboveYourOwnIsRefused() {
        FakeGuild g = guild("Ladder Club");
        FakeMember mod = g.member("mod", g.role("Mods", Perms.MANAGE_ROLES));
        FakeRole vip = g.role("VIP");
        String reply = gateAdd(mod, vip);
        assertThat(reply).contains("Not added", "VIP sits at or above your highest role");
        assertThat(mod.runs("/gate list").reply().content()).contains("No gates yet");
    }

    @Test
    void gatingARoleWithAdministratorIsRefusedNamingThePermission() {
        FakeGuild g = guild("Crown Club");
        FakeRole admins = g.role("Admins", Perms.ADMINISTRATOR);
        FakeRole banners = g.role("Banners", 1L << 2);
        FakeMember owner = g.owner();
        assertThat(gateAdd(owner, admins)).contains("Not added", "Admins has the Administrator permission");
        assertThat(gateAdd(owner, banners)).contains("Not added", "Banners has the Ban Members permission");
    }

    @Test
    void removingAGateOnARoleAboveYouIsRefused() {
        FakeGuild g = guild("Removal Club");
        FakeRole junior = g.role("Junior Mods", Perms.MANAGE_ROLES);
        FakeRole elders = g.role("Elders");
        assertThat(gateAdd(g.owner(), elders)).contains("Added gate #");
        FakeMember mod = g.member("junior", junior);
        String id = g.owner().runs("/gate list").reply().content().replaceAll("(?s).*#(\\d+) holders.*", "$1");
        assertThat(mod.slash("gate remove", Map.of("id", Long.parseLong(id)))
                        .reply()
                        .content())
                .contains("Not removed", "Elders, which sits at or above your highest role");
        assertThat(g.owner().runs("/gate list").reply().content()).contains("#" + id + " holders");
    }

    @Test
    void aRoleGivenAdministratorAfterItsGateWasAddedIsNeverTouched() {
        FakeGuild g = guild("Promotion Club");
        FakeRole holders = g.role("Holders");
        FakeMember mod = g.member("mod", g.role("Mods", Perms.MANAGE_ROLES));
        assertThat(gateAdd(mod, holders)).contains("Added gate #");
        FakeMember alice = g.member("alice");
        String aliceWallet = holder();
        ManualVerify.link(alice, aliceWallet, m -> anvil.get().personalSign(m, aliceWallet));
        DiscordDouble.await(
                () -> bot.get().discord.rolesOf(alice).contains("Holders"),
                Duration.ofSeconds(15),
                "alice gets Holders");

        g.updatePermissions(holders, Perms.ADMINISTRATOR);
        FakeMember bob = g.member("bob");
        String bobWallet = holder();
        ManualVerify.link(bob, bobWallet, m -> anvil.get().personalSign(m, bobWallet));
        String resync = mod.runs("/gate resync").awaitText("Resync done").content();
        assertThat(resync).contains("0 roles to add", "0 to remove");
        // The absence of a change, over a window longer than the outbox needs to drain (it runs every 250 ms).
        DiscordDouble.holdsFor(
                () -> bot.get().discord.roleChanges().stream().noneMatch(c -> c.userId() == bob.id()),
                Duration.ofSeconds(3),
                "no role change for bob");
        assertThat(bot.get().discord.rolesOf(bob)).doesNotContain("Holders");
    }

    @Test
    void theModeratorRoleCannotChangeSettings() {
        FakeGuild g = guild("Settings Club");
        FakeRole helpers = g.role("Helpers");
        g.owner().slash("settings moderator-role", Map.of("role", helpers)).reply();
        g.allowCommandFor("settings", helpers);
        FakeMember helper = g.member("helper", helpers);
        String reply = helper.slash("settings moderator-role", Map.of("role", g.role("Everyone Else")))
                .reply()
                .content();
        assertThat(reply).contains("Only members with Manage Server can change settings");
        assertThat(g.owner().runs("/settings show").reply().content()).contains("Moderator role: " + helpers.mention());
    }
}
