package dev.lorekeeper.character;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lorekeeper.config.GatingConfig;
import dev.lorekeeper.discord.Markdown;
import dev.lorekeeper.discorddouble.FakeGuild;
import dev.lorekeeper.discorddouble.FakeInteraction;
import dev.lorekeeper.discorddouble.FakeMember;
import dev.lorekeeper.discorddouble.FakeMessage;
import dev.lorekeeper.discorddouble.Perms;
import dev.lorekeeper.testing.Anvil;
import dev.lorekeeper.testing.Fixture;
import dev.lorekeeper.testing.ManualVerify;
import dev.lorekeeper.testing.MetadataServer;
import dev.lorekeeper.testing.TestBot;
import dev.lorekeeper.testing.TestContracts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Keys;

/**
 * Characters and quests end to end: tokens on anvil whose tokenURI points at a local metadata server, members who
 * verified their wallets through the Discord double, and the offline narrator (no LLM configured).
 */
class CharacterEndToEndTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern XP = Pattern.compile("\\n\\+(\\d+) XP");

    @RegisterExtension
    @Order(1)
    static final Fixture<Anvil> anvil = Fixture.of(() -> Anvil.start());

    @RegisterExtension
    @Order(2)
    static final Fixture<MetadataServer> metadata = Fixture.of(() -> new MetadataServer());

    @RegisterExtension
    @Order(3)
    static final Fixture<TestBot> bot = Fixture.of(CharacterEndToEndTest::startBot);

    static FakeGuild guild;
    static String nft;
    static String minter;
    static final AtomicInteger nextToken = new AtomicInteger(1);
    static final AtomicInteger nextAccount = new AtomicInteger(1);

    private static TestBot startBot() throws Exception {
        minter = anvil.get().accounts().get(0);
        TestContracts.placeAt(anvil.get(), "Multicall3", GatingConfig.MULTICALL3);
        nft = TestContracts.deploy(
                anvil.get(),
                "TestNftEnumerable",
                minter,
                List.of(new Utf8String(metadata.get().baseUri())));
        return TestBot.start(
                ManualVerify.anvilChainYaml(anvil.get(), anvil.get().url())
                        + """
                metadata:
                  ipfs-gateways: [ "https://gateway.example/ipfs/" ]
                characters:
                  collections:
                    - chain: anvil
                      contract: "%s"
                  quest-cooldown: 0s
                  ownership-cache: 0s
                  summary-every: 3
                """.formatted(nft)
                        + MetadataServer.ALLOW_PRIVATE_NETWORKS_YAML);
    }

    @BeforeAll
    static void start() throws Exception {
        guild = bot.get().discord.guild("Fox Den");
        bot.get().discord.awaitBotReady(guild);
    }

    /** A member with a verified wallet. */
    record Holder(FakeMember member, String wallet) {}

    static Holder holder(String name) {
        FakeMember m = guild.member(name);
        String wallet = Keys.toChecksumAddress(anvil.get().accounts().get(nextAccount.getAndIncrement()));
        assertThat(ManualVerify.link(m, wallet, msg -> anvil.get().personalSign(msg, wallet))
                        .content())
                .contains("is now linked");
        return new Holder(m, wallet);
    }

    static int mint(String to) {
        int id = nextToken.getAndIncrement();
        TestContracts.send(anvil.get(), minter, nft, "mint", List.of(new Address(to), new Uint256(id)));
        return id;
    }

    static FakeMessage choose(FakeMember m, int token) {
        FakeInteraction typing = m.autocompletes("character choose", "token", Integer.toString(token), Map.of());
        Map<String, String> choices = typing.awaitChoiceValues();
        String value = choices.entrySet().stream()
                .filter(e -> e.getKey().contains("#" + token + " "))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseThrow(() -> new AssertionError("token #" + token + " not offered: " + choices));
        return m.slash("character choose", Map.of("token", value)).reply();
    }

    /** Clicks the first choice at every step to the end; returns the XP the replies reported. */
    static int playToTheEnd(FakeMember m, FakeMessage step) {
        int xp = 0;
        FakeMessage current = step;
        for (int guard = 0; guard < 6; guard++) {
            FakeMessage reply = m.clicks(current.buttons().get(0)).reply();
            Matcher x = XP.matcher(reply.content());
            assertThat(x.find()).as("XP in: " + reply.content()).isTrue();
            xp += Integer.parseInt(x.group(1));
            if (reply.content().contains("Quest complete")) {
                return xp;
            }
            current = reply;
        }
        throw new AssertionError("the quest did not end within 5 steps");
    }

    @Test
    void autocompleteOffersOnlyTheMembersTokensAndAQuestRunsToTheEndWithXpAndLevel() {
        Holder alice = holder("alice");
        int mine = mint(alice.wallet());
        int second = mint(alice.wallet());
        int notMine = mint(anvil.get().accounts().get(9));

        Map<String, String> offered = alice.member()
                .autocompletes("character choose", "token", "", Map.of())
                .awaitChoiceValues();
        assertThat(offered.keySet())
                .anyMatch(k -> k.contains("#" + mine + " "))
                .anyMatch(k -> k.contains("#" + second + " "))
                .noneMatch(k -> k.contains("#" + notMine + " "));

        FakeMessage chosen = choose(alice.member(), mine);
        assertThat(chosen.text()).contains("Ember Fox \\#" + mine + " awakens", "Fur: Red", "Level: 1 (0 / 100 XP)");
        JsonNode card = chosen.embeds().get(0);
        assertThat(card.path("thumbnail").path("url").asText())
                .isEqualTo("https://gateway.example/ipfs/" + MetadataServer.IMAGE_CID + "/" + mine + ".png");

        FakeMessage first = alice.member().runs("/quest start").reply();
        assertThat(first.embeds().get(0).path("footer").path("text").asText()).contains("step 1 of");
        assertThat(first.buttons()).hasSizeBetween(2, 3);
        assertThat(alice.member().runs("/quest start").reply().content()).contains("already on a quest");

        int xp = playToTheEnd(alice.member(), first);
        assertThat(xp).isGreaterThanOrEqualTo(QuestService.COMPLETION_XP);
        FakeMessage shown = alice.member().runs("/character show").reply();
        assertThat(shown.text())
                .contains(
                        "Level: " + Levels.level(xp) + " (" + xp + " / ",
                        "Last adventures: • "
                                + Markdown.escape(
                                        first.embeds().get(0).path("title").asText()) + " (completed, +" + xp);
        assertThat(alice.member().runs("/quest log").reply().content()).contains("completed", "+" + xp + " XP");

        // Living metadata carries the progress.
        JsonNode living = get("/metadata/" + anvil.get().chainId() + "/" + nft + "/" + mine);
        assertThat(living.path("name").asText()).isEqualTo("Ember Fox #" + mine);
        assertThat(living.path("attributes").toString())
                .contains(
                        "\"trait_type\":\"Level\",\"value\":" + Levels.level(xp),
                        "\"Quests completed\",\"value\":1",
                        "\"Fur\"");

        // The next quest avoids the last title.
        FakeMessage next = alice.member().runs("/quest start").reply();
        assertThat(next.embeds().get(0).path("title").asText())
                .isNotEqualTo(first.embeds().get(0).path("title").asText());
        assertThat(alice.member().runs("/quest abandon").reply().content()).contains("abandoned");
    }

    @Test
    void aDoubleClickOrAStaleButtonAppliesOnceAndAnotherMemberCannotAdvanceTheCharacter() throws Exception {
        Holder dana = holder("dana");
        int token = mint(dana.wallet());
        choose(dana.member(), token);
        FakeMessage step = dana.member().runs("/quest start").reply();

        // Two choices of the same step clicked at once: exactly one is applied.
        FakeInteraction a = dana.member().clicks(step.buttons().get(0));
        FakeInteraction b = dana.member().clicks(step.buttons().get(1));
        List<String> replies = List.of(a.reply().content(), b.reply().content());
        assertThat(replies).filteredOn(r -> r.contains(" chose ")).hasSize(1);
        assertThat(replies)
                .filteredOn(r -> r.contains("This choice was already made"))
                .hasSize(1);

        // Clicks are acknowledged at once; the outcome is public, a refusal only for the clicker.
        assertThat(a.awaitCallbackType()).isEqualTo(6);
        assertThat(List.of(a.reply(), b.reply()))
                .filteredOn(r -> r.content().contains(" chose "))
                .allMatch(r -> !r.ephemeral());
        assertThat(List.of(a.reply(), b.reply()))
                .filteredOn(r -> r.content().contains("already made"))
                .allMatch(FakeMessage::ephemeral);
        // Clicking the old step's button again later is also refused.
        assertThat(dana.member().clicks(step.buttons().get(0)).reply().content())
                .contains("This choice was already made");
        FakeMessage progressed = a.reply().content().contains(" chose ") ? a.reply() : b.reply();

        Holder eve = holder("eve");
        assertThat(eve.member().clicks(progressed.buttons().get(0)).reply().content())
                .contains("haven't picked a character");
        int own = mint(eve.wallet());
        choose(eve.member(), own);
        assertThat(eve.member().clicks(progressed.buttons().get(0)).reply().content())
                .contains("belongs to another character");
        assertThat(dana.member()
                        .runs("/quest show")
                        .reply()
                        .embeds()
                        .get(0)
                        .path("footer")
                        .path("text")
                        .asText())
                .contains("step 2 of");
    }

    @Test
    void theNextHolderInheritsTheStoryAndThePreviousOneCanNoLongerPlay() {
        Holder frank = holder("frank");
        Holder grace = holder("grace");
        int token = mint(frank.wallet());
        choose(frank.member(), token);
        FakeMessage quest = frank.member().runs("/quest start").reply();
        playToTheEnd(frank.member(), quest);
        FakeMessage another = frank.member().runs("/quest start").reply();
        String title = Markdown.escape(quest.embeds().get(0).path("title").asText());

        TestContracts.send(
                anvil.get(),
                frank.wallet(),
                nft,
                "transferFrom",
                List.of(new Address(frank.wallet()), new Address(grace.wallet()), new Uint256(token)));

        assertThat(frank.member().runs("/character show").reply().content())
                .contains("any more", "Only its current holder");
        assertThat(frank.member().clicks(another.buttons().get(0)).reply().content())
                .contains("any more");

        FakeMessage inherited = choose(grace.member(), token);
        assertThat(inherited.text()).contains("changed hands", "Ember Fox #" + token, title);
        assertThat(grace.member().runs("/quest log").reply().content()).contains(title, "completed");
        // The quest the old holder left open continues with the new one.
        FakeMessage continued = grace.member().clicks(another.buttons().get(0)).reply();
        assertThat(continued.content()).contains(" chose ");
    }

    @Test
    void exportGivesAValidCharacterCardV2() throws Exception {
        Holder hana = holder("hana");
        int token = mint(hana.wallet());
        choose(hana.member(), token);
        playToTheEnd(hana.member(), hana.member().runs("/quest start").reply());
        // Offline, the reply is in the character's voice and recalls something it lived through.
        assertThat(hana.member()
                        .runs("/character talk message:what do you remember?")
                        .reply()
                        .content())
                .startsWith("**Ember Fox \\#" + token + ":**")
                .contains("I still remember this: ");

        FakeMessage export = hana.member().runs("/character export").reply();
        byte[] file = export.files().get("Ember-Fox-" + token + ".card.json");
        assertThat(file).as("files: " + export.files().keySet()).isNotNull();
        JsonNode card = JSON.readTree(file);
        assertThat(card.path("spec").asText()).isEqualTo("chara_card_v2");
        assertThat(card.path("spec_version").asText()).isEqualTo("2.0");
        JsonNode data = card.path("data");
        for (String field : List.of(
                "name",
                "description",
                "personality",
                "scenario",
                "first_mes",
                "mes_example",
                "creator_notes",
                "system_prompt",
                "post_history_instructions",
                "creator",
                "character_version")) {
            assertThat(data.path(field).isTextual()).as(field).isTrue();
        }
        assertThat(data.path("alternate_greetings").isArray()).isTrue();
        assertThat(data.path("tags").toString()).contains("Red", "Glow");
        assertThat(data.path("name").asText()).isEqualTo("Ember Fox #" + token);
        assertThat(data.path("character_book").path("entries")).isNotEmpty();
        assertThat(data.path("character_book")
                        .path("entries")
                        .get(0)
                        .path("keys")
                        .isArray())
                .isTrue();
        JsonNode ext = data.path("extensions").path("lorekeeper");
        assertThat(ext.path("token_id").asText()).isEqualTo(Integer.toString(token));
        assertThat(ext.path("quests_completed").asInt()).isEqualTo(1);
        assertThat(ext.path("xp").asInt()).isGreaterThanOrEqualTo(QuestService.COMPLETION_XP);

        // Talking is limited to a few lines a minute; the refusal is for the member alone.
        for (int i = 1; i < CharacterService.TALKS_PER_MINUTE; i++) {
            assertThat(hana.member()
                            .runs("/character talk message:tell me more " + i)
                            .reply()
                            .ephemeral())
                    .isFalse();
        }
        FakeMessage tooFast =
                hana.member().runs("/character talk message:and more").reply();
        assertThat(tooFast.content()).contains("needs a moment");
        assertThat(tooFast.ephemeral()).isTrue();
    }

    @Test
    void aRestartInTheMiddleOfAQuestContinuesWhereItStopped() {
        Holder ivan = holder("ivan");
        int token = mint(ivan.wallet());
        choose(ivan.member(), token);
        FakeMessage first = ivan.member().runs("/quest start").reply();
        FakeMessage second = ivan.member().clicks(first.buttons().get(0)).reply();
        String footer = second.embeds().get(0).path("footer").path("text").asText();
        assertThat(footer).contains("step 2 of");

        bot.get().stopApp();
        bot.get().startApp();
        bot.get().discord.awaitBotReady(guild);

        FakeMessage shown = ivan.member().runs("/quest show").reply();
        assertThat(shown.embeds().get(0).path("footer").path("text").asText()).isEqualTo(footer);
        assertThat(ivan.member().clicks(second.buttons().get(0)).reply().content())
                .contains(" chose ");
        assertThat(ivan.member().clicks(first.buttons().get(0)).reply().content())
                .contains("This choice was already made");
    }

    @Test
    void moderatorsSeeUsageWithAChart() {
        FakeMember mod = guild.member("statsmod", guild.role("StatMods", Perms.MANAGE_GUILD));
        try (dev.lorekeeper.store.Database db = dev.lorekeeper.store.Database.open(bot.get().jdbcUrl, "", "", 1)) {
            new dev.lorekeeper.llm.LlmUsage(
                            db,
                            dev.lorekeeper.llm.LlmUsage.Budgets.unlimited(),
                            new dev.lorekeeper.llm.LlmUsage.Prices(0.15, 0.60),
                            java.time.Clock.systemUTC())
                    .record(new dev.lorekeeper.llm.LlmCall("quest", guild.id(), 1, 1L), 120_000, 30_000);
        }
        FakeMessage stats = mod.runs("/stats").reply();
        assertThat(stats.content())
                .contains(
                        "LLM usage",
                        "Today",
                        "Last 30 days",
                        "No LLM is configured",
                        "• quest: 1 calls, 120,000 tokens in / 30,000 out, ~$0.0360");
        assertThat(stats.files().get("llm-usage.png")).hasSizeGreaterThan(1000);
    }

    static JsonNode get(String path) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(bot.get().webUrl() + path))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
