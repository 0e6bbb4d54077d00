package dev.lorekeeper.discord;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The {@code custom_id} of a button or modal: {@code command:action:arg...}. The command part routes a click back to
 * the slash command that made it. Discord caps ids at 100 characters, so building a longer one fails fast here.
 */
public record ComponentId(String command, String action, List<String> args) {
    public static final int MAX_LENGTH = 100;
    private static final char SEP = ':';

    public ComponentId {
        args = List.copyOf(args);
        for (String part : concat(command, action, args)) {
            if (part.indexOf(SEP) >= 0) {
                throw new IllegalArgumentException("component id parts may not contain ':' (" + part + ")");
            }
        }
        if (encodedLength(command, action, args) > MAX_LENGTH) {
            throw new IllegalArgumentException("component id longer than " + MAX_LENGTH + " characters");
        }
    }

    public static ComponentId of(String command, String action, String... args) {
        return new ComponentId(command, action, Arrays.asList(args));
    }

    public static Optional<ComponentId> parse(String raw) {
        String[] parts = raw.split(String.valueOf(SEP), -1);
        if (parts.length < 2) {
            return Optional.empty();
        }
        return Optional.of(
                new ComponentId(parts[0], parts[1], Arrays.asList(parts).subList(2, parts.length)));
    }

    public String arg(int i) {
        return args.get(i);
    }

    public String encode() {
        return String.join(String.valueOf(SEP), concat(command, action, args));
    }

    /** Without the arguments, which may be bearer secrets (verify tokens); {@link #encode()} is the id itself. */
    @Override
    public String toString() {
        return command + SEP + action + (args.isEmpty() ? "" : " (" + args.size() + " args)");
    }

    private static List<String> concat(String command, String action, List<String> args) {
        List<String> all = new java.util.ArrayList<>(args.size() + 2);
        all.add(command);
        all.add(action);
        all.addAll(args);
        return all;
    }

    private static int encodedLength(String command, String action, List<String> args) {
        return concat(command, action, args).stream().mapToInt(String::length).sum() + args.size() + 1;
    }
}
