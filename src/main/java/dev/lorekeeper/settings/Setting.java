package dev.lorekeeper.settings;

import dev.lorekeeper.Refusal;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** A per-server setting that moderators may change, with the rule its value must follow. */
public enum Setting {
    AUDIT_CHANNEL("audit-channel", Kind.CHANNEL),
    QA_CHANNELS("qa-channels", Kind.CHANNEL_LIST),
    MODERATOR_ROLE("moderator-role", Kind.ROLE),
    VERIFICATION("feature.verification", Kind.SWITCH),
    GATING("feature.gating", Kind.SWITCH),
    QA("feature.qa", Kind.SWITCH),
    CHARACTERS("feature.characters", Kind.SWITCH),
    DELEGATION("gating.delegation", Kind.SWITCH),
    PUBLIC_PAGES("characters.public-pages", Kind.SWITCH);

    private static final Pattern ID = Pattern.compile("\\d{15,21}");

    private final String key;
    private final Kind kind;

    Setting(String key, Kind kind) {
        this.key = key;
        this.kind = kind;
    }

    public String key() {
        return key;
    }

    public Kind kind() {
        return kind;
    }

    public static Optional<Setting> byKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equalsIgnoreCase(key)).findFirst();
    }

    /** Normalises a value, or explains what is wrong with it. */
    public String normalise(String raw) {
        String v = raw == null ? "" : raw.trim();
        switch (kind) {
            case SWITCH -> {
                String lower = v.toLowerCase(Locale.ROOT);
                if (lower.equals("on") || lower.equals("true")) {
                    return "true";
                }
                if (lower.equals("off") || lower.equals("false")) {
                    return "false";
                }
                throw new Refusal("Not changed: " + key + " takes on or off, not '" + v + "'");
            }
            case CHANNEL, ROLE -> {
                if (!ID.matcher(v).matches()) {
                    throw new Refusal("Not changed: " + key + " needs a "
                            + kind.name().toLowerCase(Locale.ROOT) + " id, not '" + v + "'");
                }
                return v;
            }
            default -> {
                String[] ids = v.split("[,\\s]+");
                for (String id : ids) {
                    if (!ID.matcher(id).matches()) {
                        throw new Refusal("Not changed: " + key + " needs channel ids separated by commas; '" + id
                                + "' is not one");
                    }
                }
                return String.join(",", ids);
            }
        }
    }

    /** What shape of value a setting takes. */
    public enum Kind {
        SWITCH,
        CHANNEL,
        CHANNEL_LIST,
        ROLE
    }
}
