package dev.lorekeeper.config;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${VAR}} and {@code ${VAR:-default}} in config values. Interpolation happens on parsed scalar
 * values, never on the raw YAML text, so an environment value can not change the document's structure.
 */
public final class EnvInterpolator {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\$\\{|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");

    private final Map<String, String> env;

    public EnvInterpolator(Map<String, String> env) {
        this.env = env;
    }

    /** Returns the interpolated value, or the name of the first variable that is unset and has no default. */
    public Result interpolate(String value) {
        Matcher m = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            if (m.group().equals("$${")) {
                m.appendReplacement(out, Matcher.quoteReplacement("${"));
                continue;
            }
            String name = m.group(1);
            String fallback = m.group(3);
            String resolved = Optional.ofNullable(env.get(name))
                    .filter(v -> !v.isEmpty() || fallback == null)
                    .orElse(fallback);
            if (resolved == null) {
                return new Result(null, name);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(resolved));
        }
        m.appendTail(out);
        return new Result(out.toString(), null);
    }

    public static boolean references(String value) {
        return REFERENCE.matcher(value).find();
    }

    /** Either a value, or the missing variable's name. */
    public record Result(String value, String missingVariable) {
        public boolean ok() {
            return missingVariable == null;
        }
    }
}
