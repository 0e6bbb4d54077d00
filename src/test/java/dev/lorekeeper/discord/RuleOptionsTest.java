package dev.lorekeeper.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lorekeeper.Refusal;
import dev.lorekeeper.config.RuleSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How /gate add's options become a rule, without Discord. */
class RuleOptionsTest {
    static RuleSpec parse(Map<String, String> options) {
        return RuleOptions.parse(options::get);
    }

    @Test
    void optionsBecomeARuleWithListsAndTraitsSplit() {
        RuleSpec r = parse(Map.of(
                "type",
                "erc721",
                "chain",
                "anvil",
                "contract",
                "0xabc",
                "min",
                "2",
                "token-ids",
                "1-100, 7,, 9",
                "traits",
                "Background=Gold|Silver; Eyes=Laser;"));
        assertThat(r.type()).isEqualTo("erc721");
        assertThat(r.min()).isEqualTo(2L);
        assertThat(r.max()).isNull();
        assertThat(r.tokenIds()).containsExactly("1-100", "7", "9");
        assertThat(r.traits())
                .containsExactly(
                        Map.entry("Background", List.of("Gold", "Silver")), Map.entry("Eyes", List.of("Laser")));
    }

    @Test
    void aTraitWithoutAnEqualsSignIsRefusedWithTheExample() {
        assertThatThrownBy(() -> parse(Map.of("type", "erc721", "traits", "Background Gold")))
                .isInstanceOf(Refusal.class)
                .hasMessageContaining("'Background Gold' has no =");
    }

    @Test
    void aCombinedRuleNeedsItsJsonAndBrokenJsonSaysWhere() {
        assertThatThrownBy(() -> parse(Map.of("type", "json")))
                .isInstanceOf(Refusal.class)
                .hasMessageStartingWith("A combined rule needs the rule option");
        assertThatThrownBy(() -> parse(Map.of("type", "json", "rule", "{\"any\":[{\"type\":\"erc20\",}]}")))
                .isInstanceOf(Refusal.class)
                .hasMessageStartingWith("The rule is not valid JSON at line 1, column")
                .hasMessageNotContaining("Source:");
        assertThat(parse(Map.of(
                                "type",
                                "json",
                                "rule",
                                "{\"not\":{\"type\":\"native\",\"chain\":\"anvil\"," + "\"amount\":\"1\"}}"))
                        .not()
                        .amount())
                .isEqualTo("1");
    }

    @Test
    void theDefinitionAndTheParserUseTheSameOptionNames() {
        assertThat(RuleOptions.definitions())
                .extracting(o -> o.getName())
                .containsExactly(
                        RuleOptions.TYPE,
                        RuleOptions.CHAIN,
                        RuleOptions.CONTRACT,
                        RuleOptions.MIN,
                        RuleOptions.MAX,
                        RuleOptions.TOKEN_IDS,
                        RuleOptions.TRAITS,
                        RuleOptions.IDS,
                        RuleOptions.AMOUNT,
                        RuleOptions.RULE);
    }
}
