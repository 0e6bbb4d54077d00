package dev.lorekeeper.docslint;

import dev.lorekeeper.config.Names;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks every slash command that docs name against the commands the bot registers: unknown commands,
 * subcommands and options, one line each with where and, when a known name is close, what was probably meant.
 */
public final class DocsLinter {
    private static final int TYPO_MIN_LENGTH = 5;
    private static final int TYPO_MAX_EDITS = 2;

    private final Map<String, CommandSurface> commands;

    public DocsLinter(Collection<CommandSurface> commands) {
        this.commands =
                commands.stream().collect(Collectors.toUnmodifiableMap(CommandSurface::name, Function.identity()));
    }

    /** One doc: how problems name it, and its text. */
    public record Doc(String label, String text) {}

    /** {@code problems} as {@code file:line: message}, in file and line order. */
    public record Report(int docs, int mentions, List<String> problems) {
        public Report {
            problems = List.copyOf(problems);
        }
    }

    public Report lint(List<Doc> docs) {
        List<Mention> mentions = new ArrayList<>();
        docs.forEach(d -> mentions.addAll(MentionScanner.scan(d.label(), d.text())));
        Set<String> unknownCommands = unknownCommands(mentions);
        Set<String> problems = new LinkedHashSet<>();
        int checked = 0;
        for (Mention m : mentions) {
            CommandSurface c = commands.get(m.name());
            if (c != null) {
                checked++;
                check(m, c).ifPresent(p -> problems.add(m.file() + ":" + m.line() + ": " + p));
            } else if (unknownCommands.contains(m.name())) {
                problems.add(m.file() + ":" + m.line() + ": unknown command /" + m.name()
                        + hint(Names.nearest(m.name(), commands.keySet()).map(n -> "/" + n)));
            }
        }
        return new Report(docs.size(), checked, new ArrayList<>(problems));
    }

    /**
     * Unknown names that docs use as commands. Paths such as {@code /healthz} look the same, so a name counts once
     * any mention of it has a subcommand or options, stands on a line with the word "command", or is a typo of a
     * real one.
     */
    private Set<String> unknownCommands(List<Mention> mentions) {
        Set<String> out = new HashSet<>();
        for (Mention m : mentions) {
            if (!commands.containsKey(m.name()) && (m.hasArguments() || m.calledACommand() || isTypo(m.name()))) {
                out.add(m.name());
            }
        }
        return out;
    }

    /**
     * Two edits from a command, and long enough for that to mean something: {@code /wallet}, {@code /verfy}. The
     * "did you mean" of Names is looser (half the length), too loose to call {@code /data} or {@code /metrics} a
     * command.
     */
    private boolean isTypo(String name) {
        return name.length() >= TYPO_MIN_LENGTH
                && commands.keySet().stream().anyMatch(c -> Names.distance(name, c) <= TYPO_MAX_EDITS);
    }

    private Optional<String> check(Mention m, CommandSurface c) {
        String sub = null;
        if (!m.words().isEmpty()) {
            String word = m.words().get(0);
            if (c.isGroup(word) && m.words().size() > 1) {
                word += " " + m.words().get(1);
            }
            if (c.subcommands().containsKey(word)) {
                sub = word;
            } else if (m.full()) {
                return Optional.of("unknown subcommand /" + c.name() + " " + word + subcommandHint(c, word));
            }
        }
        Set<String> allowed = c.optionsOf(sub);
        String where = "/" + c.name() + (sub == null ? "" : " " + sub);
        for (String option : m.options()) {
            if (!allowed.contains(option)) {
                return Optional.of("unknown option " + option + ": in " + where
                        + hint(Names.nearest(option, allowed).map(n -> n + ":")));
            }
        }
        return Optional.empty();
    }

    /**
     * A close subcommand of the same command; otherwise the ones it has, and where else the word is a subcommand
     * (a doc may have the wrong command, as in {@code /quest choose} for {@code /character choose}).
     */
    private String subcommandHint(CommandSurface c, String word) {
        if (!c.hasSubcommands()) {
            return " (/" + c.name() + " has no subcommands)";
        }
        Optional<String> close = Names.nearest(word, c.subcommands().keySet());
        if (close.isPresent()) {
            return hint(close.map(s -> "/" + c.name() + " " + s));
        }
        String elsewhere = commands.values().stream()
                .filter(other -> other.subcommands().containsKey(word))
                .map(other -> "; /" + other.name() + " " + word + " exists")
                .sorted()
                .findFirst()
                .orElse("");
        return " (/" + c.name() + " has "
                + String.join(", ", new TreeSet<>(c.subcommands().keySet())) + elsewhere + ")";
    }

    private static String hint(Optional<String> suggestion) {
        return suggestion.map(s -> " (did you mean " + s + "?)").orElse("");
    }
}
