package dev.lorekeeper.web.dashboard;

import dev.lorekeeper.gate.Rule;
import java.util.List;
import java.util.stream.Collectors;

/** A rule in words, nesting included: "all of (1 × ERC-721 …; not (…))". */
final class RuleWords {
    private RuleWords() {}

    static String of(Rule rule) {
        if (rule instanceof Rule.AllOf a) {
            return a.rules().size() == 1 ? of(a.rules().get(0)) : "all of (" + join(a.rules()) + ")";
        }
        if (rule instanceof Rule.AnyOf a) {
            return "any of (" + join(a.rules()) + ")";
        }
        if (rule instanceof Rule.Not n) {
            return "not (" + of(n.rule()) + ")";
        }
        return ((Rule.Requirement) rule).describe();
    }

    private static String join(List<Rule> rules) {
        return rules.stream().map(RuleWords::of).collect(Collectors.joining("; "));
    }
}
