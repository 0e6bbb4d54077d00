package dev.lorekeeper.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.lorekeeper.Refusal;
import org.junit.jupiter.api.Test;

/** /gate add type:json answers a broken rule with one line: where, what was found, what to fix. */
class RuleJsonTest {
    private static String refusal(String json) {
        Throwable t = catchThrowable(() -> RuleJson.parse(json));
        assertThat(t).isInstanceOf(Refusal.class);
        assertThat(t.getMessage()).doesNotContain("\n", "com.fasterxml", "dev.lorekeeper", "Source:", "(code ");
        return t.getMessage();
    }

    @Test
    void syntaxErrorsSayWhatWasFoundAndWhatWasExpected() {
        assertThat(refusal("{type:\"erc721\"}"))
                .isEqualTo("The rule is not valid JSON at line 1, column 2: found "
                        + "'t' where a key in double quotes should be. Check the quotes, commas and brackets.");
        assertThat(refusal("{\"type\":\"erc721\" \"chain\":\"base\"}"))
                .isEqualTo(
                        "The rule is not valid JSON at "
                                + "line 1, column 18: found '\"' where a comma or } should be. Check the quotes, commas and brackets.");
        assertThat(refusal("{\"type\": erc721}"))
                .isEqualTo("The rule is not valid JSON at line 1, column 16: found "
                        + "erc721 where a value should be; put text in double quotes (\"erc721\"). Check the quotes, commas "
                        + "and brackets.");
        assertThat(refusal("{\"type\":\"erc721\","))
                .isEqualTo(
                        "The rule is not valid JSON at line 1, column 18: "
                                + "the text ends too early; a closing } or ] is missing. Check the quotes, commas and brackets.");
        assertThat(refusal("{\"any\":[{\"type\":\"erc721\"}}"))
                .isEqualTo("The rule is not valid JSON at line 1, "
                        + "column 26: found '}' where ']' should close the list or object. Check the quotes, commas and "
                        + "brackets.");
        assertThat(refusal("{'type':'erc721'}"))
                .isEqualTo("The rule is not valid JSON at line 1, column 2: found a "
                        + "single quote where a key in double quotes should be; JSON takes double quotes. Check the quotes, "
                        + "commas and brackets.");
    }

    @Test
    void wrongTypesNameTheKey() {
        assertThat(refusal("{\"type\":\"erc721\",\"min\":\"abc\"}"))
                .isEqualTo("The rule's 'min' at line 1, " + "column 24 takes a whole number.");
        assertThat(refusal("[1,2]"))
                .isEqualTo("The rule must be one JSON object such as {\"type\":\"erc721\","
                        + "\"chain\":\"ethereum\",\"contract\":\"0x…\"} at line 1, column 1.");
        assertThat(refusal("{\"tpye\":\"erc721\"}")).startsWith("The rule has an unknown key 'tpye' at line 1");
    }
}
