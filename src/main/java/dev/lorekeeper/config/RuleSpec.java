package dev.lorekeeper.config;

import java.util.List;
import java.util.Map;

/**
 * A gate rule as written in YAML or stored as JSON: either a requirement ({@code type} erc721, erc1155, erc20 or
 * native, with its fields) or a combination ({@code all}, {@code any}, {@code not}) nested to any depth.
 * {@link RuleSpecValidator} checks it; the gate feature compiles it.
 */
public record RuleSpec(
        String type,
        String chain,
        String contract,
        Long min,
        Long max,
        List<String> tokenIds,
        Map<String, List<String>> traits,
        List<String> ids,
        String amount,
        List<RuleSpec> all,
        List<RuleSpec> any,
        RuleSpec not) {

    public static RuleSpec erc721(String chain, String contract, long min) {
        return new RuleSpec("erc721", chain, contract, min, null, null, null, null, null, null, null, null);
    }

    public static RuleSpec erc1155(String chain, String contract, List<String> ids, long min) {
        return new RuleSpec("erc1155", chain, contract, min, null, null, null, ids, null, null, null, null);
    }

    public static RuleSpec erc20(String chain, String contract, String amount) {
        return new RuleSpec("erc20", chain, contract, null, null, null, null, null, amount, null, null, null);
    }

    public static RuleSpec nativeBalance(String chain, String amount) {
        return new RuleSpec("native", chain, null, null, null, null, null, null, amount, null, null, null);
    }

    public static RuleSpec allOf(List<RuleSpec> rules) {
        return new RuleSpec(null, null, null, null, null, null, null, null, null, rules, null, null);
    }

    public static RuleSpec anyOf(List<RuleSpec> rules) {
        return new RuleSpec(null, null, null, null, null, null, null, null, null, null, rules, null);
    }

    public static RuleSpec negate(RuleSpec rule) {
        return new RuleSpec(null, null, null, null, null, null, null, null, null, null, null, rule);
    }

    /** Traits as given, never null. */
    public Map<String, List<String>> traitsOrEmpty() {
        return traits == null ? Map.of() : traits;
    }
}
