package dev.lorekeeper.discord;

import dev.lorekeeper.Refusal;
import dev.lorekeeper.config.RuleSpec;
import dev.lorekeeper.gate.RuleJson;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;

/**
 * The options of {@code /gate add} that describe a rule: their names (one constant for the definition and the
 * handler), their definitions, and how their text becomes a {@link RuleSpec}. Parsing is a plain function of the
 * option values, so it is tested without Discord.
 */
final class RuleOptions {
    static final String TYPE = "type";
    static final String CHAIN = "chain";
    static final String CONTRACT = "contract";
    static final String MIN = "min";
    static final String MAX = "max";
    static final String TOKEN_IDS = "token-ids";
    static final String TRAITS = "traits";
    static final String IDS = "ids";
    static final String AMOUNT = "amount";
    static final String RULE = "rule";

    private RuleOptions() {}

    static List<OptionData> definitions() {
        return List.of(
                new OptionData(OptionType.STRING, TYPE, "What must be held", true)
                        .addChoice("ERC-721 NFT", "erc721")
                        .addChoice("ERC-1155 token", "erc1155")
                        .addChoice("ERC-20 token", "erc20")
                        .addChoice("Native coin", "native")
                        .addChoice("Combined rule (JSON)", "json"),
                new OptionData(OptionType.STRING, CHAIN, "Chain name from the config", false, true),
                new OptionData(OptionType.STRING, CONTRACT, "Token contract address (0x…)", false),
                new OptionData(OptionType.INTEGER, MIN, "Minimum count (default 1)", false),
                new OptionData(OptionType.INTEGER, MAX, "Maximum count", false),
                new OptionData(OptionType.STRING, TOKEN_IDS, "ERC-721 ids or ranges: 1-100, 7", false),
                new OptionData(OptionType.STRING, TRAITS, "ERC-721 traits: Background=Gold|Silver; Eyes=Laser", false),
                new OptionData(OptionType.STRING, IDS, "ERC-1155 token ids: 1, 2", false),
                new OptionData(
                        OptionType.STRING, AMOUNT, "ERC-20 or native minimum in whole tokens, e.g. 100 or 0.5", false),
                new OptionData(OptionType.STRING, RULE, "Combined rule as JSON (all/any/not)", false));
    }

    /** The rule the options describe; {@code option} gives an option's text, or null when it was not given. */
    static RuleSpec parse(Function<String, String> option) {
        String type = option.apply(TYPE);
        if ("json".equals(type)) {
            String json = option.apply(RULE);
            if (json == null) {
                throw new Refusal("A combined rule needs the rule option, e.g. "
                        + "{\"any\":[{\"type\":\"erc721\",\"chain\":\"ethereum\",\"contract\":\"0x…\"}, …]}");
            }
            return RuleJson.parse(json);
        }
        return new RuleSpec(
                type,
                option.apply(CHAIN),
                option.apply(CONTRACT),
                number(option, MIN),
                number(option, MAX),
                list(option.apply(TOKEN_IDS)),
                traits(option.apply(TRAITS)),
                list(option.apply(IDS)),
                option.apply(AMOUNT),
                null,
                null,
                null);
    }

    /** "1, 2,,3" → [1, 2, 3]; null stays null (the option was not given). */
    static List<String> list(String raw) {
        return raw == null
                ? null
                : Arrays.stream(raw.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .toList();
    }

    /** "Background=Gold|Silver; Eyes=Laser" → {Background=[Gold, Silver], Eyes=[Laser]}. */
    static Map<String, List<String>> traits(String raw) {
        if (raw == null) {
            return null;
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String part : raw.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            String[] kv = part.split("=", 2);
            if (kv.length != 2 || kv[0].isBlank()) {
                throw new Refusal(
                        "Traits look like Background=Gold|Silver; Eyes=Laser — '" + part.trim() + "' has no =.");
            }
            out.put(
                    kv[0].trim(),
                    Arrays.stream(kv[1].split("\\|"))
                            .map(String::trim)
                            .filter(v -> !v.isEmpty())
                            .toList());
        }
        return out;
    }

    private static Long number(Function<String, String> option, String name) {
        String raw = option.apply(name);
        return raw == null ? null : Long.valueOf(raw);
    }
}
