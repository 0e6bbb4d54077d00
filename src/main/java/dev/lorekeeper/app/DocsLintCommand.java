package dev.lorekeeper.app;

import dev.lorekeeper.discord.CommandCatalog;
import dev.lorekeeper.docslint.CommandSurface;
import dev.lorekeeper.docslint.DocsLinter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lorekeeper docs lint [--docs DIR] [FILES...]}: every slash command, subcommand and option that Markdown and
 * text files name must exist in the bot; exit 1 with one line per problem when one does not.
 */
@Command(
        name = "lint",
        mixinStandardHelpOptions = true,
        description = {
            "Check that the slash commands, subcommands and options the docs name exist in the bot.",
            "Commands in code (`/gate add role:<@role>`, code blocks) are checked with their subcommand and "
                    + "options; in running text, the name."
        })
public final class DocsLintCommand implements Callable<Integer> {
    private static final Set<String> TEXT = Set.of(".md", ".markdown", ".txt");

    @Option(
            names = "--docs",
            paramLabel = "DIR",
            description = "Folder whose Markdown and text files are checked (default: config/knowledge when no "
                    + "FILES are given)")
    Path docs;

    @Parameters(paramLabel = "FILES", arity = "0..*", description = "Markdown or text files, e.g. README.md")
    List<Path> files = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<DocsLinter.Doc> texts = new ArrayList<>();
        if (docs != null || files.isEmpty()) {
            texts.addAll(folder(docs != null ? docs : Path.of("config", "knowledge")));
        }
        files.forEach(f -> texts.add(read(f)));
        DocsLinter.Report report = new DocsLinter(surfaces(CommandCatalog.all())).lint(texts);
        if (report.problems().isEmpty()) {
            spec.commandLine()
                    .getOut()
                    .println("docs OK: " + report.mentions() + " command mentions in " + report.docs()
                            + " files match the bot's commands");
            return 0;
        }
        PrintWriter err = spec.commandLine().getErr();
        report.problems().forEach(err::println);
        err.println(report.problems().size() + (report.problems().size() == 1 ? " problem" : " problems"));
        return 1;
    }

    /** Names only: what the lint needs from JDA's definitions. */
    static List<CommandSurface> surfaces(List<SlashCommandData> definitions) {
        List<CommandSurface> out = new ArrayList<>();
        for (SlashCommandData d : definitions) {
            Map<String, Set<String>> subs = new HashMap<>();
            d.getSubcommands().forEach(s -> subs.put(s.getName(), optionNames(s.getOptions())));
            d.getSubcommandGroups()
                    .forEach(g -> g.getSubcommands()
                            .forEach((SubcommandData s) ->
                                    subs.put(g.getName() + " " + s.getName(), optionNames(s.getOptions()))));
            out.add(new CommandSurface(d.getName(), optionNames(d.getOptions()), subs));
        }
        return out;
    }

    private static Set<String> optionNames(List<OptionData> options) {
        Set<String> names = new HashSet<>();
        options.forEach(o -> names.add(o.getName()));
        return names;
    }

    private static List<DocsLinter.Doc> folder(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new CliFailure(2, "error: --docs " + dir + " is not a folder");
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p ->
                            TEXT.stream().anyMatch(p.getFileName().toString().toLowerCase(Locale.ROOT)::endsWith))
                    .filter(p -> !hidden(dir.relativize(p)))
                    .sorted()
                    .map(DocsLintCommand::read)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Tools keep their own files under dot-folders (the docs index is one). */
    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static DocsLinter.Doc read(Path file) {
        try {
            return new DocsLinter.Doc(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CliFailure(2, "error: cannot read " + file + " (" + e.getMessage() + ")");
        }
    }
}
