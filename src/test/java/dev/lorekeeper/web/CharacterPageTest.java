package dev.lorekeeper.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorekeeper.character.CharacterStore;
import dev.lorekeeper.character.GameCharacter;
import dev.lorekeeper.character.Persona;
import dev.lorekeeper.character.TokenRef;
import dev.lorekeeper.discorddouble.FakeGuild;
import dev.lorekeeper.store.Database;
import dev.lorekeeper.store.Jdbc;
import dev.lorekeeper.testing.Anvil;
import dev.lorekeeper.testing.Browser;
import dev.lorekeeper.testing.ManualVerify;
import dev.lorekeeper.testing.TestBot;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Public character pages, served by the real bot: the story (events and summary) without what members said to the
 * character, names that try to be markup shown as text, OpenGraph tags for unfurling, a plain 404 for tokens without
 * a character, and a server's switch that hides the characters only it plays.
 */
class CharacterPageTest {
    static final String CONTRACT = "0x00000000000000000000000000000000000000cc";
    static final String RAW_TALK = "my recovery hint is PURPLE-OTTER-42";
    static final AtomicLong TOKENS = new AtomicLong(1);
    static final HttpClient http = HttpClient.newHttpClient();
    static Anvil anvil;
    static TestBot bot;
    static Database db;

    @BeforeAll
    static void start() {
        anvil = Anvil.start();
        bot = TestBot.start(ManualVerify.anvilChainYaml(anvil, anvil.url()));
        db = Database.open(bot.jdbcUrl, "", "", 2);
    }

    @AfterAll
    static void stop() {
        db.close();
        bot.close();
        anvil.close();
    }

    /** A character played in {@code guilds}, with one event, one summary and one line of members' talk. */
    static TokenRef character(String name, long... guilds) {
        TokenRef token = new TokenRef("anvil", CONTRACT, BigInteger.valueOf(TOKENS.getAndIncrement()));
        CharacterStore store = new CharacterStore(db, Clock.systemUTC());
        GameCharacter c = store.create(
                token,
                "https://images.example/fox.png",
                new Persona(
                        name,
                        "Pyromancer",
                        "speaks in embers",
                        "Born in the ash of the old forge.",
                        "Well met.",
                        List.of("Fur: Red"),
                        new Persona.Stats(3, 4, 5),
                        "offline"),
                "hash");
        for (long g : guilds) {
            store.pick(g, 10 + g, c.id());
        }
        db.inTransaction(x -> {
            insertMemory(x, c.id(), guilds[0], "event", "Crossed the Cinder Bridge at dawn.");
            insertMemory(x, c.id(), guilds[0], "talk", RAW_TALK);
            return Jdbc.update(x, "UPDATE nft_character SET summary = ? WHERE id = ?", "Keeper of the ember.", c.id());
        });
        return token;
    }

    static void insertMemory(java.sql.Connection c, long characterId, long guild, String kind, String text)
            throws java.sql.SQLException {
        Jdbc.update(
                c,
                "INSERT INTO character_memory (character_id, guild_id, member_id, kind, text, importance, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)",
                characterId,
                guild,
                42L,
                kind,
                text,
                3,
                Instant.now());
    }

    static HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(bot.webUrl() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String path(TokenRef t) {
        return "/c/" + t.chain() + "/" + t.contract() + "/" + t.tokenId();
    }

    @Test
    void thePublicPageShowsTheStoryButNoRawChat() throws Exception {
        TokenRef t = character("Ember Fox", 1001);
        HttpResponse<String> page = get(path(t));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("Ember Fox", "Crossed the Cinder Bridge at dawn.", "Keeper of the ember.", "Pyromancer")
                .doesNotContain(RAW_TALK, "PURPLE-OTTER");
        HttpResponse<String> card = get(path(t) + "/card.json");
        assertThat(card.statusCode()).isEqualTo(200);
        assertThat(card.body()).contains("chara_card_v2", "Cinder Bridge").doesNotContain("PURPLE-OTTER");
    }

    @Test
    void openGraphTagsLetALinkUnfurl() throws Exception {
        TokenRef t = character("Ash Wren", 1002);
        HttpResponse<String> page = get(path(t));
        assertThat(page.body())
                .contains("<meta property=\"og:title\" content=\"Ash Wren — Novice Pyromancer, level 1\">")
                .contains("<meta property=\"og:image\" content=\"https://images.example/fox.png\">")
                .contains("<meta property=\"og:url\" content=\"" + bot.webUrl() + path(t) + "\">");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("img-src 'self' https:")
                .doesNotContain("script-src", "unsafe-inline");
        assertThat(page.headers().firstValue("Cache-Control").orElseThrow()).contains("max-age=60");
    }

    @Test
    void aCharacterNameWithScriptRendersAsText() throws Exception {
        TokenRef t = character("<script>alert(1)</script>", 1003);
        String body = get(path(t)).body();
        assertThat(body).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>");
    }

    @Test
    void thePageReadsWellAtDesktopAndPhoneWidth() throws Exception {
        TokenRef t = character("Cinder Lynx", 1004);
        try (Browser browser = Browser.start()) {
            ChromeDriver driver = browser.driver();
            Path shots = Path.of("target", "screenshots");
            Files.createDirectories(shots);
            driver.get(bot.webUrl() + path(t));
            assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Cinder Lynx");
            Files.write(shots.resolve("character-page-phone.png"), driver.getScreenshotAs(OutputType.BYTES));
            driver.manage().window().setSize(new Dimension(1280, 900));
            Files.write(shots.resolve("character-page-desktop.png"), driver.getScreenshotAs(OutputType.BYTES));
            driver.get(bot.webUrl() + "/c/anvil/" + CONTRACT + "/424242");
            assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("No character here");
            Files.write(shots.resolve("character-notfound-desktop.png"), driver.getScreenshotAs(OutputType.BYTES));
            driver.manage().window().setSize(new Dimension(390, 844));
            Files.write(shots.resolve("character-notfound-phone.png"), driver.getScreenshotAs(OutputType.BYTES));
        }
    }

    @Test
    void unknownTokensGetAPlain404() throws Exception {
        for (String p : List.of(
                "/c/anvil/" + CONTRACT + "/999999",
                "/c/nochain/" + CONTRACT + "/1",
                "/c/anvil/0x12/1",
                "/c/anvil/" + CONTRACT + "/abc")) {
            HttpResponse<String> r = get(p);
            assertThat(r.statusCode()).as(p).isEqualTo(404);
            assertThat(r.body()).as(p).contains("No character here");
        }
    }

    @Test
    void aServerCanSwitchItsPagesOffAndAnotherServerStillShowsTheirs() throws Exception {
        FakeGuild quiet = bot.discord.guild("Quiet Keep");
        bot.discord.awaitBotReady(quiet);
        assertThat(quiet.owner()
                        .slash("settings public-pages", Map.of("state", "off"))
                        .reply()
                        .content())
                .contains("Public character pages: off");
        FakeGuild open = bot.discord.guild("Open Hall");
        bot.discord.awaitBotReady(open);

        TokenRef onlyQuiet = character("Hidden Heron", quiet.id());
        assertThat(get(path(onlyQuiet)).statusCode()).isEqualTo(404);
        TokenRef both = character("Shared Stag", quiet.id(), open.id());
        assertThat(get(path(both)).statusCode()).isEqualTo(200);
    }

    /** A page for a token without a character: it counts against the limit like any other. */
    static HttpResponse<String> page(TestBot on, String forwardedFor) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(
                URI.create(on.webUrl() + "/c/anvil/" + CONTRACT + "/" + TOKENS.getAndIncrement()));
        if (forwardedFor != null) {
            r.header("X-Forwarded-For", forwardedFor);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void eachClientBehindTheTrustedProxyGetsItsOwnPagesPerMinute() throws Exception {
        try (TestBot proxied = TestBot.startBehindLocalProxy(ManualVerify.anvilChainYaml(anvil, anvil.url()))) {
            for (int i = 0; i < CharacterPageRoutes.PAGES_PER_MINUTE; i++) {
                assertThat(page(proxied, "203.0.113.7").statusCode())
                        .as("page " + (i + 1))
                        .isEqualTo(404);
            }
            HttpResponse<String> limited = page(proxied, "203.0.113.7");
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After")).contains("60");
            assertThat(page(proxied, "203.0.113.8").statusCode())
                    .as("another client")
                    .isEqualTo(404);
            assertThat(page(proxied, "198.51.100.1, 203.0.113.7").statusCode())
                    .as("a forged entry left of what the proxy appended changes nothing")
                    .isEqualTo(429);
        }
    }

    @Test
    void withoutTrustedProxiesAForgedForwardedForDoesNotEscapeTheLimit() throws Exception {
        // Its own bot, so the other tests' pages never run into this one's limit.
        try (TestBot direct = TestBot.start(ManualVerify.anvilChainYaml(anvil, anvil.url()))) {
            for (int i = 0; i < CharacterPageRoutes.PAGES_PER_MINUTE; i++) {
                assertThat(page(direct, ClientAddressTest.randomAddress()).statusCode())
                        .as("page " + (i + 1))
                        .isEqualTo(404);
            }
            assertThat(page(direct, ClientAddressTest.randomAddress()).statusCode())
                    .as("a new forged address is still the same peer")
                    .isEqualTo(429);
            assertThat(page(direct, null).statusCode()).isEqualTo(429);
        }
    }
}
