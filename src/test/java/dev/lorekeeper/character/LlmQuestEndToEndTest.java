package dev.lorekeeper.character;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lorekeeper.config.GatingConfig;
import dev.lorekeeper.discorddouble.FakeGuild;
import dev.lorekeeper.discorddouble.FakeInteraction;
import dev.lorekeeper.discorddouble.FakeMember;
import dev.lorekeeper.discorddouble.FakeMessage;
import dev.lorekeeper.testing.Anvil;
import dev.lorekeeper.testing.Fixture;
import dev.lorekeeper.testing.ManualVerify;
import dev.lorekeeper.testing.MetadataServer;
import dev.lorekeeper.testing.StubLlm;
import dev.lorekeeper.testing.TestBot;
import dev.lorekeeper.testing.TestContracts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Keys;

/**
 * Characters and quests with a model, through the bot: the persona and the quest come from a stub OpenAI-compatible
 * endpoint via langchain4j's real client, the buttons play the model's steps, and the model was asked with the
 * persona it wrote.
 */
class LlmQuestEndToEndTest {
    static final String PERSONA = """
            {"archetype": "Ash Oracle", "voice": "Speaks in slow, warm riddles.",
             "backstory": "Born in the last ember of the old forge, it remembers every fire it has seen.",
             "greeting": "Sit by the embers, friend."}
            """;
    static final String QUEST = """
            {"title": "The Ember Vault", "hook": "A vault of embers has opened under the old market.",
             "steps": [
               {"text": "The vault door glows with heat.", "choices": [
                 {"label": "Open it", "outcome": "The door swings open.", "xp": 20, "item": null},
                 {"label": "Wait", "outcome": "The glow fades a little.", "xp": 10}]},
               {"text": "A guardian made of ash blocks the way.", "choices": [
                 {"label": "Fight", "outcome": "The guardian crumbles.", "xp": 30, "item": "ash crown"},
                 {"label": "Talk", "outcome": "The guardian lets you pass.", "xp": 25}]},
               {"text": "The heart of the vault holds a single ember.", "choices": [
                 {"label": "Take it", "outcome": "It is warm in your paw.", "xp": 40, "item": "first ember"},
                 {"label": "Leave it", "outcome": "The vault sighs in relief.", "xp": 15}]}]}
            """;

    @RegisterExtension
    @Order(1)
    static final Fixture<Anvil> anvil = Fixture.of(() -> Anvil.start());

    @RegisterExtension
    @Order(2)
    static final Fixture<MetadataServer> metadata = Fixture.of(() -> new MetadataServer());

    @RegisterExtension
    @Order(3)
    static final Fixture<StubLlm> llm = Fixture.of(() -> new StubLlm());

    @RegisterExtension
    @Order(4)
    static final Fixture<TestBot> bot = Fixture.of(LlmQuestEndToEndTest::startBot);

    static FakeGuild guild;
    static String nft;

    private static TestBot startBot() throws Exception {
        TestContracts.placeAt(anvil.get(), "Multicall3", GatingConfig.MULTICALL3);
        nft = TestContracts.deploy(
                anvil.get(),
                "TestNftEnumerable",
                anvil.get().accounts().get(0),
                List.of(new Utf8String(metadata.get().baseUri())));
        return TestBot.start(
                ManualVerify.anvilChainYaml(anvil.get(), anvil.get().url())
                        + """
                llm:
                  base-url: %s
                  model: stub-model
                  api-key: test-key
                  timeout: 5s
                characters:
                  collections:
                    - chain: anvil
                      contract: "%s"
                  quest-cooldown: 0s
                  ownership-cache: 0s
                  summary-every: 100
                """.formatted(llm.get().baseUrl(), nft)
                        + MetadataServer.ALLOW_PRIVATE_NETWORKS_YAML);
    }

    @BeforeAll
    static void start() {
        guild = bot.get().discord.guild("Model Den");
        bot.get().discord.awaitBotReady(guild);
    }

    @Test
    void aQuestFromTheModelIsPlayedWithItsButtons() {
        FakeMember alice = guild.member("alice");
        String wallet = Keys.toChecksumAddress(anvil.get().accounts().get(1));
        ManualVerify.link(alice, wallet, m -> anvil.get().personalSign(m, wallet));
        TestContracts.send(
                anvil.get(), anvil.get().accounts().get(0), nft, "mint", List.of(new Address(wallet), new Uint256(5)));

        llm.get().then(StubLlm.Reply.text(PERSONA));
        FakeInteraction typing = alice.autocompletes("character choose", "token", "5", Map.of());
        String token = typing.awaitChoiceValues().values().iterator().next();
        assertThat(alice.slash("character choose", Map.of("token", token))
                        .reply()
                        .text())
                .contains("Ember Fox #5", "Sit by the embers, friend.");

        llm.get().then(StubLlm.Reply.text(QUEST));
        FakeMessage step = alice.runs("/quest start").reply();
        JsonNode embed = step.embeds().get(0);
        assertThat(embed.path("title").asText()).isEqualTo("The Ember Vault");
        assertThat(embed.toString()).contains("The vault door glows with heat.");
        assertThat(step.buttons()).extracting(FakeMessage.Button::label).containsExactly("Open it", "Wait");

        FakeMessage next = alice.clicks(step.button("Open it")).reply();
        assertThat(next.content()).contains(" chose ", "The door swings open.");
        assertThat(next.embeds().get(0).toString()).contains("A guardian made of ash blocks the way.");

        List<String> prompts =
                llm.get().requests().stream().map(JsonNode::toString).toList();
        assertThat(prompts).hasSize(2);
        assertThat(prompts.get(0)).contains("Create the persona of an NFT character", "Ember Fox #5", "Fur");
        assertThat(prompts.get(1)).contains("Write a new short quest", "Ash Oracle", "Speaks in slow, warm riddles.");
    }
}
