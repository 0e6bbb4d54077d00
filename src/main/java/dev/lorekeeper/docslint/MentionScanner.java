package dev.lorekeeper.docslint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the slash commands a Markdown or text file names, in code spans, code blocks and running text. */
final class MentionScanner {
    private static final String NAME = "[a-z][a-z0-9_-]*";
    private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~)");
    private static final Pattern CODE_SPAN = Pattern.compile("`([^`]+)`");
    private static final Pattern IN_CODE = Pattern.compile("^/(" + NAME + ")(?=\\s|$)");
    // Not a path (/etc/x, ./data, a:/b), a URL, a tag (</x>), a link target (](/x)) or a file (/x.yaml).
    private static final Pattern IN_PROSE =
            Pattern.compile("(?<![\\w/.:~}\\]<>@#-])(?<!]\\()/(" + NAME + ")(?![\\w/{(-]|\\.\\w)");
    private static final Pattern PROSE_WORD = Pattern.compile("\\G[ \\t]+(" + NAME + ")(?![\\w:-])");
    private static final Pattern LONE_OPTION = Pattern.compile("^(" + NAME + "):(?!//)\\S*$");
    private static final Pattern PLACEHOLDER = Pattern.compile("<[^>]*>");
    private static final Pattern BARE_WORD = Pattern.compile("\\G\\s+(" + NAME + ")(?=\\s|$)");
    private static final Pattern OPTION = Pattern.compile("(?:^|[\\s\\[])(" + NAME + "):(?!//)|\\[(" + NAME + ")]");
    private static final Pattern COMMAND_WORD = Pattern.compile("(?i)\\bcommands?\\b");

    private MentionScanner() {}

    static List<Mention> scan(String file, String text) {
        List<Mention> out = new ArrayList<>();
        boolean fenced = false;
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (FENCE.matcher(line).find()) {
                fenced = !fenced;
            } else if (fenced) {
                Matcher m = IN_CODE.matcher(line.strip());
                if (m.find()) {
                    out.add(full(file, i + 1, m.group(1), line.strip().substring(m.end()), false));
                }
            } else {
                out.addAll(scanLine(file, i + 1, line));
            }
        }
        return out;
    }

    private record Found(int at, Mention mention, String loneOption) {}

    private static List<Mention> scanLine(String file, int line, String text) {
        boolean calledACommand = COMMAND_WORD.matcher(text).find();
        List<Found> found = new ArrayList<>();
        StringBuilder prose = new StringBuilder(text);
        Matcher span = CODE_SPAN.matcher(text);
        while (span.find()) {
            prose.replace(span.start(), span.end(), " ".repeat(span.end() - span.start()));
            String code = span.group(1).strip();
            Matcher command = IN_CODE.matcher(code);
            Matcher option = LONE_OPTION.matcher(code);
            if (command.find()) {
                found.add(new Found(
                        span.start(),
                        full(file, line, command.group(1), code.substring(command.end()), calledACommand),
                        null));
            } else if (option.matches()) {
                found.add(new Found(span.start(), null, option.group(1)));
            }
        }
        Matcher command = IN_PROSE.matcher(prose);
        while (command.find()) {
            Matcher word = PROSE_WORD.matcher(prose).region(command.end(), prose.length());
            List<String> words = word.find() ? List.of(word.group(1)) : List.of();
            found.add(new Found(
                    command.start(),
                    new Mention(file, line, command.group(1), words, List.of(), false, calledACommand),
                    null));
        }
        found.sort(Comparator.comparingInt(Found::at));
        return withLoneOptions(found);
    }

    /** An option written on its own ({@code `address:`}) belongs to the command named before it on the line. */
    private static List<Mention> withLoneOptions(List<Found> found) {
        List<Mention> out = new ArrayList<>();
        Mention last = null;
        for (Found f : found) {
            if (f.mention() != null) {
                last = f.mention();
                out.add(last);
            } else if (last != null) {
                out.add(new Mention(
                        last.file(),
                        last.line(),
                        last.name(),
                        last.full() ? last.words() : List.of(),
                        List.of(f.loneOption()),
                        true,
                        last.calledACommand()));
            }
        }
        return out;
    }

    private static Mention full(String file, int line, String name, String rest, boolean calledACommand) {
        String args = PLACEHOLDER.matcher(rest).replaceAll("x");
        List<String> words = new ArrayList<>();
        Matcher word = BARE_WORD.matcher(args);
        while (words.size() < 2 && word.find()) {
            words.add(word.group(1));
        }
        List<String> options = new ArrayList<>();
        Matcher option = OPTION.matcher(args);
        while (option.find()) {
            options.add(option.group(1) != null ? option.group(1) : option.group(2));
        }
        return new Mention(file, line, name, words, options, true, calledACommand);
    }
}
