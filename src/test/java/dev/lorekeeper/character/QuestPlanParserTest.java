package dev.lorekeeper.character;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The model's quest JSON is checked field by field, every problem named by its path, without a model. */
class QuestPlanParserTest {
    static String choice(String label, int xp) {
        return "{\"label\":\"" + label + "\",\"outcome\":\"The door opens slowly.\",\"xp\":" + xp + "}";
    }

    static String step(String... choices) {
        return "{\"text\":\"A sealed door blocks the tunnel.\",\"choices\":[" + String.join(",", choices) + "]}";
    }

    static final String VALID = "{\"title\":\"The Sealed Door\",\"hook\":\"Something knocks from the other side.\","
            + "\"steps\":[" + step(choice("Knock back", 10), choice("Leave", 0)) + ","
            + step(choice("Push", 20), choice("Wait", 5)) + "," + step(choice("Enter", 30), choice("Run", 0)) + "]}";

    @Test
    void aValidPlanParsesIncludingInsideCodeFences() {
        QuestPlanParser.Parsed p = new QuestPlanParser().parse("```json\n" + VALID + "\n```");
        assertThat(p.valid()).as(p.problems().toString()).isTrue();
        assertThat(p.plan().title()).isEqualTo("The Sealed Door");
        assertThat(p.plan().steps()).hasSize(3);
    }

    @Test
    void everyProblemIsNamedByItsPath() {
        String bad = VALID.replace("\"xp\":30", "\"xp\":600")
                .replace("The Sealed Door", "X")
                .replace(choice("Wait", 5), "{\"label\":\"\",\"outcome\":\"no\",\"xp\":1.5,\"item\":7}");
        QuestPlanParser.Parsed p = new QuestPlanParser().parse(bad);
        assertThat(p.valid()).isFalse();
        assertThat(p.problems())
                .anyMatch(s -> s.startsWith("title:"))
                .anyMatch(s -> s.startsWith("steps[2].choices[0].xp:"))
                .anyMatch(s -> s.startsWith("steps[1].choices[1].label:"))
                .anyMatch(s -> s.startsWith("steps[1].choices[1].outcome:"))
                .anyMatch(s -> s.equals("steps[1].choices[1].xp: must be a whole number from 0 to 60"))
                .anyMatch(s -> s.equals("steps[1].choices[1].item: must be a string or null"));
    }

    @Test
    void aReplyThatIsNotOneJsonObjectIsRefusedWithAReason() {
        assertThat(new QuestPlanParser().parse("Sure! Here is your quest.").problems())
                .singleElement()
                .asString()
                .startsWith("the reply is not JSON");
        assertThat(new QuestPlanParser().parse("[1,2]").problems())
                .containsExactly("the reply must be one JSON object");
        assertThat(new QuestPlanParser()
                        .parse(VALID.replace(
                                "\"steps\":[",
                                "\"steps\":[" + step(choice("a", 1)) + "," + step(choice("b", 1)) + ","
                                        + step(choice("c", 1)) + ","))
                        .problems())
                .contains("steps: must be an array of 3 to 5 steps");
    }
}
