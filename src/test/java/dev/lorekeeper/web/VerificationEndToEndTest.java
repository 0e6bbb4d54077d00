package dev.lorekeeper.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorekeeper.discorddouble.DiscordDouble;
import dev.lorekeeper.discorddouble.FakeGuild;
import dev.lorekeeper.discorddouble.FakeInteraction;
import dev.lorekeeper.discorddouble.FakeMember;
import dev.lorekeeper.discorddouble.FakeMessage;
import dev.lorekeeper.testing.Anvil;
import dev.lorekeeper.testing.Browser;
import dev.lorekeeper.testing.Fixture;
import dev.lorekeeper.testing.ManualVerify;
import dev.lorekeeper.testing.TestBot;
import dev.lorekeeper.testing.TestContracts;
import dev.lorekeeper.wallet.WalletLink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.web3j.abi.datatypes.Address;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

/**
 * /verify end to end: the real bot and JDA against the Discord double, a real node (anvil) signing, and headless
 * Chromium on the bot's own verify page; plus the manual path through a modal, and a contract wallet.
 */
class VerificationEndToEndTest {
    @RegisterExtension
    @Order(1)
    static final Fixture<Anvil> anvil = Fixture.of(() -> Anvil.start());

    @RegisterExtension
    @Order(2)
    static final Fixture<TestBot> bot = Fixture.of(() ->
            TestBot.start(ManualVerify.anvilChainYaml(anvil.get(), anvil.get().url())));

    static FakeGuild guild;

    @BeforeAll
    static void start() {
        guild = bot.get().discord.guild("Verify Club");
        bot.get().discord.awaitBotReady(guild);
    }

    static String account(int i) {
        return Keys.toChecksumAddress(anvil.get().accounts().get(i));
    }

    @Test
    void browserFlowLinksTheWalletAndWalletsShowsIt() throws Exception {
        FakeMember alice = guild.member("alice");
        FakeInteraction verify = alice.runs("/verify");
        FakeMessage reply = verify.reply();
        assertThat(reply.ephemeral()).isTrue();
        assertThat(reply.mentionsNothing()).isTrue();
        assertThat(reply.content()).contains("free", "no transaction", "seed phrase", "127.0.0.1");
        String link = reply.button("Open verify page").url();
        assertThat(link).startsWith(bot.get().webUrl() + "/verify/");

        String address = account(0);
        try (Browser browser = Browser.start()) {
            ChromeDriver driver = browser.driver();
            browser.injectOnNewDocument(providerScript(address));
            driver.get(link);
            awaitVisible(driver, By.cssSelector("#wallets button"));
            assertThat(driver.findElement(By.id("who")).getText()).contains("alice", "Verify Club");
            assertThat(driver.findElement(By.id("domain")).getText()).isEqualTo("127.0.0.1:" + bot.get().webPort);
            driver.findElement(By.cssSelector("#wallets button")).click();

            DiscordDouble.await(
                    () -> ((Number) driver.executeScript("return window.__lkWallet.pending.length")).intValue() > 0,
                    Duration.ofSeconds(15),
                    "the page asked the wallet to sign");
            @SuppressWarnings("unchecked")
            List<String> params = (List<String>) driver.executeScript("return window.__lkWallet.pending[0].params");
            String message = new String(Numeric.hexStringToByteArray(params.get(0)), StandardCharsets.UTF_8);
            assertThat(params.get(1)).isEqualToIgnoringCase(address);
            assertThat(message)
                    .startsWith("http://127.0.0.1:" + bot.get().webPort + " wants you to sign in")
                    .contains("alice", "Verify Club", "Chain ID: " + anvil.get().chainId());
            driver.executeScript(
                    "window.__lkWallet.pending.shift().resolve(arguments[0])",
                    anvil.get().personalSign(message, address));

            WebElement result = driver.findElement(By.id("result"));
            DiscordDouble.await(
                    () -> result.isDisplayed() && !result.getText().isEmpty(),
                    Duration.ofSeconds(15),
                    "the page shows the result");
            Path shot = Path.of("target", "screenshots", "verify-success.png");
            Files.createDirectories(shot.getParent());
            Files.write(shot, driver.getScreenshotAs(OutputType.BYTES));
            assertThat(result.getText()).contains("is now linked", WalletLink.shorten(address));
            assertThat(result.getAttribute("class")).contains("ok");
        }
        FakeMessage wallets = alice.runs("/wallets list").reply();
        assertThat(wallets.content()).contains(WalletLink.shorten(address)).doesNotContain(address);
        assertThat(wallets.ephemeral()).isTrue();
    }

    @Test
    void manualPathSignsTheShownMessageAndPastesTheSignature() {
        FakeMember bob = guild.member("bob");
        String address = account(1);
        FakeMessage shown = bob.runs("/verify address:" + address.toLowerCase()).reply();
        String message = between(shown.content(), "```\n", "\n```");
        assertThat(message).contains(address, "bob");
        FakeInteraction open = bob.clicks(shown.button("Paste signature"));
        FakeInteraction submit =
                bob.submitsModal(open, Map.of("signature", anvil.get().personalSign(message, address)));
        assertThat(submit.reply().content()).startsWith("✅").contains("is now linked");
        assertThat(bob.runs("/wallets list").reply().content()).contains(WalletLink.shorten(address));
    }

    @Test
    void manualButtonAsksForTheAddressFirst() {
        FakeMember carol = guild.member("carol");
        String address = account(2);
        FakeMessage first = carol.runs("/verify").reply();
        FakeInteraction openAddress = carol.clicks(first.button("Sign manually"));
        FakeInteraction addressGiven = carol.submitsModal(openAddress, Map.of("address", address));
        FakeMessage shown = addressGiven.reply();
        String message = between(shown.content(), "```\n", "\n```");
        FakeInteraction open = carol.clicks(shown.button("Paste signature"));
        FakeInteraction submit = carol.submitsModal(open, Map.of("signature", "0x1234"));
        assertThat(submit.reply().content()).startsWith("⛔").contains("not valid");
        FakeInteraction retry = carol.clicks(shown.button("Paste signature"));
        assertThat(carol.submitsModal(retry, Map.of("signature", anvil.get().personalSign(message, address)))
                        .reply()
                        .content())
                .contains("is now linked");
    }

    @Test
    void contractWalletVerifiesThroughEip1271() {
        String owner = account(3);
        String wallet = Keys.toChecksumAddress(
                TestContracts.deploy(anvil.get(), "ContractWallet", owner, List.of(new Address(owner))));
        FakeMember dave = guild.member("dave");
        assertThat(linkManually(dave, wallet, owner).content()).contains("is now linked");
        assertThat(dave.runs("/wallets list").reply().content()).contains("contract wallet");
    }

    @Test
    void moderatorsSeeFullAddressesMembersDoNot() {
        FakeMember erin = guild.member("erin");
        String address = account(4);
        assertThat(linkManually(erin, address, address).content()).contains("is now linked");
        FakeMember mod = guild.member("mod", guild.role("Mods", dev.lorekeeper.discorddouble.Perms.MANAGE_GUILD));
        FakeMessage modView = mod.slash("wallets of", Map.of("member", erin)).reply();
        assertThat(modView.ephemeral()).isTrue();
        assertThat(modView.content()).contains(address);
        FakeMessage memberView =
                guild.member("nosy").slash("wallets of", Map.of("member", erin)).reply();
        assertThat(memberView.content()).contains("Only moderators").doesNotContain(address);
    }

    @Test
    void unlinkOffersTheMembersWalletsByAutocomplete() {
        FakeMember fay = guild.member("fay");
        String address = account(5);
        linkManually(fay, address, address);
        List<String> choices =
                fay.autocompletes("wallets unlink", "address", "0x", Map.of()).awaitChoices();
        assertThat(choices).containsExactly(WalletLink.shorten(address));
        assertThat(fay.slash("wallets unlink", Map.of("address", address))
                        .reply()
                        .content())
                .contains("Unlinked", WalletLink.shorten(address));
        assertThat(fay.runs("/wallets list").reply().content()).contains("no linked wallets");
    }

    /** The manual path: /verify address:…, sign the shown text with {@code signer}, paste it; returns the answer. */
    static FakeMessage linkManually(FakeMember member, String address, String signer) {
        return ManualVerify.link(member, address, message -> anvil.get().personalSign(message, signer));
    }

    static String between(String text, String start, String end) {
        int a = text.indexOf(start);
        int b = text.indexOf(end, a + start.length());
        return text.substring(a + start.length(), b);
    }

    static String providerScript(String account) throws IOException {
        try (InputStream in = VerificationEndToEndTest.class.getResourceAsStream("/testwallet/provider.js")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("__ACCOUNT__", account)
                    .replace(
                            "__CHAIN_HEX__", "0x" + Long.toHexString(anvil.get().chainId()));
        }
    }

    static void awaitVisible(ChromeDriver driver, By by) {
        DiscordDouble.await(
                () -> !driver.findElements(by).isEmpty()
                        && driver.findElement(by).isDisplayed(),
                Duration.ofSeconds(15),
                "element " + by + " on the page");
    }
}
