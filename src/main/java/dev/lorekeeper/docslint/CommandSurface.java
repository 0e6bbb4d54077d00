package dev.lorekeeper.docslint;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one slash command accepts, as plain names: its own options, or its subcommands with theirs (a subcommand in a
 * group is keyed "group sub"). Discord lets a command have options or subcommands, not both.
 */
public record CommandSurface(String name, Set<String> options, Map<String, Set<String>> subcommands) {
    public CommandSurface {
        options = Set.copyOf(new TreeSet<>(options));
        subcommands = Map.copyOf(new TreeMap<>(subcommands));
    }

    boolean hasSubcommands() {
        return !subcommands.isEmpty();
    }

    /** Options allowed after {@code sub}; with no subcommand named, any subcommand's. */
    Set<String> optionsOf(String sub) {
        if (sub != null) {
            return subcommands.getOrDefault(sub, Set.of());
        }
        if (!hasSubcommands()) {
            return options;
        }
        Set<String> all = new TreeSet<>();
        subcommands.values().forEach(all::addAll);
        return all;
    }

    /** Whether {@code word} opens a subcommand group, so that the next word names the subcommand. */
    boolean isGroup(String word) {
        return subcommands.keySet().stream().anyMatch(k -> k.startsWith(word + " "));
    }
}
