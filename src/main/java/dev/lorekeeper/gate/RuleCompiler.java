package dev.lorekeeper.gate;

import dev.lorekeeper.config.RuleSpec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/** Turns a validated {@link RuleSpec} into a {@link Rule}. Validation ({@code RuleSpecValidator}) comes first. */
public final class RuleCompiler {
    private RuleCompiler() {}

    public static Rule compile(RuleSpec s) {
        if (s.all() != null) {
            return new Rule.AllOf(s.all().stream().map(RuleCompiler::compile).toList());
        }
        if (s.any() != null) {
            return new Rule.AnyOf(s.any().stream().map(RuleCompiler::compile).toList());
        }
        if (s.not() != null) {
            return new Rule.Not(compile(s.not()));
        }
        return switch (s.type()) {
            case "erc721" ->
                new Rule.Erc721(
                        s.chain(),
                        s.contract(),
                        s.min() == null ? 1 : s.min(),
                        s.max(),
                        s.tokenIds() == null
                                ? List.of()
                                : s.tokenIds().stream().map(RuleCompiler::range).toList(),
                        s.traits() == null ? Map.of() : Map.copyOf(s.traits()));
            case "erc1155" ->
                new Rule.Erc1155(
                        s.chain(),
                        s.contract(),
                        s.ids().stream().map(i -> new BigInteger(i.trim())).toList(),
                        s.min() == null ? 1 : s.min());
            case "erc20" ->
                new Rule.Erc20(
                        s.chain(), s.contract(), new BigDecimal(s.amount().trim()));
            case "native" ->
                new Rule.Native(s.chain(), new BigDecimal(s.amount().trim()));
            default -> throw new IllegalArgumentException("unknown requirement type " + s.type());
        };
    }

    private static Rule.IdRange range(String text) {
        String[] parts = text.trim().split("-");
        BigInteger from = new BigInteger(parts[0]);
        return new Rule.IdRange(from, parts.length > 1 ? new BigInteger(parts[1]) : from);
    }
}
