package dev.lorekeeper.discorddouble;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses what a member types: {@code /name [group] [sub] opt:value opt2:value with spaces}. */
record CommandLineInput(String path, Map<String, String> options) {
    private static final Pattern OPTION = Pattern.compile("(?:^|\\s)([a-z0-9_-]+):");

    static CommandLineInput parse(String line) {
        String text = line.trim();
        if (!text.startsWith("/")) {
            throw new IllegalArgumentException("a command starts with /: " + line);
        }
        text = text.substring(1);
        Matcher m = OPTION.matcher(text);
        int firstOption = m.find() ? m.start() : text.length();
        List<String> words =
                new ArrayList<>(List.of(text.substring(0, firstOption).trim().split("\\s+")));
        Map<String, String> options = new LinkedHashMap<>();
        m.reset();
        List<int[]> spans = new ArrayList<>();
        List<String> names = new ArrayList<>();
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
            names.add(m.group(1));
        }
        for (int i = 0; i < names.size(); i++) {
            int end = i + 1 < spans.size() ? spans.get(i + 1)[0] : text.length();
            options.put(names.get(i), text.substring(spans.get(i)[1], end).trim());
        }
        return new CommandLineInput(String.join(" ", words), options);
    }
}
