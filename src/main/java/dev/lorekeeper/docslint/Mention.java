package dev.lorekeeper.docslint;

import java.util.List;

/**
 * A slash command named in a doc. {@code full} when it stood in code: then the bare words after its name are its
 * subcommand (two for a subcommand in a group) and {@code name:} or {@code [name]} its options. In running text the
 * word after the name is a subcommand only if the command has one by that name, and options are not read.
 */
record Mention(
        String file,
        int line,
        String name,
        List<String> words,
        List<String> options,
        boolean full,
        boolean calledACommand) {
    Mention {
        words = List.copyOf(words);
        options = List.copyOf(options);
    }

    /** Written with a subcommand or options, so it reads as a command whatever its name. */
    boolean hasArguments() {
        return full && (!words.isEmpty() || !options.isEmpty());
    }
}
