package dev.lorekeeper.web.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorekeeper.config.GatingConfig;
import dev.lorekeeper.discorddouble.DiscordDouble;
import dev.lorekeeper.discorddouble.FakeChannel;
import dev.lorekeeper.discorddouble.FakeGuild;
import dev.lorekeeper.discorddouble.FakeMember;
import dev.lorekeeper.discorddouble.FakeRole;
import dev.lorekeeper.testing.Anvil;
import dev.lorekeeper.testing.DashboardClient;
import dev.lorekeeper.testing.FaultyRpc;
import dev.lorekeeper.testing.ManualVerify;
import dev.lorekeeper.testing.TestBot;
import dev.lorekeeper.testing.TestContracts;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Keys;

/**
 * The overview against the real bot, anvil behind an RPC proxy that can fail, and a sweep every two seconds: the
 * settings by name and set as /settings sets them, the last sweep, and the chain alert the audit channel gets.
 */
class DashboardOverviewTest {
    static Anvil anvil;
    static FaultyRpc rpc;
    static TestBot bot;
    static String nft;

    @BeforeAll
    static void start() {
        anvil = Anvil.start();
        rpc = new FaultyRpc(anvil.url()).hangFor(Duration.ofMillis(500));
        TestContracts.placeAt(anvil, "Multicall3", GatingConfig.MULTICALL3);
        nft = TestContracts.deploy(
                anvil, "TestNftEnumerable", anvil.accounts().get(0), List.of(new Utf8String("https://m/")));
        bot = TestBot.startWithDashboard(ManualVerify.anvilChainYaml(anvil, rpc.url()) + """
                gating:
                  poll-interval: 300ms
                  confirmations: 0
                  cache-ttl: 50ms
                  sweep-interval: 2s
                  failures-before-alert: 1
                """);
    }

    @AfterAll
    static void stop() {
        bot.close();
        rpc.close();
        anvil.close();
    }

    @Test
    void channelsAndTheModeratorRoleAreShownByNameAndSetAsSettingsSets() {
        FakeGuild guild = bot.discord.guild("Named Settings");
        bot.discord.awaitBotReady(guild);
        FakeChannel audit = guild.channel("mod-log");
        FakeChannel help = guild.channel("help-desk");
        FakeRole mods = guild.role("Lore mods");
        DashboardClient browser = new DashboardClient(bot);
        browser.logIn(guild.owner().user());
        String url = "/dashboard/" + guild.id();
        String csrf = DashboardClient.csrf(browser.get(url).body());

        Map<String, String> form = new HashMap<>();
        form.put("csrf", csrf);
        form.put("audit-channel", Long.toString(audit.id()));
        form.put("moderator-role", Long.toString(mods.id()));
        form.put("qa-channel." + help.id(), "on");
        HttpResponse<String> saved = browser.post(url + "/settings/channels", form);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);

        String shown = guild.owner().runs("/settings show").reply().content();
        assertThat(shown).contains("<#" + audit.id() + ">", "<@&" + mods.id() + ">", "<#" + help.id() + ">");
        String overview = browser.get(url).body();
        assertThat(overview)
                .contains("id=\"audit-channel-name\">#mod-log<", "id=\"moderator-role-name\">@Lore mods<")
                .contains("id=\"qa-channels-names\">#help-desk<");

        // A channel of another server is refused, and nothing changes.
        form.put(
                "audit-channel",
                Long.toString(bot.discord.guild("Elsewhere").channel("theirs").id()));
        HttpResponse<String> refused = browser.post(url + "/settings/channels", form);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("audit-channel: pick one of this server's text channels");
        assertThat(guild.owner().runs("/settings show").reply().content()).contains("<#" + audit.id() + ">");

        // Nothing picked: back to not set, and Q&A everywhere.
        HttpResponse<String> cleared = browser.post(url + "/settings/channels", Map.of("csrf", csrf));
        assertThat(cleared.statusCode()).isEqualTo(302);
        assertThat(browser.get(url).body())
                .contains("id=\"audit-channel-name\">not set<", "id=\"qa-channels-names\">all<");
    }

    @Test
    void theOverviewShowsTheLastSweepAndTheChainAlert() {
        FakeGuild guild = bot.discord.guild("Swept Hall");
        bot.discord.awaitBotReady(guild);
        FakeRole holders = guild.role("Hall holders");
        FakeMember alice = guild.member("alice");
        String wallet = Keys.toChecksumAddress(anvil.accounts().get(1));
        TestContracts.send(anvil, anvil.accounts().get(0), nft, "mint", List.of(new Address(wallet), new Uint256(5)));
        assertThat(ManualVerify.link(alice, wallet, m -> anvil.personalSign(m, wallet))
                        .content())
                .contains("is now linked");
        DashboardClient browser = new DashboardClient(bot);
        browser.logIn(guild.owner().user());
        String url = "/dashboard/" + guild.id();
        Map<String, String> gate = new HashMap<>(Map.of(
                "csrf", DashboardClient.csrf(browser.get(url).body()),
                "name", "Hall",
                "role", Long.toString(holders.id()),
                "r.kind", "erc721",
                "r.chain", "anvil",
                "r.contract", nft,
                "r.min", "1",
                "action", "save"));
        assertThat(browser.post(url + "/gates/new", gate).statusCode()).isEqualTo(302);
        DiscordDouble.await(() -> alice.hasRole(holders), Duration.ofSeconds(20), "the gate gives the role");

        DiscordDouble.await(
                () -> lastSweep(browser.get(url).body()).contains("1 member(s) checked"),
                Duration.ofSeconds(20),
                "the overview shows a sweep");
        assertThat(browser.get(url).body()).contains("No alerts since this process started");

        rpc.fail(FaultyRpc.Fault.RPC_ERROR, 1.0);
        try {
            DiscordDouble.await(
                    () -> browser.get(url).body().contains("read the chain right now (RPC errors)"),
                    Duration.ofSeconds(20),
                    "the overview lists the chain alert");
        } finally {
            rpc.heal();
        }
        // Unknown never removes a role.
        assertThat(alice.hasRole(holders)).isTrue();
    }

    @Test
    void aWalletIsTestedWithTheSameBreakdownAsAMember() {
        FakeGuild guild = bot.discord.guild("Wallet Test Hall");
        bot.discord.awaitBotReady(guild);
        FakeRole keepers = guild.role("Keepers");
        String holder = Keys.toChecksumAddress(anvil.accounts().get(4));
        String empty = Keys.toChecksumAddress(anvil.accounts().get(5));
        TestContracts.send(anvil, anvil.accounts().get(0), nft, "mint", List.of(new Address(holder), new Uint256(9)));
        DashboardClient browser = new DashboardClient(bot);
        browser.logIn(guild.owner().user());
        String url = "/dashboard/" + guild.id();
        Map<String, String> gate = new HashMap<>(Map.of(
                "csrf", DashboardClient.csrf(browser.get(url).body()),
                "name", "Keepers of the token",
                "role", Long.toString(keepers.id()),
                "r.kind", "erc721",
                "r.chain", "anvil",
                "r.contract", nft,
                "r.min", "1",
                "action", "save"));
        assertThat(browser.post(url + "/gates/new", gate).statusCode()).isEqualTo(302);

        HttpResponse<String> held = browser.get(url + "/gates/test?member=" + holder);
        assertThat(held.statusCode()).isEqualTo(200);
        assertThat(held.body())
                .contains("Wallet " + holder, "→ Keepers: <span class=\"verdict\">true</span>")
                .contains("<span class=\"verdict true\">true</span>", "holds 1 (needs ≥ 1)");
        HttpResponse<String> none = browser.get(url + "/gates/test?member=" + empty);
        assertThat(none.body()).contains("→ Keepers: <span class=\"verdict\">false</span>", "holds 0 (needs ≥ 1)");
        HttpResponse<String> bad = browser.get(url + "/gates/test?member=0x1234");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("or a wallet address (0x and 40 hex characters)");
    }

    static String lastSweep(String page) {
        int at = page.indexOf("id=\"last-sweep\">");
        return at < 0 ? "" : page.substring(at, page.indexOf("</dd>", at));
    }
}
