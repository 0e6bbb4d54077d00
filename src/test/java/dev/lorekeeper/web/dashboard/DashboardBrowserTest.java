package dev.lorekeeper.web.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorekeeper.config.GatingConfig;
import dev.lorekeeper.discorddouble.DiscordDouble;
import dev.lorekeeper.discorddouble.FakeGuild;
import dev.lorekeeper.discorddouble.FakeMember;
import dev.lorekeeper.discorddouble.FakeRole;
import dev.lorekeeper.testing.Anvil;
import dev.lorekeeper.testing.BotProcess;
import dev.lorekeeper.testing.Browser;
import dev.lorekeeper.testing.Fixture;
import dev.lorekeeper.testing.ManualVerify;
import dev.lorekeeper.testing.TestContracts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Keys;

/**
 * The moderator's whole flow in headless Chromium against a bot process (its own JVM, as shipped), the double's OAuth2 and anvil: log in, pick
 * the server, build a nested rule without JavaScript, save it and see the role given in Discord, tighten the rule and
 * see it taken, and read both changes in the audit log. Every page is photographed at desktop and phone width.
 */
class DashboardBrowserTest {
    static final Path SHOTS = Path.of("target", "screenshots");

    @TempDir
    static Path dir;

    @RegisterExtension
    @Order(1)
    static final Fixture<Anvil> anvil = Fixture.of(() -> Anvil.start());

    @RegisterExtension
    @Order(2)
    static final Fixture<DiscordDouble> discord = Fixture.of(() -> DiscordDouble.start());

    @RegisterExtension
    @Order(3)
    static final Fixture<RunningBot> bot = Fixture.of(DashboardBrowserTest::startBot);

    static String nft;

    /** A bot process and the address of its web pages. */
    record RunningBot(Process process, String webUrl) implements AutoCloseable {
        @Override
        public void close() {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The bot as shipped: its own JVM with the README's heap, started with {@code lorekeeper run}. */
    static RunningBot startBot() throws Exception {
        TestContracts.placeAt(anvil.get(), "Multicall3", GatingConfig.MULTICALL3);
        nft = TestContracts.deploy(
                anvil.get(), "TestNftEnumerable", anvil.get().accounts().get(0), List.of(new Utf8String("https://m/")));
        int webPort = BotProcess.freePort();
        int adminPort = BotProcess.freePort();
        Path config = dir.resolve("lorekeeper.yaml");
        Files.writeString(
                config,
                BotProcess.webConfig(
                                discord.get(),
                                "jdbc-url: \"jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + "\"",
                                webPort,
                                adminPort,
                                """
                                oauth:
                                  client-id: "%s"
                                  client-secret: "%s"
                                  base-url: %s
                                """.formatted(
                                                discord.get().oauthClientId(),
                                                discord.get().oauthClientSecret(),
                                                discord.get().oauthBaseUrl()))
                        + ManualVerify.anvilChainYaml(anvil.get(), anvil.get().url())
                        + """
                        gating:
                          poll-interval: 300ms
                          confirmations: 0
                          cache-ttl: 1s
                        """);
        Process process = BotProcess.launch(
                config,
                dir,
                ProcessBuilder.Redirect.to(dir.resolve("bot.log").toFile()),
                BotProcess.README_JVM_OPTIONS);
        RunningBot running = new RunningBot(process, "http://127.0.0.1:" + webPort);
        try {
            BotProcess.awaitReady(adminPort, Duration.ofSeconds(90));
        } catch (RuntimeException e) {
            running.close();
            throw new IllegalStateException(
                    "the bot process did not get ready; its log: " + Files.readString(dir.resolve("bot.log")), e);
        }
        return running;
    }

    @Test
    void aModeratorBuildsANestedRuleSeesTheRoleGivenThenTakenAndReadsItInTheAuditLog() throws IOException {
        FakeGuild guild = discord.get().guild("Emberwake Guild");
        discord.get().awaitBotReady(guild);
        FakeRole wardens = guild.role("Wardens");
        FakeMember alice = guild.member("alice");
        String wallet = Keys.toChecksumAddress(anvil.get().accounts().get(1));
        TestContracts.send(
                anvil.get(), anvil.get().accounts().get(0), nft, "mint", List.of(new Address(wallet), new Uint256(1)));
        assertThat(ManualVerify.link(alice, wallet, m -> anvil.get().personalSign(m, wallet))
                        .content())
                .contains("is now linked");
        discord.get().signInAs(guild.owner().user());

        try (Browser browser = Browser.start()) {
            ChromeDriver driver = browser.driver();
            driver.manage().window().setSize(new Dimension(1280, 900));
            // A click that submits a form returns before the next page is there: look for what it brings.
            driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(10));
            driver.get(bot.get().webUrl() + "/dashboard");
            shoot(driver, "login");
            driver.findElement(By.id("login")).click();
            // The double's consent page: the step a person clicks through on discord.com.
            assertThat(driver.findElement(By.id("account")).getText())
                    .contains(guild.owner().user().username());
            driver.findElement(By.id("authorize")).click();

            DiscordDouble.await(
                    () -> driver.getCurrentUrl().equals(bot.get().webUrl() + "/dashboard")
                            && !driver.findElements(By.linkText("Emberwake Guild"))
                                    .isEmpty(),
                    Duration.ofSeconds(10),
                    "back on the dashboard, logged in");
            shoot(driver, "servers");
            driver.findElement(By.linkText("Emberwake Guild")).click();
            awaitHeading(driver, "Emberwake Guild");
            shoot(driver, "overview");

            driver.findElement(By.linkText("Gates")).click();
            driver.findElement(By.id("new-gate")).click();
            driver.findElement(By.id("name")).sendKeys("Wardens of the flame");
            choose(driver, "role", "Wardens");
            // all of ( ≥1 token, not ( ≥3 tokens ) ): holders, but not whales.
            choose(driver, "r.kind", "all of");
            button(driver, "apply:r").click();
            type(driver, "r.0.contract", nft);
            type(driver, "r.0.min", "1");
            button(driver, "add:r").click();
            choose(driver, "r.1.kind", "not");
            button(driver, "apply:r.1").click();
            type(driver, "r.1.0.contract", nft);
            type(driver, "r.1.0.min", "3");
            shoot(driver, "gate-builder");
            driver.findElement(By.id("save")).click();

            assertThat(driver.findElement(By.cssSelector(".notice")).getText()).contains("Gate added");
            assertThat(driver.findElement(By.cssSelector("td.rule")).getText()).contains("all of (", "not (");
            shoot(driver, "gates");
            awaitRoles(alice, List.of("Wardens"));

            // The dry run shows the same breakdown as /gate test.
            type(driver, "test-member", Long.toString(alice.id()));
            driver.findElement(By.cssSelector("form[action$='/gates/test'] button"))
                    .click();
            DiscordDouble.await(
                    () -> driver.getCurrentUrl().contains("/gates/test"), Duration.ofSeconds(10), "the dry run page");
            assertThat(driver.findElement(By.cssSelector(".tested")).getText())
                    .contains("Wardens of the flame", "true", "at least 3 tokens");
            shoot(driver, "dry-run");
            driver.findElement(By.linkText("Gates")).click();

            // Tighten the rule to two tokens: alice holds one, so the role goes.
            driver.findElement(By.linkText("Edit")).click();
            assertThat(driver.findElement(By.id("r.1.0.min")).getAttribute("value"))
                    .isEqualTo("3");
            type(driver, "r.0.min", "2");
            driver.findElement(By.id("save")).click();
            assertThat(driver.findElement(By.cssSelector(".notice")).getText()).contains("Gate saved");
            awaitRoles(alice, List.of());

            driver.findElement(By.linkText("Audit log")).click();
            DiscordDouble.await(
                    () -> {
                        driver.navigate().refresh();
                        String log = driver.findElement(By.tagName("main")).getText();
                        return log.contains("given") && log.contains("taken");
                    },
                    Duration.ofSeconds(10),
                    "the audit log shows the role given and taken");
            String log = driver.findElement(By.cssSelector("table.audit")).getText();
            assertThat(log).contains("alice", "Wardens", "given", "taken", "applied");
            shoot(driver, "audit");
            driver.findElement(By.linkText("Characters")).click();
            awaitHeading(driver, "Characters");
            shoot(driver, "characters");
            driver.findElement(By.linkText("Docs")).click();
            awaitHeading(driver, "Docs");
            shoot(driver, "docs");

            // Resync shows its progress on the gates page, which reloads itself until it is done (no script).
            driver.findElement(By.linkText("Gates")).click();
            driver.findElement(By.xpath("//button[normalize-space(.)='Resync every member now']"))
                    .click();
            DiscordDouble.await(
                    () -> {
                        try {
                            return driver.findElement(By.id("resync-progress"))
                                    .getText()
                                    .startsWith("Last resync: checked 1 of 1 members");
                        } catch (org.openqa.selenium.WebDriverException reloading) {
                            return false;
                        }
                    },
                    Duration.ofSeconds(20),
                    "the resync finishes and says so");
            shoot(driver, "gates-after-resync");
            assertThat(wardens.name()).isEqualTo("Wardens");
        }
    }

    static void awaitHeading(ChromeDriver driver, String heading) {
        DiscordDouble.await(
                () -> driver.findElement(By.tagName("h1")).getText().equals(heading),
                Duration.ofSeconds(10),
                "the page headed " + heading);
    }

    static WebElement button(ChromeDriver driver, String action) {
        return driver.findElement(By.cssSelector("button[value='" + action + "']"));
    }

    /** Picks an option of a select by its visible text, as a person does with the keyboard or mouse. */
    static void choose(ChromeDriver driver, String selectId, String text) {
        driver.findElement(By.id(selectId))
                .findElement(By.xpath(".//option[normalize-space(.)='" + text + "']"))
                .click();
    }

    static void type(ChromeDriver driver, String id, String text) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    static void awaitRoles(FakeMember m, List<String> roles) {
        DiscordDouble.await(
                () -> discord.get().rolesOf(m).equals(roles),
                Duration.ofSeconds(20),
                m + " has roles " + roles + " (has " + discord.get().rolesOf(m) + ")");
    }

    /** The page at desktop width, then at phone width, then back. */
    static void shoot(ChromeDriver driver, String page) throws IOException {
        Files.createDirectories(SHOTS);
        driver.executeScript("window.scrollTo(0, 0)");
        Files.write(SHOTS.resolve("dashboard-" + page + "-desktop.png"), driver.getScreenshotAs(OutputType.BYTES));
        driver.manage().window().setSize(new Dimension(390, 844));
        Files.write(SHOTS.resolve("dashboard-" + page + "-phone.png"), driver.getScreenshotAs(OutputType.BYTES));
        driver.manage().window().setSize(new Dimension(1280, 900));
    }
}
