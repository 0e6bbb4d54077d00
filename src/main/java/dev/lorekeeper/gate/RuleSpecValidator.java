package dev.lorekeeper.gate;

import dev.lorekeeper.config.ConfigProblem;
import dev.lorekeeper.config.Names;
import dev.lorekeeper.config.RuleSpec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a rule tree and reports every problem with its path (for example
 * {@code gates[1].rule.all[0].chain: unknown chain 'polygn' (known: ethereum, base)}). Shared by config loading and
 * the /gate commands, so a rule is checked the same way wherever it comes from.
 */
public final class RuleSpecValidator {
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final Pattern TOKEN_ID = Pattern.compile("\\d{1,78}(-\\d{1,78})?");
    private static final Set<String> TYPES = Set.of("erc721", "erc1155", "erc20", "native");
    private static final int MAX_DEPTH = 8;
    /** Bounds that keep one gate from costing the sweep more than a few hundred reads per member. */
    static final int MAX_IDS = 100;

    static final int MAX_TRAITS = 20;
    static final int MAX_CHILDREN = 20;
    static final int MAX_DECIMALS = 77;
    static final int MAX_WHOLE_DIGITS = 60;
    private static final int MAX_AMOUNT_CHARS = 100;
    private static final int MAX_TEXT = 100;

    private final Set<String> chains;
    private final List<ConfigProblem> problems = new ArrayList<>();

    public RuleSpecValidator(Set<String> chains) {
        this.chains = chains;
    }

    public List<ConfigProblem> validate(RuleSpec rule, String path) {
        check(rule, path, 0);
        return problems;
    }

    private void check(RuleSpec r, String path, int depth) {
        if (r == null) {
            add(path, "is missing: give a requirement (type: erc721, erc1155, erc20, native) or all/any/not");
            return;
        }
        if (depth > MAX_DEPTH) {
            add(path, "is nested deeper than " + MAX_DEPTH + " levels");
            return;
        }
        int kinds = (r.type() != null ? 1 : 0)
                + (r.all() != null ? 1 : 0)
                + (r.any() != null ? 1 : 0)
                + (r.not() != null ? 1 : 0);
        if (kinds != 1) {
            add(
                    path,
                    kinds == 0
                            ? "needs a type (erc721, erc1155, erc20, native) or one of all, any, not"
                            : "has more than one of type, all, any, not; use one per level and nest the others");
            return;
        }
        if (r.all() != null || r.any() != null) {
            List<RuleSpec> children = r.all() != null ? r.all() : r.any();
            String key = r.all() != null ? "all" : "any";
            if (children.isEmpty()) {
                add(path + "." + key, "is empty: list at least one rule");
            }
            atMost(path + "." + key, children.size(), MAX_CHILDREN, "rules");
            for (int i = 0; i < children.size() && i < MAX_CHILDREN; i++) {
                check(children.get(i), path + "." + key + "[" + i + "]", depth + 1);
            }
            return;
        }
        if (r.not() != null) {
            check(r.not(), path + ".not", depth + 1);
            return;
        }
        requirement(r, path);
    }

    private void requirement(RuleSpec r, String path) {
        if (!TYPES.contains(r.type())) {
            add(path + ".type", "'" + r.type() + "' is not a requirement type (erc721, erc1155, erc20, native)");
            return;
        }
        if (r.chain() == null) {
            add(path + ".chain", "is required: the name of a chain under chains:");
        } else if (!chains.contains(r.chain())) {
            String known = chains.isEmpty()
                    ? "none are configured; add one under chains:"
                    : "known: " + String.join(", ", chains.stream().sorted().toList());
            String hint = Names.nearest(r.chain(), chains)
                    .map(n -> "; did you mean '" + n + "'?")
                    .orElse("");
            add(path + ".chain", "unknown chain '" + r.chain() + "' (" + known + hint + ")");
        }
        if (!r.type().equals("native")) {
            if (r.contract() == null || !ADDRESS.matcher(r.contract()).matches()) {
                add(
                        path + ".contract",
                        r.contract() == null
                                ? "is required: the token contract's 0x address"
                                : "'" + r.contract() + "' is not a 0x address of 40 hex characters");
            }
        }
        if (r.min() != null && r.min() < 0) {
            add(path + ".min", "must be 0 or more");
        }
        if (r.max() != null && r.max() < (r.min() == null ? 1 : r.min())) {
            add(path + ".max", "must be at least min");
        }
        switch (r.type()) {
            case "erc721" -> {
                if (r.tokenIds() != null) {
                    atMost(path + ".token-ids", r.tokenIds().size(), MAX_IDS, "ids or ranges");
                    for (int i = 0; i < r.tokenIds().size() && i < MAX_IDS; i++) {
                        String id = r.tokenIds().get(i) == null
                                ? ""
                                : r.tokenIds().get(i).trim();
                        if (!TOKEN_ID.matcher(id).matches()) {
                            add(
                                    path + ".token-ids[" + i + "]",
                                    "'" + abbreviate(id) + "' is not a token id or range such as 7 or 1-100");
                        } else if (id.contains("-")
                                && new BigInteger(id.split("-")[0]).compareTo(new BigInteger(id.split("-")[1])) > 0) {
                            add(
                                    path + ".token-ids[" + i + "]",
                                    "'" + id + "' runs backwards and can never match; "
                                            + "write the lower id first, e.g. " + id.split("-")[1] + "-"
                                            + id.split("-")[0]);
                        }
                    }
                }
                atMost(path + ".traits", r.traitsOrEmpty().size(), MAX_TRAITS, "traits");
                r.traitsOrEmpty().forEach((trait, values) -> {
                    if (values == null || values.isEmpty()) {
                        add(path + ".traits." + abbreviate(trait), "lists no values");
                    } else if (trait.length() > MAX_TEXT
                            || values.stream().anyMatch(v -> v == null || v.length() > MAX_TEXT)) {
                        add(
                                path + ".traits." + abbreviate(trait),
                                "trait names and values are at most " + MAX_TEXT + " characters");
                    } else {
                        atMost(path + ".traits." + trait, values.size(), MAX_IDS, "values");
                    }
                });
            }
            case "erc1155" -> {
                if (r.ids() == null || r.ids().isEmpty()) {
                    add(path + ".ids", "is required: the token id or ids that count");
                } else {
                    atMost(path + ".ids", r.ids().size(), MAX_IDS, "ids");
                    for (int i = 0; i < r.ids().size() && i < MAX_IDS; i++) {
                        String id = r.ids().get(i) == null ? "" : r.ids().get(i).trim();
                        if (!id.matches("\\d{1,78}")) {
                            add(path + ".ids[" + i + "]", "'" + abbreviate(id) + "' is not a token id");
                        }
                    }
                }
            }
            default -> amount(r, path);
        }
    }

    private void amount(RuleSpec r, String path) {
        if (r.amount() == null) {
            add(path + ".amount", "is required: the minimum balance in whole tokens, e.g. 100 or 0.5");
            return;
        }
        String text = r.amount().trim();
        if (text.length() > MAX_AMOUNT_CHARS) {
            add(path + ".amount", "is " + text.length() + " characters long; write a plain number such as 100 or 0.5");
            return;
        }
        try {
            BigDecimal amount = new BigDecimal(text);
            // Checked before anything prints the number: toPlainString of 1e-1000000000 needs gigabytes.
            if (amount.signum() < 0) {
                add(path + ".amount", "must not be negative");
            } else if (amount.scale() > MAX_DECIMALS) {
                add(
                        path + ".amount",
                        "has more than " + MAX_DECIMALS + " decimal places; no token is that " + "divisible");
            } else if (amount.precision() - amount.scale() > MAX_WHOLE_DIGITS) {
                add(
                        path + ".amount",
                        "is larger than any token supply (more than " + MAX_WHOLE_DIGITS + " digits before the point)");
            }
        } catch (NumberFormatException e) {
            add(path + ".amount", "'" + abbreviate(text) + "' is not a number; write it like 100 or 0.5");
        }
    }

    private void atMost(String path, int size, int max, String what) {
        if (size > max) {
            add(path, "lists " + size + " " + what + "; at most " + max + " are allowed");
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    private void add(String path, String message) {
        problems.add(new ConfigProblem(path, message));
    }
}
