package dev.lorekeeper.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.lorekeeper.config.ConfigProblem;
import dev.lorekeeper.config.RuleSpec;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A moderator of any server writes rules: every value that could cost the sweep or the heap is bounded. */
class RuleSpecValidatorTest {
    static final String CONTRACT = "0x00000000000000000000000000000000000000aa";

    static List<String> problems(RuleSpec rule) {
        return new RuleSpecValidator(Set.of("anvil"))
                .validate(rule, "rule").stream().map(ConfigProblem::toString).toList();
    }

    static RuleSpec erc20(String amount) {
        return new RuleSpec("erc20", "anvil", CONTRACT, null, null, null, null, null, amount, null, null, null);
    }

    static RuleSpec erc721(List<String> ids, Map<String, List<String>> traits) {
        return new RuleSpec("erc721", "anvil", CONTRACT, null, null, ids, traits, null, null, null, null, null);
    }

    @Test
    void anAmountWithABillionDecimalPlacesIsRefusedBeforeAnythingPrintsIt() {
        // toPlainString() of this value would need a gigabyte; the check must answer at once.
        List<String> p = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> problems(erc20("1e-1000000000")));
        assertThat(p).containsExactly("rule.amount: has more than 77 decimal places; no token is that divisible");
    }

    @Test
    void anAmountLargerThanAnySupplyIsRefused() {
        assertThat(problems(erc20("1e1000000000")))
                .containsExactly(
                        "rule.amount: is larger than any token supply " + "(more than 60 digits before the point)");
        assertThat(problems(erc20("0.5"))).isEmpty();
    }

    @Test
    void aRuleListingThousandsOfIdsIsRefused() {
        List<String> ids = Collections.nCopies(5000, "7");
        assertThat(problems(erc721(ids, null)))
                .containsExactly("rule.token-ids: lists 5000 ids or ranges; at most " + "100 are allowed");
    }

    @Test
    void aReversedIdRangeThatCanNeverMatchIsRefused() {
        assertThat(problems(erc721(List.of("100-1"), null)))
                .containsExactly("rule.token-ids[0]: '100-1' runs "
                        + "backwards and can never match; write the lower id first, e.g. 1-100");
    }

    @Test
    void aRuleNestingThousandsOfChildrenIsRefused() {
        RuleSpec any = new RuleSpec(
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                Collections.nCopies(1000, erc20("1")),
                null);
        assertThat(problems(any)).containsExactly("rule.any: lists 1000 rules; at most 20 are allowed");
    }

    @Test
    void overlongTraitNamesAreRefused() {
        assertThat(problems(erc721(null, Map.of("x".repeat(5000), List.of("Gold")))))
                .containsExactly(
                        "rule.traits." + "x".repeat(40) + "…: trait names and values are at most 100 " + "characters");
    }
}
